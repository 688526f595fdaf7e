/**
 * @hss/args: strict argv parsing for `hss` and `hss-mock`. `node:util` `parseArgs` splits the
 * line into tokens; every token is then checked here: an unknown flag (long or short), a
 * missing value, a value outside its schema, a flag given twice or a surplus argument is a
 * `UsageError` naming the flag as the user typed it and what is allowed, with a "did you mean"
 * suggestion. Values are converted and validated with the spec runtime's own validator, and a
 * secret flag's value is never echoed.
 */
import { parseArgs } from "node:util";
import { describeSchema, parseParameter, type Schema, validateValue } from "@hss/client/spec";

/** One flag. */
export interface FlagSpec {
  /** `--name` on the command line (kebab-case). */
  name: string;
  /** Where the value goes in the result. */
  key: string;
  schema: Schema;
  help: string;
  /** A one-letter alias (`-o`). */
  short?: string;
  /** Takes no value (`--all`); `--all=false` turns it off. */
  boolean?: boolean;
  /** May be given several times; the values are collected in order. */
  repeatable?: boolean;
  /** Its value is never shown in an error (tokens, keys). */
  secret?: boolean;
  /** A custom conversion (times): the value, or undefined when the text is not valid. */
  parse?: (text: string) => unknown;
  /** What the value is, for help (`<time>`, `<url>`); the schema's type by default. */
  placeholder?: string;
  /** What a custom conversion accepts, in words. */
  expects?: string;
}

/** A positional argument. */
export interface PositionalSpec {
  name: string;
  key: string;
  schema: Schema;
  help: string;
  required: boolean;
}

/** A usage error (a CLI exits 2 with its message). */
export class UsageError extends Error {}

/** The parsed line. */
export interface Parsed {
  values: Record<string, unknown>;
  /** Positional words not claimed by a PositionalSpec (only when `extra` allows them). */
  rest: string[];
  /** Which flag, as typed (`--updated-after`, `-o`), set each key: for messages about values. */
  shown: Record<string, string>;
}

/** Edit distance: insertions, deletions, substitutions and swaps of neighbours each count 1. */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** The closest candidate to `input`, if one is close enough to be a likely typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const normal = input.replace(/_/g, "-").toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === normal) return candidate;
    const distance = editDistance(normal, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const allowed = Math.max(1, Math.floor(Math.max(input.length, 3) / 3));
  return bestDistance <= allowed ? best : undefined;
}

const didYouMean = (hint: string | undefined) => (hint ? `; did you mean ${hint}?` : "");

/**
 * Text with a URL's `user:password@` masked, whether or not a scheme comes first
 * (`http://u:p@host`, `u:p@proxy:3128`): a password is a secret wherever it is typed.
 */
export function maskUserinfo(text: string): string {
  return text.replace(/^((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/)?[^/?#@\s]*@/, "$1***@");
}

/** `(got "...")`, or nothing for a secret. */
function got(flag: { secret?: boolean | undefined }, text: string): string {
  if (flag.secret) return " (the value is not shown)";
  const shown = maskUserinfo(text);
  return ` (got ${JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}...` : shown)})`;
}

/** What a flag's value must be, in words. */
export function expects(flag: FlagSpec): string {
  return flag.expects ?? describeSchema(flag.schema);
}

/** Converts and validates one flag value; throws a UsageError naming the flag as typed (`shown`). */
export function flagValue(flag: FlagSpec, text: string, shown = `--${flag.name}`): unknown {
  if (flag.parse) {
    const value = flag.parse(text);
    // What the user typed is not the converted value: describe what may be typed.
    const violations = value === undefined ? [] : validateValue(flag.schema, value, shown, "flag");
    if (value === undefined || violations.length)
      throw new UsageError(
        `${shown}: ${flag.expects || value === undefined ? `must be ${expects(flag)}` : violations[0]?.message}${got(flag, text)}`,
      );
    return value;
  }
  const parsed = parseParameter({ name: shown, in: "query", schema: flag.schema }, text);
  const violations =
    "violation" in parsed ? [parsed.violation] : validateValue(flag.schema, parsed.value, shown, "flag");
  if (violations.length) {
    const message = violations[0]?.message ?? `must be ${expects(flag)}`;
    const hint = flag.schema.enum ? suggest(text, flag.schema.enum.map(String)) : undefined;
    throw new UsageError(`${shown}: ${message}${got(flag, text)}${didYouMean(hint)}`);
  }
  return "value" in parsed ? parsed.value : text;
}

/** Options of `parseFlags`. */
export interface ParseOptions {
  /** Positional arguments, in order. */
  positionals?: readonly PositionalSpec[];
  /** Accept words beyond the positionals (returned in `rest`). Default false: they are an error. */
  extra?: boolean;
  /** The command the flags belong to, for messages (`list-vul-repo-image`). */
  command?: string;
  /** Where to read more, for messages (`hss list-vul-repo-image --help`). */
  help?: string;
}

const looksLikeFlag = (text: string) => /^--?[A-Za-z]/.test(text);

/** Parses argv against flags and positionals, strictly. */
export function parseFlags(
  argv: readonly string[],
  flags: readonly FlagSpec[],
  options: ParseOptions = {},
): Parsed {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.short).map((f) => [`-${f.short}`, f]));
  const config = Object.fromEntries(
    flags.map((f) => [
      f.name,
      {
        type: f.boolean ? ("boolean" as const) : ("string" as const),
        multiple: f.repeatable === true,
        ...(f.short && { short: f.short }),
      },
    ]),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, unknown> = {};
  /** Which flag, as typed, set each key (two flags may set one field: `--all-images`, `--operate-all`). */
  const setBy = new Map<string, string>();
  const words: string[] = [];
  const where = options.command ? ` for ${options.command}` : "";
  const see = options.help ? ` (see ${options.help})` : "";
  for (const token of tokens) {
    if (token.kind === "positional") words.push(token.value);
    if (token.kind !== "option") continue;
    // A long name only as `--name`, a short one only as `-x`: `--o` is not `-o`.
    const long = token.rawName.startsWith("--");
    const flag = long ? byName.get(token.name) : byShort.get(token.rawName.slice(0, 2));
    const shown = token.rawName;
    if (!flag) {
      const asShort = byShort.has(`-${token.name}`) ? `-${token.name}` : undefined;
      const closest = suggest(
        token.name,
        flags.map((f) => f.name),
      );
      const hint = asShort ?? (closest && `--${closest}`);
      throw new UsageError(`unknown option ${token.rawName}${where}${didYouMean(hint)}${see}`);
    }
    let value: unknown;
    if (flag.boolean) {
      const text = token.inlineValue ? String(token.value) : "true";
      if (text !== "true" && text !== "false")
        throw new UsageError(`${shown}: takes no value, or =true / =false${got(flag, text)}`);
      value = text === "true";
    } else {
      let text = token.value;
      // `-o=table` means what `--output=table` means (as in kubectl and git).
      if (text !== undefined && token.inlineValue && !token.rawName.startsWith("--") && text.startsWith("="))
        text = text.slice(1);
      if (text === undefined || (!token.inlineValue && (looksLikeFlag(text) || text === "--")))
        throw new UsageError(`${shown} needs a value: ${expects(flag)}`);
      value = flagValue(flag, text, shown);
    }
    if (flag.repeatable) values[flag.key] = [...((values[flag.key] as unknown[] | undefined) ?? []), value];
    else if (setBy.has(flag.key)) {
      const first = setBy.get(flag.key);
      throw new UsageError(
        first === shown
          ? `${shown} is given twice`
          : `${shown} and ${first} both set ${flag.key.replace(/^\w+\./, "")}; give one`,
      );
    } else values[flag.key] = value;
    setBy.set(flag.key, shown);
  }
  const positionals = options.positionals ?? [];
  const rest: string[] = [];
  for (const [i, word] of words.entries()) {
    const spec = positionals[i];
    if (!spec) {
      if (options.extra) {
        rest.push(word);
        continue;
      }
      const takes = positionals.length
        ? `takes only ${positionals.map((p) => `<${p.name}>`).join(" ")}`
        : "takes no arguments";
      throw new UsageError(
        `unexpected argument ${JSON.stringify(word)}: ${options.command ?? "it"} ${takes}${see}`,
      );
    }
    // An argument is text like a flag's value: an integer path parameter becomes a number.
    const parsed = parseParameter({ name: spec.name, in: "path", schema: spec.schema }, word);
    const violations =
      "violation" in parsed
        ? [parsed.violation]
        : validateValue(spec.schema, parsed.value, spec.name, "argument");
    if (violations.length)
      throw new UsageError(
        `<${spec.name}>: ${violations[0]?.message} (got ${JSON.stringify(word.slice(0, 80))})`,
      );
    values[spec.key] = "value" in parsed ? parsed.value : word;
  }
  return { values, rest, shown: Object.fromEntries(setBy) };
}

/** The positionals still missing, for a "needs <vul_id>" message. */
export function missingPositionals(
  values: Record<string, unknown>,
  positionals: readonly PositionalSpec[],
): PositionalSpec[] {
  return positionals.filter((p) => p.required && values[p.key] === undefined);
}
