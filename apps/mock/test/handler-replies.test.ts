/**
 * The contract between the mock and an operation's handler, seen over HTTP: what a handler is
 * given (parameters parsed and defaulted, the body parsed, a copy it may change), and how each
 * reply it builds with `reply` reaches the client (error codes by status, JSON bodies, empty
 * 200s, pages by offset and limit). A handler that throws is a 500 in HSS's shape. The spec's
 * two handlers are swapped per test for ones built with the same `reply` helpers.
 */
import { describe, expect, it, vi } from "vitest";
import type { Handler, HandlerRequest } from "../src/handler.js";
import { reply } from "../src/handler.js";
import { mock } from "./helpers.js";
import { swapped } from "./swapped-handlers.js";

vi.mock("../src/generated/handlers.js", async (original) =>
  (await import("./swapped-handlers.js")).swappable(await original()),
);

const VUL = "CVE-2021-44228";
const LIST = `/v5/p1/image/${VUL}/images`;

/** Answers ListVulRepoImage with this handler for the rest of the test. */
function listWith(handler: Handler<"ListVulRepoImage">) {
  swapped.handlers.ListVulRepoImage = handler as (r: unknown, m: unknown) => unknown;
}
/** Answers BatchScanLocalImage with this handler for the rest of the test. */
function scanWith(handler: Handler<"BatchScanLocalImage">) {
  swapped.handlers.BatchScanLocalImage = handler as (r: unknown, m: unknown) => unknown;
}

/** An image of ListVulRepoImage's page, numbered. */
const image = (n: number) => ({
  namespace: "library",
  image_id: `id-${n}`,
  image_name: `image-${n}`,
  app_name: "log4j-core",
  version: "2.14.1",
  tag_count: 1,
  image_type: "private_image" as const,
  data_list: [{ tag_id: `t-${n}`, tag_name: "latest", size: 1000 + n, app_name: "log4j-core" }],
});

describe("error replies of a handler", () => {
  it.each([
    [400, "HSS.0001"],
    [401, "APIGW.0301"],
    [403, "HSS.0004"],
    [404, "APIGW.0101"],
    [429, "APIGW.0308"],
    [500, "HSS.0010"],
    [503, "HSS.0010"],
    [418, "HSS.418"],
    [499, "HSS.499"],
  ])("reply.fail(%i) is that status with error_code %s and the handler's message", async (status, code) => {
    const m = await mock();
    // biome-ignore lint/suspicious/noExplicitAny: statuses outside the spec's are the point here
    listWith(() => reply.fail(status as any, `the handler says ${status}`));
    const res = await m.list(VUL);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error_code: code, error_msg: `the handler says ${status}` });
    expect((await m.admin("journal")).json.at(-1)).toMatchObject({ status, operation: "ListVulRepoImage" });
  });
});

describe("success replies of a handler", () => {
  it("reply.ok with a body is that body as JSON, with the operation's success status", async () => {
    const m = await mock();
    listWith(() => reply.ok({ total_num: 1, data_list: [image(1)] }));
    const res = await m.list(VUL);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(res.json).toEqual({ total_num: 1, data_list: [image(1)] });
  });

  it("reply.ok(undefined) is an empty 200; a body where none is documented is still sent", async () => {
    const m = await mock();
    scanWith(() => reply.ok(undefined));
    const empty = await m.scan({ operate_all: true });
    expect(empty).toMatchObject({ status: 200, text: "" });
    // biome-ignore lint/suspicious/noExplicitAny: a body the spec does not document
    scanWith(() => reply.ok({ queued: 3 } as any));
    const withBody = await m.scan({ operate_all: true });
    expect(withBody.status).toBe(200);
    expect(withBody.json).toEqual({ queued: 3 });
  });

  it("reply.json sends the bytes it is given", async () => {
    const m = await mock();
    const bytes = Buffer.from('{"total_num":0,"data_list":[]}');
    // biome-ignore lint/suspicious/noExplicitAny: rendered bytes made by hand
    listWith(() => reply.json(bytes as any));
    const res = await m.list(VUL);
    expect(res.text).toBe('{"total_num":0,"data_list":[]}');
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
  });
});

describe("reply.page", () => {
  const items = Array.from({ length: 25 }, (_, i) => image(i));

  it.each([
    ["", 0, 10],
    ["limit=10&offset=20", 20, 25],
    ["limit=12&offset=3", 3, 15],
    ["limit=10&offset=24", 24, 25],
    ["limit=10&offset=25", 25, 25],
    ["limit=200&offset=99", 99, 99],
  ])("?%s answers items [%i, %i) of 25 and total_num 25", async (query, from, to) => {
    const m = await mock();
    listWith((request) => reply.page(request, items));
    const res = await m.list(VUL, query);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ total_num: 25, data_list: items.slice(from, to) });
  });

  it("an empty list is total_num 0 and no items", async () => {
    const m = await mock();
    listWith((request) => reply.page(request, []));
    expect((await m.list(VUL, "limit=50")).text).toBe('{"total_num":0,"data_list":[]}');
  });

  it("paging an operation that is not paged is a handler's bug: a 500 in HSS's shape", async () => {
    const m = await mock();
    // biome-ignore lint/suspicious/noExplicitAny: the mistake under test
    scanWith((request) => reply.page(request as any, []) as any);
    const res = await m.scan({ operate_all: true });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error_code: "HSS.0010", error_msg: "Internal server error" });
  });
});

describe("what a handler is given", () => {
  it("ListVulRepoImage: path and query parsed by the spec, query defaults filled, headers, no body", async () => {
    const m = await mock();
    const seen: HandlerRequest<"ListVulRepoImage">[] = [];
    listWith((request) => {
      seen.push(request);
      return reply.page(request, []);
    });
    await m.call(`/v5/p%201/image/${VUL}/images?limit=20&image_name=a+b`, {
      headers: { region: "cn-north-4" },
    });
    expect(seen).toHaveLength(1);
    const [request] = seen as [HandlerRequest<"ListVulRepoImage">];
    expect(request.operation.operationId).toBe("ListVulRepoImage");
    expect(request.path).toEqual({ project_id: "p 1", vul_id: VUL });
    expect(request.query).toEqual({ limit: 20, offset: 0, enterprise_project_id: "0", image_name: "a b" });
    expect(request.header).toEqual({ region: "cn-north-4" });
    expect(request.body).toBeUndefined();
  });

  it("only the operation's own parameters, from where the spec puts them: none absent is filled but the defaults", async () => {
    const m = await mock();
    const seen: HandlerRequest<"ListVulRepoImage">[] = [];
    listWith((request) => {
      seen.push(request);
      return reply.page(request, []);
    });
    // Headers named like query or path parameters are not parameters; no region header, no region.
    const res = await m.call(LIST, { headers: { limit: "5", offset: "x", project_id: "other" } });
    expect(res.status).toBe(200);
    const [request] = seen as [HandlerRequest<"ListVulRepoImage">];
    expect(Object.keys(request.query).sort()).toEqual(["enterprise_project_id", "limit", "offset"]);
    expect(Object.keys(request.header)).toEqual([]);
    expect(request.path).toEqual({ project_id: "p1", vul_id: VUL });
    // Path and header parameters are not query parameters.
    for (const name of ["project_id", "vul_id", "region"]) {
      const refused = await m.list(VUL, `${name}=x`);
      expect(refused.status).toBe(400);
      expect(refused.json.error_msg).toMatch(
        new RegExp(`^${name}: is not a query parameter of ListVulRepoImage`),
      );
    }
    expect(seen).toHaveLength(1);
  });

  it("BatchScanLocalImage: the parsed body and the region header", async () => {
    const m = await mock();
    const seen: HandlerRequest<"BatchScanLocalImage">[] = [];
    scanWith((request) => {
      seen.push(request);
      return reply.ok(undefined);
    });
    await m.scan({ operate_all: true, image_size: 5 }, "enterprise_project_id=all_granted_eps");
    const [request] = seen as [HandlerRequest<"BatchScanLocalImage">];
    expect(request.operation.operationId).toBe("BatchScanLocalImage");
    expect(request.body).toEqual({ operate_all: true, image_size: 5 });
    expect(request.query).toEqual({ enterprise_project_id: "all_granted_eps" });
    expect(request.header).toEqual({ region: "cn-north-4" });
    expect(request.path).toEqual({ project_id: "p1" });
  });

  it("what a handler tries to change in its request is never seen by the next, identical request", async () => {
    const m = await mock();
    const seen: unknown[] = [];
    listWith((request) => {
      seen.push([request.query.limit, request.path.vul_id, request.header.region]);
      try {
        (request.query as Record<string, unknown>).limit = 999;
        (request.path as Record<string, unknown>).vul_id = "changed";
        (request.header as Record<string, unknown>).region = "changed";
      } catch {
        // a repeated request's parameters are read-only (frozen): writing them throws
      }
      return reply.page(request, []);
    });
    for (let i = 0; i < 3; i++)
      expect((await m.call(`${LIST}?limit=30`, { headers: { region: "cn-north-4" } })).status).toBe(200);
    expect(seen).toEqual(Array.from({ length: 3 }, () => [30, VUL, "cn-north-4"]));
  });
});

describe("a handler that throws", () => {
  it("is a 500 in HSS's shape, journaled as such, and the mock goes on answering", async () => {
    const m = await mock();
    listWith(() => {
      throw new Error("boom");
    });
    const res = await m.list(VUL);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error_code: "HSS.0010", error_msg: "Internal server error" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect((await m.admin("journal")).json.at(-1)).toMatchObject({
      status: 500,
      operation: "ListVulRepoImage",
    });
    swapped.handlers = {};
    expect((await m.list(VUL)).status).toBe(200);
  });

  it("after its body was read (a scan), the same: 500, journaled", async () => {
    const m = await mock();
    scanWith(() => {
      throw new Error("boom");
    });
    const res = await m.scan({ operate_all: true });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error_code: "HSS.0010", error_msg: "Internal server error" });
    expect((await m.admin("journal")).json.at(-1)).toMatchObject({
      status: 500,
      operation: "BatchScanLocalImage",
    });
  });

  it("after injected latency, the same", async () => {
    const m = await mock();
    await m.admin("faults/ListVulRepoImage", { method: "PUT", body: JSON.stringify({ latencyMs: 5 }) });
    listWith(() => {
      throw new Error("boom");
    });
    const res = await m.list(VUL);
    expect(res.status).toBe(500);
    expect((await m.admin("journal")).json.at(-1)).toMatchObject({ status: 500 });
  });
});
