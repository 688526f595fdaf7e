/** The operation table as a list. */
import { operations } from "../generated/operations.js";
import type { OperationSpec } from "./schema.js";

/** Every operation of the table, in the spec's order, as plain `OperationSpec`s. */
export function operationList(): readonly OperationSpec[] {
  return Object.values(operations) as OperationSpec[];
}

/** What `successOf` found, per operation (the mock asks on every request). */
const successes = new WeakMap<
  OperationSpec,
  { status: number; schema: OperationSpec["responses"][string]["schema"] }
>();

/** The documented success status of an operation (its first 2xx), and that response's schema. */
export function successOf(op: OperationSpec): {
  status: number;
  schema: OperationSpec["responses"][string]["schema"];
} {
  let success = successes.get(op);
  if (!success) {
    const status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s)) ?? "200";
    success = { status: Number(status), schema: op.responses[status]?.schema ?? null };
    successes.set(op, success);
  }
  return success;
}
