/**
 * `@hss/client/spec`: the spec's runtime. The operation table generated from
 * spec/hss.openapi.yaml (one constant per operation, and `operations` with all of them), the
 * openapi-typescript types, the types derived per operation, and the validator and describer
 * that turn schemas into checks and words. The client, the CLI and the mock all read the
 * contract through this entry; the OpenAPI document itself ships as `@hss/client/openapi.yaml`.
 */

export * from "../generated/components.js";
export type * from "../generated/hss.js";
export type { operations as OperationTypes } from "../generated/hss.js";
export * from "../generated/operations.js";
// Explicit, so the table wins over the type of the same name (that one is `OperationTypes`).
export { operations } from "../generated/operations.js";
export { ENDPOINT_RULE, endpointProblem } from "./endpoint.js";
export { operationList, successOf } from "./list.js";
export type * from "./schema.js";
export type * from "./types.js";
export {
  describeSchema,
  type OperationInput,
  parameterSchema,
  parseParameter,
  schemaAt,
  type Violation,
  validateOperationInput,
  validateValue,
} from "./validate.js";
