/**
 * The command table: one command per operation of the spec, in the spec's order, then the
 * CLI's own. Entries carry names and summaries; a command's flags are built when it is used.
 */
import { operations } from "@hss/client/spec";
import { completion } from "./completion.js";
import { configure } from "./configure.js";
import { operationEntry } from "./operation.js";
import type { Command, CommandEntry } from "./types.js";

const own = (command: Command): CommandEntry => ({
  name: command.name,
  aliases: command.aliases,
  summary: command.summary,
  load: () => command,
});

/** Every command. */
export const COMMANDS: readonly CommandEntry[] = [
  ...Object.values(operations).map(operationEntry),
  own(configure),
  own(completion(() => COMMANDS)),
];
