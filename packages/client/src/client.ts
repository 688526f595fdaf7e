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
import {
  type HssResult,
  type OperationArgs,
  type OperationInput,
  send,
  sendOrThrow,
  type ThrowingResult,
} from "./call.js";
import { createHssCore, type HssClientOptions, type HssCore } from "./core.js";
import { operations } from "./generated/operations.js";
import { isPaged, items, type Page, type PaginateOptions, pages } from "./paginate.js";
import type { OperationSpec } from "./spec/schema.js";
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
  [K in PagedOperationId as MethodName<K>]: (
    input?: OperationInput<K>,
    options?: PaginateOptions,
  ) => AsyncGenerator<Page<PageItem<K>>>;
};

/** Item iterators of the paged operations. */
export type HssItemIterators = {
  [K in PagedOperationId as MethodName<K>]: (
    input?: OperationInput<K>,
    options?: PaginateOptions,
  ) => AsyncGenerator<PageItem<K>>;
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
  for (const op of Object.values(operations) as OperationSpec[]) {
    const name = methodName(op.operationId);
    const typed = op as OperationSpec & { operationId: OperationId };
    methods[name] = (...args: unknown[]) => send(core, typed, ...(args as never[]));
    throwing[name] = (...args: unknown[]) => sendOrThrow(core, typed, ...(args as never[]));
    if (isPaged(op)) {
      pageIterators[name] = (input: never, paging?: PaginateOptions) => pages(core, op, input, paging);
      itemIterators[name] = (input: never, paging?: PaginateOptions) => items(core, op, input, paging);
    }
  }
  return Object.assign(core, methods, {
    throwing: throwing as HssThrowingOperations,
    pages: pageIterators as HssPageIterators,
    paginate: itemIterators as HssItemIterators,
  }) as unknown as HssClient;
}
