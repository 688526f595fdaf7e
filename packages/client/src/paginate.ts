/**
 * Pagination over any operation the spec marks as offset/limit paged (`x-hss-pagination`):
 * steps the offset by the limit, stops at the total (or at an empty page), never asks past the
 * offset parameter's maximum (a clear error instead), and optionally keeps up to N page
 * requests in flight once the total is known. Pages are yielded in order and dropped once
 * consumed, so memory stays flat.
 */
import { type OperationInput, sendOrThrowAny } from "./call.js";
import type { CallOptions, HssCore } from "./core.js";
import { HssResponseError, HssValidationError } from "./errors.js";
import type { OperationSpec, PaginationSpec } from "./spec/schema.js";
import type { OperationId, PagedOperationId, PageItem } from "./spec/types.js";
import { describeSchema, parameterSchema } from "./spec/validate.js";

/** Page requests in flight at most. */
export const MAX_PREFETCH = 16;

/** Options of the paginators. */
export interface PaginateOptions extends CallOptions {
  /** Page requests in flight at once after the first page (1 = sequential). Default 1, at most 16. */
  prefetch?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

/** The arguments of a paged operation's iterators: the input as for the method, then paging options. */
export type PageArgs<K extends OperationId> = K extends OperationId
  ? Record<never, never> extends OperationInput<K>
    ? [input?: OperationInput<K>, options?: PaginateOptions]
    : [input: OperationInput<K>, options?: PaginateOptions]
  : never;

/** One page of a paged operation. */
export interface Page<T> {
  /** The offset this page was asked for. */
  offset: number;
  limit: number;
  /** The total the service reported (every matching item). */
  total: number;
  items: T[];
  requestId: string | undefined;
}

const invalid = (op: OperationSpec, field: string, message: string) =>
  new HssValidationError([{ field, location: "options", message }], op.operationId);

/** The spec's numbers a walk depends on. */
function bounds(op: OperationSpec, paging: PaginationSpec, input: Record<string, unknown>) {
  const offsetSchema = parameterSchema(op, paging.offset);
  const limitSchema = parameterSchema(op, paging.limit);
  return {
    offsetSchema,
    limit: (input[paging.limit] ?? limitSchema.default ?? limitSchema.maximum) as number,
    start: (input[paging.offset] ?? offsetSchema.default ?? 0) as number,
    maxOffset: offsetSchema.maximum as number,
  };
}

/** The largest number of items any walk can reach: the last offset plus a full page. */
export function reachableItems(op: OperationSpec): number {
  const paging = op.pagination;
  if (!paging) return 0;
  return (
    (parameterSchema(op, paging.offset).maximum as number) +
    (parameterSchema(op, paging.limit).maximum as number)
  );
}

/** Every page of a paged operation of the table, in order (its types left to the callers). */
export async function* walkPages(
  core: HssCore,
  op: OperationSpec,
  input: Record<string, unknown> | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<Page<unknown>> {
  const paging = op.pagination;
  if (!paging) throw new Error(`${op.operationId} is not paged`);
  const params = { ...(input ?? {}) } as Record<string, unknown>;
  const { offsetSchema, limit, start, maxOffset } = bounds(op, paging, params);
  const prefetch = options.prefetch ?? 1;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > MAX_PREFETCH)
    throw invalid(op, "prefetch", `must be an integer from 1 to ${MAX_PREFETCH}`);
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (!(maxItems === Number.POSITIVE_INFINITY || (Number.isSafeInteger(maxItems) && maxItems >= 0)))
    throw invalid(op, "maxItems", "must be an integer of at least 0 (or Infinity)");
  if (maxItems === 0) return;

  // Each page request has a controller of its own (no signal is shared by the pages in flight,
  // so none collects listeners); the caller's signal, or the walk's end, aborts them all.
  const inFlight = new Set<AbortController>();
  let ended: unknown;
  const abortAll = (reason?: unknown) => {
    ended = reason ?? new Error("the walk ended");
    for (const c of inFlight) c.abort(reason);
  };
  const onAbort = () => abortAll(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const fetchPage = async (offset: number): Promise<Page<unknown>> => {
    const controller = new AbortController();
    if (ended !== undefined) controller.abort(ended);
    inFlight.add(controller);
    const call: CallOptions = { ...options, signal: controller.signal };
    const body = await sendOrThrowAny(
      core,
      op,
      { ...params, [paging.limit]: limit, [paging.offset]: offset },
      call,
    ).finally(() => inFlight.delete(controller));
    const items = body[paging.items];
    const total = body[paging.total];
    if (!Array.isArray(items) || !Number.isSafeInteger(total) || (total as number) < 0)
      throw new HssResponseError({
        status: 200,
        operation: op.operationId,
        reason: `a page whose ${Array.isArray(items) ? paging.total : paging.items} is not ${Array.isArray(items) ? "a count" : "a list"}`,
        requestId: body.requestId as string | undefined,
      });
    return {
      offset,
      limit,
      total: total as number,
      items,
      requestId: body.requestId as string | undefined,
    };
  };

  try {
    let emitted = 0;
    const first = await fetchPage(start);
    const total = first.total;
    const queue: Promise<Page<unknown>>[] = [];
    let nextOffset = start + limit;
    const wanted = () => Math.min(total, start + maxItems);
    const fill = () => {
      while (queue.length < prefetch && nextOffset < wanted() && nextOffset <= maxOffset) {
        const page = fetchPage(nextOffset);
        page.catch(() => {}); // awaited in order below; avoid an unhandled rejection meanwhile
        queue.push(page);
        nextOffset += limit;
      }
    };
    const unreachable = () =>
      invalid(
        op,
        paging.offset,
        `must be ${describeSchema(offsetSchema)}: ${total - nextOffset} of ${total} items lie beyond ` +
          "the last offset the API allows; narrow the filters to reach them",
      );
    let page: Page<unknown> | undefined = first;
    while (page) {
      // An empty page ends the walk; the first is yielded even when empty, for its total.
      if (page.items.length === 0 && page !== first) return;
      const room = maxItems - emitted;
      const items = page.items.length > room ? page.items.slice(0, room) : page.items;
      emitted += items.length;
      // The next pages are asked for while this one is consumed, unless this one is the last.
      const last = emitted >= maxItems || page.items.length === 0;
      if (!last) fill();
      yield items === page.items ? page : { ...page, items };
      if (last) return;
      if (queue.length === 0 && nextOffset < wanted()) throw unreachable();
      page = await queue.shift();
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    abortAll();
  }
}

/** Every item of a paged operation of the table, page after page. */
export async function* walkItems(
  core: HssCore,
  op: OperationSpec,
  input: Record<string, unknown> | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<unknown> {
  for await (const page of walkPages(core, op, input, options)) yield* page.items;
}

/** Every page of a paged operation, in order. */
export function pages<K extends PagedOperationId>(
  core: HssCore,
  op: OperationSpec & { operationId: K },
  ...[input, options]: PageArgs<K>
): AsyncGenerator<Page<PageItem<K>>> {
  return walkPages(
    core,
    op,
    input as unknown as Record<string, unknown> | undefined,
    options,
  ) as AsyncGenerator<Page<PageItem<K>>>;
}

/** Every item of a paged operation, page after page. */
export function items<K extends PagedOperationId>(
  core: HssCore,
  op: OperationSpec & { operationId: K },
  ...[input, options]: PageArgs<K>
): AsyncGenerator<PageItem<K>> {
  return walkItems(
    core,
    op,
    input as unknown as Record<string, unknown> | undefined,
    options,
  ) as AsyncGenerator<PageItem<K>>;
}
