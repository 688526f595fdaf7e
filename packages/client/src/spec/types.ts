/**
 * Types derived from the generated ones, per operation: its parameters by location, its body,
 * its success response, and for paged operations the type of one item. Nothing here names an
 * operation: a new one in the spec gets all of these by regeneration.
 */
import type { components, operations as OperationTypes } from "../generated/hss.js";
import type { operations as table } from "../generated/operations.js";

/** Every operationId of the spec. */
export type OperationId = keyof OperationTypes & keyof typeof table;

/** Where a parameter is sent. */
export type ParameterLocation = "path" | "query" | "header";

type Defined<T> = [NonNullable<T>] extends [never] ? Record<never, never> : NonNullable<T>;

/** The parameters of an operation in one location (an empty object when it has none there). */
export type ParametersIn<K extends OperationId, L extends ParameterLocation> = Defined<
  OperationTypes[K]["parameters"][L]
>;

/** Every parameter of an operation, path, query and header, as one object. */
export type Parameters<K extends OperationId> = ParametersIn<K, "path"> &
  ParametersIn<K, "query"> &
  ParametersIn<K, "header">;

type BodyContent<K extends OperationId> =
  NonNullable<OperationTypes[K]["requestBody"]> extends { content: { "application/json": infer B } }
    ? B
    : never;

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBody<K extends OperationId> = BodyContent<K>;

/** Whether the operation takes a request body, and whether it must. */
export type BodyRequirement<K extends OperationId> = [BodyContent<K>] extends [never]
  ? "none"
  : undefined extends OperationTypes[K]["requestBody"]
    ? "optional"
    : "required";

/** The documented success status of an operation. */
export type SuccessStatus<K extends OperationId> = Extract<
  keyof OperationTypes[K]["responses"],
  200 | 201 | 202 | 204
>;

/** The JSON body of the success response (`undefined` when the spec documents none). */
export type ResponseBody<K extends OperationId> = OperationTypes[K]["responses"][SuccessStatus<K>] extends {
  content: { "application/json": infer R };
}
  ? R
  : undefined;

/** The operations the spec marks as offset/limit paged (`x-hss-pagination`). */
export type PagedOperationId = {
  [K in OperationId]: (typeof table)[K]["pagination"] extends null ? never : K;
}[OperationId];

/** The names of a paged operation's fields: `offset`, `limit`, `total`, `items`. */
export type PaginationFields<K extends PagedOperationId> = NonNullable<(typeof table)[K]["pagination"]>;

/** One item of a paged operation's pages. */
export type PageItem<K extends PagedOperationId> =
  ResponseBody<K> extends { readonly [F in PaginationFields<K>["items"]]: readonly (infer T)[] } ? T : never;

/** The parameters that have a default in the spec (a server fills them before it acts). */
export type DefaultedParameter<K extends OperationId> = Extract<
  (typeof table)[K]["parameters"][number],
  { readonly schema: { readonly default: unknown } }
>["name"];

/** The query parameters with every spec default filled in: what a server's handler sees. */
export type QueryWithDefaults<K extends OperationId> = Omit<
  ParametersIn<K, "query">,
  DefaultedParameter<K>
> & {
  [P in DefaultedParameter<K> & keyof ParametersIn<K, "query">]-?: NonNullable<ParametersIn<K, "query">[P]>;
};

/** A named schema of the spec. */
export type SchemaOf<N extends keyof components["schemas"]> = components["schemas"][N];
