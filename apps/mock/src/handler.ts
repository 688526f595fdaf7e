/**
 * What a handler of one HSS operation is: a function from the request (parameters parsed,
 * validated and defaulted by the spec, body parsed) and the mock's state to a reply whose body
 * has the spec's response type. `HandlerMap` is checked against every operationId of the spec
 * (src/generated/handlers.ts), so a new operation fails the typecheck until its handler exists;
 * a renamed response field fails it too.
 *
 * A handler file, `src/handlers/<operation-id>.ts`, exports `handler`:
 *
 *     export const handler: Handler<"ListVulRepoImage"> = (request, mock) => reply.ok(...);
 */
import type {
  OperationId,
  OperationSpec,
  OperationTypes,
  PagedOperationId,
  PageItem,
  ParametersIn,
  QueryWithDefaults,
  RequestBody,
  ResponseBody,
  SuccessStatus,
} from "@hss/client/spec";
import type { MockContext } from "./context.js";
import { type Json, json, renderPage } from "./render.js";

export { type Json, json, renderPage };

/**
 * A request as a handler sees it. Its parameters are read-only: a repeated request is handed the
 * first one's, parsed once and frozen.
 */
export interface HandlerRequest<K extends OperationId> {
  /** The operation's entry in the spec's table. */
  operation: OperationSpec & { operationId: K };
  path: Readonly<ParametersIn<K, "path">>;
  /** Query parameters, every spec default filled in. */
  query: Readonly<QueryWithDefaults<K>>;
  header: Readonly<ParametersIn<K, "header">>;
  /** The parsed JSON body, valid by the spec (undefined when the operation takes none). */
  body: [RequestBody<K>] extends [never] ? undefined : RequestBody<K>;
}

/**
 * A value of U that carries no field T lacks: the spec's objects are closed, so a handler that
 * passes its own records with extra fields (instead of the spec's shape) fails the typecheck.
 */
export type Exact<T, U extends T> = U extends object ? U & { [K in Exclude<keyof U, keyof T>]: never } : U;

/** What a handler answers. */
export type Reply<K extends OperationId> =
  | { kind: "ok"; body: ResponseBody<K> }
  | { kind: "json"; json: Json<ResponseBody<K>> }
  | { kind: "error"; status: ErrorStatus<K>; message: string };

/** The error statuses the spec documents for an operation: a handler may answer only those. */
export type ErrorStatus<K extends OperationId> = Exclude<
  Extract<keyof OperationTypes[K]["responses"], number>,
  SuccessStatus<K>
>;

/** A handler of one operation. */
export type Handler<K extends OperationId> = (request: HandlerRequest<K>, mock: MockContext) => Reply<K>;

/** One handler per operationId of the spec. */
export type HandlerMap = { [K in OperationId]: Handler<K> };

/** The window of a paged request: `[offset, end)` over `total` items. */
export function pageWindow<K extends PagedOperationId>(request: HandlerRequest<K>, total: number) {
  const paging = request.operation.pagination;
  // The types only let paged operations here; a handler that casts its way past them is told so.
  if (!paging) throw new Error(`${request.operation.operationId} is not paged`);
  const query = request.query as Record<string, unknown>;
  const offset = Number(query[paging.offset] ?? 0);
  const limit = Number(query[paging.limit]);
  return { offset, end: Math.min(total, offset + limit) };
}

/** Building replies. */
export const reply = {
  /** 200 with this body (`undefined` for an operation whose success has no body). */
  ok<K extends OperationId, B extends ResponseBody<K>>(body: Exact<ResponseBody<K>, B>): Reply<K> {
    return { kind: "ok", body };
  },
  /** 200 with a body already rendered. */
  json<K extends OperationId>(bytes: Json<ResponseBody<K>>): Reply<K> {
    return { kind: "json", json: bytes };
  },
  /** An HSS error (`HSS.0001` for 400), naming what is wrong. */
  fail<K extends OperationId>(status: ErrorStatus<K>, message: string): Reply<K> {
    return { kind: "error", status, message };
  },
  /** One page of `items` (already filtered) by the request's offset and limit. */
  page<K extends PagedOperationId, I extends PageItem<K>>(
    request: HandlerRequest<K>,
    items: readonly Exact<PageItem<K>, I>[],
  ): Reply<K> {
    const { offset, end } = pageWindow(request, items.length);
    const window = items.slice(offset, Math.max(offset, end)).map((item) => json<PageItem<K>>(item));
    return { kind: "json", json: renderPage(request.operation, items.length, window) };
  },
};
