/**
 * argv -> command and values: a pure function (no process, no I/O), so tests pass argv in.
 * First the command word is found among the global flags; then the whole line is parsed
 * strictly (`@hss/args`) against the global flags and that command's flags and positionals.
 * Every mistake is a usage error (exit 2) naming what was typed, with a suggestion.
 */
import { missingPositionals, parseFlags, suggest, UsageError } from "@hss/args";
import type { Command, CommandEntry } from "./commands/types.js";
import { usage } from "./errors.js";
import { GLOBAL_FLAGS } from "./flags.js";

/** The parsed line. */
export interface ParsedArgv {
  /** The command's entry, or undefined for `hss` alone, `--help` or `--version`. */
  entry: CommandEntry | undefined;
  /** The command, when there is one (built from its entry). */
  command: Command | undefined;
  /** Global option values by key. */
  globals: Record<string, unknown>;
  /** Command flag and positional values by key. */
  values: Record<string, unknown>;
  /** Words after the positionals, for commands that take them (`completion bash`). */
  rest: string[];
  /** Which flag, as typed, set each key of `values`. */
  shown?: Record<string, string>;
}

/** The command an entry's name or alias names. */
export function findEntry(word: string, entries: readonly CommandEntry[]): CommandEntry | undefined {
  return entries.find((e) => e.name === word || e.aliases.includes(word));
}

/** An unknown command word as a usage error, with the closest command. */
export function unknownCommand(word: string, entries: readonly CommandEntry[]): Error {
  const names = entries.flatMap((e) => [e.name, ...e.aliases]);
  const hint = suggest(word, names);
  const list =
    entries.length <= 12
      ? `commands: ${entries.map((e) => e.name).join(", ")}`
      : "hss --help lists the commands";
  return usage(`unknown command ${JSON.stringify(word)}${hint ? `; did you mean ${hint}?` : ""} (${list})`);
}

/**
 * Where the command word is: the first word that names a command (or `help`), skipping flags
 * and the values of global flags; when no word names one, the first word that is neither, so
 * that it is reported as an unknown command. Command flags may come before the command.
 */
function commandIndex(argv: readonly string[], entries: readonly CommandEntry[]): number {
  let first = -1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (arg.startsWith("-") && arg !== "-") {
      const name = arg.startsWith("--") ? arg.slice(2).split("=")[0] : arg.slice(1, 2);
      const flag = GLOBAL_FLAGS.find((f) => (arg.startsWith("--") ? f.name === name : f.short === name));
      const inline = arg.includes("=") || (!arg.startsWith("--") && arg.length > 2);
      if (flag && !flag.boolean && !inline) i++;
      continue;
    }
    if (arg === "help" || findEntry(arg, entries)) return i;
    if (first < 0) first = i;
  }
  return first;
}

/** Parses argv (without `node` and the script) for the command table. Throws a CliError (exit 2). */
export async function parseArgv(
  argv: readonly string[],
  entries: readonly CommandEntry[],
): Promise<ParsedArgv> {
  try {
    // `pnpm run hss -- ...` passes its `--` through: a leading one is not an end of options.
    const line = argv[0] === "--" ? argv.slice(1) : argv;
    const at = commandIndex(line, entries);
    const word = at < 0 ? undefined : line[at];
    if (word === undefined) {
      const { values, rest } = parseFlags(line, GLOBAL_FLAGS, { command: "hss", help: "hss --help" });
      return { entry: undefined, command: undefined, globals: values, values: {}, rest };
    }
    const entry = findEntry(word, entries);
    if (!entry) {
      if (word === "help") return helpTopic(line.slice(at + 1), entries);
      throw unknownCommand(word, entries);
    }
    const command = await entry.load();
    const rest = [...line.slice(0, at), ...line.slice(at + 1)];
    const flags = [...GLOBAL_FLAGS, ...command.flags];
    const parsed = parseFlags(rest, flags, {
      positionals: command.positionals,
      extra: command.extra === true,
      // Named as the user typed it (`vul-images`, not the operation's canonical name).
      command: word,
      help: `hss ${word} --help`,
    });
    const globals: Record<string, unknown> = {};
    const values: Record<string, unknown> = {};
    const globalKeys = new Set(GLOBAL_FLAGS.map((f) => f.key));
    for (const [key, value] of Object.entries(parsed.values))
      (globalKeys.has(key) ? globals : values)[key] = value;
    // `hss vul-images help` asks for help, not for a vulnerability called "help".
    const only = command.positionals[0];
    if (only && values[only.key] === "help" && Object.keys(values).length === 1) globals.help = true;
    if (!globals.help) {
      const missing = missingPositionals(values, command.positionals)[0];
      if (missing) throw usage(`${word} needs <${missing.name}>: ${missing.help}`);
    }
    return { entry, command, globals, values, rest: parsed.rest, shown: parsed.shown };
  } catch (error) {
    if (error instanceof UsageError) throw usage(error.message);
    throw error;
  }
}

/** `hss help [command]`. */
async function helpTopic(words: readonly string[], entries: readonly CommandEntry[]): Promise<ParsedArgv> {
  const [topic, ...more] = words;
  if (more.length) throw usage(`hss help takes one command (got ${words.length} words)`);
  if (topic === undefined)
    return { entry: undefined, command: undefined, globals: { help: true }, values: {}, rest: [] };
  const entry = findEntry(topic, entries);
  if (!entry) throw unknownCommand(topic, entries);
  return { entry, command: await entry.load(), globals: { help: true }, values: {}, rest: [] };
}
