/**
 * Display width (a CJK character takes two columns), built as its own file (dist/width.cjs):
 * string-width compiles Unicode property expressions and an Intl.Segmenter when it loads,
 * which costs tens of milliseconds that only a table needs.
 */
export { default as stringWidth } from "string-width";
