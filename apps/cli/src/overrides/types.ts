/**
 * What an operation's command may add to what the spec gives it: friendlier flags, curated
 * examples, a confirmation, table rows. Each override is small and typed by the spec's types,
 * so a renamed field breaks it at compile time.
 */
import type { OperationInput } from "@hss/client";
import type { OperationId, PagedOperationId, PageItem } from "@hss/client/spec";
import type { FlagSpec } from "../flags.js";

/** The override of one operation's command. */
export interface Override<K extends OperationId> {
  /** Extra flags; their keys start with `:` (command options) or `body.` (a body field). */
  flags?: readonly FlagSpec[];
  /** Examples shown by `--help` (generic ones otherwise). */
  examples?: readonly string[];
  /** Folds the extra flags' values into the input before it is checked; throws usage errors. */
  input?(values: Record<string, unknown>, input: OperationInput<K>): OperationInput<K>;
  /** The question to confirm before sending (a prompt, or `--yes`), or undefined when none is needed. */
  confirm?(input: OperationInput<K>): string | undefined;
  /** table and csv of a paged operation: the columns, and the rows of one item. */
  table?: K extends PagedOperationId
    ? { columns: readonly string[]; rows(item: PageItem<K>): string[][] }
    : never;
  /** The status word of a success without a body (default `ok`). */
  receipt?: string;
}

/** The overrides, by operationId; an operation without one gets only what the spec gives. */
export type Overrides = { [K in OperationId]?: Override<K> };
