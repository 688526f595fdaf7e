/** Text meant for a terminal. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Text with every control character (escape sequences, line breaks, tabs) shown as an escape. */
export function sanitize(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSENDABLE = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Whether a secret holds a space or a control character, which no header can carry. */
export const unsendable = (text: string): boolean => UNSENDABLE.test(text);
