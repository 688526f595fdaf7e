/**
 * argv -> command and values: a pure function (no process, no I/O), so tests pass argv in.
 * Every value is parsed into its schema's type and validated by the spec's validator; a bad
 * one is a usage error naming the flag and the allowed range.
 */
import { describeSchema, parseParameter, type Schema, validateValue } from "@hss/client";
import { usage } from "./errors.js";
import { type FlagSpec, GLOBAL_FLAGS } from "./flags.js";
import { parseTime } from "./time.js";

/** What a command declares to the parser. */
export interface CommandShape {
  name: string;
  aliases: string[];
  flags: FlagSpec[];
  positionals: { name: string; key: string; help: string; schema: Schema; required: boolean }[];
}

/** The parsed line. */
export interface ParsedArgv {
  command: string | undefined;
  /** Global option values by key. */
  globals: Record<string, unknown>;
  /** Command flag and positional values by key. */
  values: Record<string, unknown>;
  /** Extra words after the command (for `help` and `completion`). */
  rest: string[];
}

/** Parses argv (without `node` and the script) for the given commands. Throws a CliError (exit 2). */
export function parseArgv(
  argv: readonly string[],
  commands: readonly CommandShape[],
  now = Date.now(),
): ParsedArgv {
  const globals: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  const rest: string[] = [];
  let command: CommandShape | undefined;
  let commandName: string | undefined;
  const find = (name: string): [FlagSpec, Record<string, unknown>] | undefined => {
    const local = command?.flags.find((f) => f.name === name);
    if (local) return [local, values];
    const global = GLOBAL_FLAGS.find((f) => f.name === name);
    return global ? [global, globals] : undefined;
  };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!optionsEnded && arg === "--") {
      // Before the command it is what `pnpm run hss -- ...` passes through: ignored. After the
      // command it ends the options (POSIX): what follows is positional.
      if (commandName) optionsEnded = true;
      continue;
    }
    if (!optionsEnded && arg === "-h") {
      globals.help = true;
      continue;
    }
    if (!optionsEnded && arg === "-o") {
      const [flag, into] = find("output") as [FlagSpec, Record<string, unknown>];
      setValue(flag, into, argv[++i], now);
      continue;
    }
    if (!optionsEnded && arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const found = find(name);
      if (!found) {
        const where = command ? ` for ${command.name} (see hss ${command.name} --help)` : " (see hss --help)";
        throw usage(`unknown option --${name}${where}`);
      }
      const [flag, into] = found;
      if (flag.boolean) {
        const text = eq < 0 ? "true" : arg.slice(eq + 1);
        if (text !== "true" && text !== "false")
          throw usage(`--${name}: must be true or false (got ${JSON.stringify(text)})`);
        into[flag.key] = text === "true";
        continue;
      }
      setValue(flag, into, eq < 0 ? argv[++i] : arg.slice(eq + 1), now);
      continue;
    }
    if (!commandName) {
      commandName = arg;
      command = commands.find((c) => c.name === arg || c.aliases.includes(arg));
      if (!command && arg !== "help")
        throw usage(
          `unknown command ${JSON.stringify(arg)}; commands: ${commands.map((c) => c.name).join(", ")}`,
        );
      continue;
    }
    const positional = command?.positionals.find((p) => values[p.key] === undefined);
    if (!positional) {
      rest.push(arg);
      continue;
    }
    const violations = validateValue(positional.schema, arg, positional.name, "argument");
    if (violations.length)
      throw usage(`${positional.name}: ${violations[0]?.message} (got ${JSON.stringify(arg.slice(0, 80))})`);
    values[positional.key] = arg;
  }
  if (command && !globals.help)
    for (const p of command.positionals)
      if (p.required && values[p.key] === undefined)
        throw usage(`${command.name} needs <${p.name}>: ${p.help}`);
  return { command: command?.name ?? commandName, globals, values, rest };
}

function setValue(
  flag: FlagSpec,
  into: Record<string, unknown>,
  text: string | undefined,
  now: number,
): void {
  if (text === undefined)
    throw usage(
      `--${flag.name} needs a value: ${flag.time ? "an ISO date or a duration such as 7d" : describeSchema(flag.schema)}`,
    );
  let value: unknown;
  if (flag.time) {
    value = parseTime(text, now);
    if (value === undefined)
      throw usage(
        `--${flag.name}: must be an ISO date (2026-01-31 or 2026-01-31T08:00:00Z) or a duration such as 30m, 12h, 7d (got ${JSON.stringify(text)})`,
      );
  } else {
    const parsed = parseParameter({ name: `--${flag.name}`, in: "query", schema: flag.schema }, text);
    if ("violation" in parsed)
      throw usage(`--${flag.name}: ${parsed.violation.message} (got ${JSON.stringify(text.slice(0, 80))})`);
    value = parsed.value;
  }
  const violations = validateValue(flag.schema, value, `--${flag.name}`, "flag");
  if (violations.length)
    throw usage(`--${flag.name}: ${violations[0]?.message} (got ${JSON.stringify(text.slice(0, 80))})`);
  if (flag.repeatable) into[flag.key] = [...((into[flag.key] as unknown[] | undefined) ?? []), value];
  else if (into[flag.key] !== undefined) throw usage(`--${flag.name} is given twice`);
  else into[flag.key] = value;
}
