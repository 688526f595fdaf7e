/**
 * Pagination over ListVulRepoImage: steps `offset` by `limit`, stops at `total_num` (or at an
 * empty page), never asks past the spec's maximum offset (a clear error instead), and
 * optionally keeps up to N page requests in flight once `total_num` is known. Pages are
 * yielded in order and dropped once consumed, so memory stays flat.
 */
import { HssValidationError } from "./errors.js";
import { operations } from "./generated/operations.js";
import type { RetryOptions } from "./transport.js";
import type { ListVulRepoImageParams, ListVulRepoImageResponseBody, VulRepoImageInfo } from "./types.js";
import { describeSchema, parameterSchema } from "./validate.js";

/** Options of the paginators. */
export interface PaginateOptions {
  /** Page requests in flight at once after the first page (1 = sequential). Default 1, at most 16. */
  prefetch?: number;
  /** Stop after this many images. */
  maxItems?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
}

/** One page. */
export interface VulRepoImagePage {
  offset: number;
  limit: number;
  totalNum: number;
  items: VulRepoImageInfo[];
  requestId: string | undefined;
}

type ListPage = (
  params: ListVulRepoImageParams,
  call?: { signal?: AbortSignal; timeoutMs?: number; retry?: RetryOptions | false },
) => Promise<ListVulRepoImageResponseBody & { requestId: string | undefined }>;

const spec = operations.ListVulRepoImage;
const offsetSchema = parameterSchema(spec, "offset");
const limitSchema = parameterSchema(spec, "limit");
const MAX_PREFETCH = 16;

/** Every page, in order. */
export async function* paginatePages(
  listPage: ListPage,
  params: ListVulRepoImageParams,
  options: PaginateOptions = {},
): AsyncGenerator<VulRepoImagePage> {
  const limit = params.limit ?? (limitSchema.default as number);
  const start = params.offset ?? (offsetSchema.default as number);
  const maxOffset = offsetSchema.maximum as number;
  const prefetch = options.prefetch ?? 1;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > MAX_PREFETCH)
    throw new HssValidationError(
      [{ field: "prefetch", location: "options", message: `must be an integer from 1 to ${MAX_PREFETCH}` }],
      "ListVulRepoImage",
    );
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (!(maxItems >= 0))
    throw new HssValidationError(
      [{ field: "maxItems", location: "options", message: "must be a number of at least 0" }],
      "ListVulRepoImage",
    );
  if (maxItems === 0) return;

  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const call = { signal: controller.signal, timeoutMs: options.timeoutMs, retry: options.retry };
  const fetchPage = async (offset: number): Promise<VulRepoImagePage> => {
    const body = await listPage({ ...params, limit, offset }, call);
    return { offset, limit, totalNum: body.total_num, items: body.data_list, requestId: body.requestId };
  };

  try {
    let emitted = 0;
    const first = await fetchPage(start);
    const total = first.totalNum;
    const queue: Promise<VulRepoImagePage>[] = [];
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
      new HssValidationError(
        [
          {
            field: "offset",
            location: "query",
            message:
              `must be ${describeSchema(offsetSchema)}: ${total - nextOffset} of ${total} images lie beyond ` +
              "the last offset the API allows; narrow the filters to reach them",
          },
        ],
        "ListVulRepoImage",
      );
    let page: VulRepoImagePage | undefined = first;
    while (page) {
      // An empty page ends the walk; the first is yielded even when empty, for its totalNum.
      if (page.items.length === 0 && page !== first) return;
      const room = maxItems - emitted;
      const items = page.items.length > room ? page.items.slice(0, room) : page.items;
      emitted += items.length;
      fill();
      yield items === page.items ? page : { ...page, items };
      if (emitted >= maxItems || page.items.length === 0) return;
      if (queue.length === 0 && nextOffset < wanted()) throw unreachable();
      page = await queue.shift();
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    controller.abort();
  }
}

/** Every image, page after page. */
export async function* paginate(
  listPage: ListPage,
  params: ListVulRepoImageParams,
  options: PaginateOptions = {},
): AsyncGenerator<VulRepoImageInfo> {
  for await (const page of paginatePages(listPage, params, options)) yield* page.items;
}
