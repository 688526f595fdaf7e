/** JSON rendering typed by what is rendered: the bytes of a page are built once and reused. */
import type { OperationSpec, PagedOperationId, PageItem, ResponseBody } from "@hss/client/spec";

declare const rendered: unique symbol;
/**
 * JSON bytes of a value of type T: made only by `json()` or `renderPage()`, so the type holds.
 * Invariant in T: bytes of a value with more fields than T are not bytes of a T.
 */
export type Json<T> = Buffer & { readonly [rendered]: (value: T) => T };

/** The JSON bytes of a value, typed by it. */
export function json<T>(value: T): Json<T> {
  return Buffer.from(JSON.stringify(value)) as Json<T>;
}

const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]}");

/**
 * The body of one page of a paged operation: `{ <total>: n, <items>: [...] }` with the field
 * names of its `x-hss-pagination`, from items already rendered (each encoded once, reused).
 */
export function renderPage<K extends PagedOperationId>(
  operation: OperationSpec & { operationId: K },
  total: number,
  items: readonly Json<PageItem<K>>[],
): Json<ResponseBody<K>> {
  const paging = operation.pagination;
  if (!paging) throw new Error(`${operation.operationId} is not paged`);
  const parts: Buffer[] = [
    Buffer.from(`{${JSON.stringify(paging.total)}:${total},${JSON.stringify(paging.items)}:[`),
  ];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts) as Json<ResponseBody<K>>;
}
