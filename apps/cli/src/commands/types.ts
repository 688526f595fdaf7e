/** The shape of a command in the command table. */
import type { PositionalSpec } from "@hss/args";
import type { FlagSpec } from "../flags.js";
import type { Io } from "../io.js";

/** What the parser and the help need of a command. */
export interface CommandShape {
  name: string;
  aliases: readonly string[];
  summary: string;
  description: string;
  flags: readonly FlagSpec[];
  positionals: readonly PositionalSpec[];
  examples: readonly string[];
  /** Words after the positionals are accepted (`configure list`, `completion bash`). */
  extra?: boolean;
}

/** What a command runs with: the global options, its own, the words after them, the streams. */
export interface CommandInput {
  globals: Record<string, unknown>;
  values: Record<string, unknown>;
  rest: string[];
  /** Which flag, as typed, set each key of `values` (for messages naming the flag). */
  shown?: Record<string, string>;
  io: Io;
}

/** A command: its shape and how to run it. */
export interface Command extends CommandShape {
  run(input: CommandInput): Promise<number>;
}

/**
 * An entry of the command table: enough for `hss --help`. The command itself, with its flags,
 * is built on demand (an operation's spec is loaded only when its command is used).
 */
export interface CommandEntry {
  name: string;
  aliases: readonly string[];
  summary: string;
  load(): Promise<Command>;
}
