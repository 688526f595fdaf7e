/**
 * YAML output of JSON data, block style. A small emitter instead of a YAML library: the CLI
 * only ever prints JSON-compatible values, and a full library was half the bundle (start-up).
 * Strings that could read as something else are written JSON-quoted, which is valid YAML.
 */

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./@()+-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  const text = String(value);
  return PLAIN.test(text) &&
    !RESERVED.test(text) &&
    !text.endsWith(" ") &&
    !text.includes(": ") &&
    !text.includes(" #")
    ? text
    : JSON.stringify(text);
}

const isComposite = (value: unknown): value is object => typeof value === "object" && value !== null;

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => {
      if (!isComposite(item) || (Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0))
        return [`${indent}- ${isComposite(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item)}`];
      const [first, ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${(first as string).slice(indent.length + 2)}`, ...rest];
    });
  }
  if (isComposite(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}{}`];
    return entries.flatMap(([key, item]) => {
      const k = scalar(key);
      if (isComposite(item) && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0))
        return [`${indent}${k}:`, ...lines(item, Array.isArray(item) ? indent : `${indent}  `)];
      return [`${indent}${k}: ${isComposite(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** The YAML text of a JSON value. */
export function toYaml(value: unknown): string {
  return lines(value, "").join("\n");
}
