/**
 * Requests no operation answers, and handlers that misuse the paging helper: what a test author
 * sees of them (the journal keeps what was asked; a handler is told what it did wrong).
 */
import { operations } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { type HandlerRequest, reply } from "../src/handler.js";
import { mock } from "./helpers.js";

describe("the journal keeps the query of a request no operation answers", () => {
  it("404: no API at that path", async () => {
    const m = await mock();
    const res = await m.call("/v5/p1/image/nothing?limit=5&image_name=a%20b");
    expect(res.status).toBe(404);
    const entry = (await m.admin("journal")).json.at(-1);
    expect(entry).toMatchObject({ status: 404, operation: null, query: { limit: "5", image_name: "a b" } });
  });

  it("405: a method the path does not take", async () => {
    const m = await mock();
    const res = await m.call("/v5/p1/image/CVE-2021-44228/images?offset=20", { method: "DELETE" });
    expect(res.status).toBe(405);
    const entry = (await m.admin("journal")).json.at(-1);
    expect(entry).toMatchObject({ status: 405, method: "DELETE", query: { offset: "20" } });
  });
});

describe("reply.page on an operation that is not paged", () => {
  it("throws naming the operation (a handler that casts past the types is told what it did)", () => {
    const request = {
      operation: operations.BatchScanLocalImage,
      path: { project_id: "p1" },
      query: {},
      header: {},
      body: { operate_all: true },
    } as unknown as HandlerRequest<"ListVulRepoImage">;
    expect(() => reply.page(request, [])).toThrow("BatchScanLocalImage is not paged");
  });
});
