/**
 * `renderPage`, the bytes of one page of a paged operation: it names the total and the items as
 * the operation's `x-hss-pagination` says, and refuses an operation that is not paged (its
 * answer has no page to render) with an error naming it.
 */
import { operations } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { json, renderPage } from "../src/render.js";

describe("renderPage", () => {
  it("renders the total and the items under the operation's pagination names", () => {
    const items = [json({ a: 1 }), json({ b: "2" })] as unknown as Parameters<typeof renderPage>[2];
    const page = renderPage(operations.ListVulRepoImage, 7, items);
    expect(page.toString()).toBe('{"total_num":7,"data_list":[{"a":1},{"b":"2"}]}');
    expect(renderPage(operations.ListVulRepoImage, 0, []).toString()).toBe('{"total_num":0,"data_list":[]}');
  });

  it("refuses an operation that is not paged, naming it", () => {
    const unpaged = operations.BatchScanLocalImage as unknown as Parameters<typeof renderPage>[0];
    expect(operations.BatchScanLocalImage.pagination).toBeNull();
    expect(() => renderPage(unpaged, 0, [])).toThrow(new Error("BatchScanLocalImage is not paged"));
  });
});
