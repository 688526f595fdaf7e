/**
 * The command table: one command per operation of the spec, in the spec's order, then the
 * CLI's own. Entries carry names and summaries (from the operations' index); a command is
 * loaded only when it is used, so `hss --help` stays fast however many operations there are.
 */
import { operationIndex } from "@hss/client/spec";
import { loadCommands } from "../chunks/commands.js";
import { kebab, OWN_SUMMARIES } from "./names.js";
import type { CommandEntry } from "./types.js";

/** Every command. */
export const COMMANDS: readonly CommandEntry[] = [
  ...operationIndex.map(
    (entry): CommandEntry => ({
      name: kebab(entry.operationId),
      aliases: entry.aliases,
      summary: entry.summary,
      load: async () => (await loadCommands()).operationCommand(entry.operationId),
    }),
  ),
  {
    name: "configure",
    aliases: [],
    summary: OWN_SUMMARIES.configure,
    load: async () => (await loadCommands()).configure,
  },
  {
    name: "mock",
    aliases: [],
    summary: OWN_SUMMARIES.mock,
    load: async () => (await loadCommands()).mock,
  },
  {
    name: "completion",
    aliases: [],
    summary: OWN_SUMMARIES.completion,
    load: async () => (await loadCommands()).completion(() => COMMANDS),
  },
];
