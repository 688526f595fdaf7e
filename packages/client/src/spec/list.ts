/** The operation table as a list. */
import { operations } from "../generated/operations.js";
import type { OperationSpec } from "./schema.js";

/** Every operation of the table, in the spec's order, as plain `OperationSpec`s. */
export function operationList(): readonly OperationSpec[] {
  return Object.values(operations) as OperationSpec[];
}
