/**
 * `createHssClient`: the whole typed client, derived from the operation table. Every operation
 * of the spec becomes a method named after its operationId (`ListVulRepoImage` ->
 * `listVulRepoImage`) returning `{ data, error, requestId }` (openapi-fetch's style, nothing
 * thrown), a twin under `client.throwing` that returns the data or throws an `HssError`, and,
 * when the spec marks it as paged, page and item iterators under `client.pages` and
 * `client.paginate`. `client.raw` is the underlying openapi-fetch client.
 *
 * For the smallest bundle, use `createHssCore` and `send` with only the operations a program
 * needs (`import { ListVulRepoImage } from "@hss/client/spec"`).
 */
import { type HssResult, type OperationArgs, sendAny, sendOrThrowAny, type ThrowingResult } from "./call.js";
import { type CallOptions, createHssCore, type HssClientOptions, type HssCore } from "./core.js";
import { type Page, type PageArgs, type PaginateOptions, walkItems, walkPages } from "./paginate.js";
import { operationList } from "./spec/list.js";
import type { OperationId, PagedOperationId, PageItem, ResponseBody } from "./spec/types.js";

/** The method name of an operation: its operationId with a lowercase first letter. */
export type MethodName<K extends string> = Uncapitalize<K>;

/** Every operation in the result style. */
export type HssOperations = {
  [K in OperationId as MethodName<K>]: (...args: OperationArgs<K>) => Promise<HssResult<ResponseBody<K>>>;
};

/** Every operation in the throwing style. */
export type HssThrowingOperations = {
  [K in OperationId as MethodName<K>]: (...args: OperationArgs<K>) => Promise<ThrowingResult<K>>;
};

/** Page iterators of the paged operations. */
export type HssPageIterators = {
  [K in PagedOperationId as MethodName<K>]: (...args: PageArgs<K>) => AsyncGenerator<Page<PageItem<K>>>;
};

/** Item iterators of the paged operations. */
export type HssItemIterators = {
  [K in PagedOperationId as MethodName<K>]: (...args: PageArgs<K>) => AsyncGenerator<PageItem<K>>;
};

/** The HSS client. */
export type HssClient = HssCore &
  HssOperations & {
    /** The same operations, returning data or throwing an HssError. */
    readonly throwing: HssThrowingOperations;
    /** Every page of a paged operation (see PaginateOptions). */
    readonly pages: HssPageIterators;
    /** Every item of a paged operation, page after page (see PaginateOptions). */
    readonly paginate: HssItemIterators;
  };

/** The method name of an operation at run time. */
export function methodName(operationId: string): string {
  return operationId.charAt(0).toLowerCase() + operationId.slice(1);
}

/** Creates a client. Throws HssConfigError when the configuration cannot work. */
export function createHssClient(options: HssClientOptions = {}): HssClient {
  const core = createHssCore(options);
  const methods: Record<string, unknown> = {};
  const throwing: Record<string, unknown> = {};
  const pageIterators: Record<string, unknown> = {};
  const itemIterators: Record<string, unknown> = {};
  for (const op of operationList()) {
    const name = methodName(op.operationId);
    type Input = Record<string, unknown> | undefined;
    methods[name] = (input: Input, call?: CallOptions) => sendAny(core, op, input, call);
    throwing[name] = (input: Input, call?: CallOptions) => sendOrThrowAny(core, op, input, call);
    if (op.pagination) {
      pageIterators[name] = (input: Input, paging?: PaginateOptions) => walkPages(core, op, input, paging);
      itemIterators[name] = (input: Input, paging?: PaginateOptions) => walkItems(core, op, input, paging);
    }
  }
  return Object.assign(core, methods, {
    throwing: throwing as HssThrowingOperations,
    pages: pageIterators as HssPageIterators,
    paginate: itemIterators as HssItemIterators,
  }) as unknown as HssClient;
}
