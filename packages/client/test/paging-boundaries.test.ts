/**
 * The paginators at their edges, against servers on 127.0.0.1: the options' bounds, what a walk
 * asks for when the input leaves paging out, pages that break the contract, an empty first page,
 * the offset cap's message, and the caller's signal (already aborted, aborted between pages, and
 * never left holding a listener).
 */
import { getEventListeners } from "node:events";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHssClient,
  createHssCore,
  HssAbortError,
  HssResponseError,
  HssValidationError,
  items,
  pages,
  reachableItems,
  walkPages,
} from "../src/index.js";
import { BatchScanLocalImage, ListVulRepoImage } from "../src/spec/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Asked {
  offset: number;
  limit: number;
}

/** A server answering each page request with `answer(offset, limit)` as JSON, recording what was asked. */
async function pagesServer(answer: (offset: number, limit: number) => unknown) {
  const asked: Asked[] = [];
  const answered: number[] = [];
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? "", "http://x");
    const offset = Number(url.searchParams.get("offset"));
    const limit = Number(url.searchParams.get("limit"));
    asked.push({ offset, limit });
    res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": `r${offset}` });
    res.end(JSON.stringify(answer(offset, limit)), () => answered.push(offset));
  });
  servers.push(server);
  const hss = createHssClient({
    endpoint: server.url,
    region: "cn-north-4",
    projectId: "p",
    env: {},
    retry: false,
  });
  return { hss, asked, answered, url: server.url };
}

/** `total` images, each named by its position. */
const catalogue =
  (total: number, claimedTotal = total) =>
  (offset: number, limit: number) => ({
    total_num: claimedTotal,
    data_list: Array.from({ length: Math.max(0, Math.min(total, offset + limit) - offset) }, (_, i) => ({
      namespace: "ns",
      image_id: `img-${offset + i}`,
      image_name: "n",
      app_name: "a",
      version: "1",
      tag_count: 1,
      image_type: "private_image",
      data_list: [],
    })),
  });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => {
      throw new Error("expected the walk to fail");
    },
    (error: unknown) => error,
  );
}

describe("paging options at their bounds", () => {
  it("prefetch 16 is allowed; 17 and 1.5 are refused as options, before anything is sent", async () => {
    const { hss, asked } = await pagesServer(catalogue(30));
    for (const prefetch of [17, 1.5]) {
      const error = await failure(collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { prefetch })));
      expect(error).toBeInstanceOf(HssValidationError);
      expect((error as HssValidationError).violations).toEqual([
        { field: "prefetch", location: "options", message: "must be an integer from 1 to 16" },
      ]);
    }
    expect(asked).toEqual([]);
    expect(await collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { prefetch: 16 }))).toHaveLength(30);
  });

  it("maxItems 0 is allowed and yields nothing, without a single request", async () => {
    const { hss, asked } = await pagesServer(catalogue(30));
    expect(await collect(hss.pages.listVulRepoImage({ vul_id: "v" }, { maxItems: 0 }))).toEqual([]);
    expect(asked).toEqual([]);
  });

  it("without limit or offset in the input, pages start at 0 and step by the spec's default limit of 10", async () => {
    const { hss, asked } = await pagesServer(catalogue(25));
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v" }));
    expect(pages.map((p) => [p.offset, p.limit, p.items.length])).toEqual([
      [0, 10, 10],
      [10, 10, 10],
      [20, 10, 5],
    ]);
    expect(asked).toEqual([
      { offset: 0, limit: 10 },
      { offset: 10, limit: 10 },
      { offset: 20, limit: 10 },
    ]);
  });

  it("maxItems cuts the last page short and asks for nothing past it", async () => {
    const { hss, asked } = await pagesServer(catalogue(100));
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v", offset: 5 }, { maxItems: 15 }));
    expect(pages.map((p) => p.items.map((i) => i.image_id))).toEqual([
      Array.from({ length: 10 }, (_, i) => `img-${5 + i}`),
      Array.from({ length: 5 }, (_, i) => `img-${15 + i}`),
    ]);
    expect(pages[1]).toMatchObject({ offset: 15, limit: 10, total: 100, requestId: "r15" });
    expect(asked.map((a) => a.offset)).toEqual([5, 15]);
  });
});

describe("a server that sends more items than the limit asks for", () => {
  it("maxItems still ends the walk at that many items, with no empty pages after it", async () => {
    const { hss } = await pagesServer((offset) => catalogue(100)(offset, 30));
    const pages = await collect(
      hss.pages.listVulRepoImage({ vul_id: "v", limit: 10 }, { maxItems: 25, prefetch: 4 }),
    );
    expect(pages.map((p) => [p.offset, p.items.length])).toEqual([[0, 25]]);
  });
});

describe("pages and items over a bare core (the smallest bundle)", () => {
  it("walk the same pages and items as the client's iterators", async () => {
    const { hss, asked } = await pagesServer(catalogue(25));
    const core = createHssCore({
      endpoint: hss.endpoint,
      region: "cn-north-4",
      projectId: "p",
      env: {},
      retry: false,
    });
    const walked = await collect(pages(core, ListVulRepoImage, { vul_id: "v", limit: 10 }, { prefetch: 2 }));
    expect(walked.map((p) => [p.offset, p.items.length, p.total])).toEqual([
      [0, 10, 25],
      [10, 10, 25],
      [20, 5, 25],
    ]);
    const ids = (await collect(items(core, ListVulRepoImage, { vul_id: "v" }, { maxItems: 12 }))).map(
      (i) => i.image_id,
    );
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `img-${i}`));
    expect(asked.map((a) => a.offset).sort((a, b) => a - b)).toEqual([0, 0, 10, 10, 20]);
  });
});

describe("what a walk reaches", () => {
  it("reachableItems is the last allowed offset plus a full page; an operation that is not paged reaches none", () => {
    const offset = ListVulRepoImage.parameters.find((p) => p.name === "offset");
    const limit = ListVulRepoImage.parameters.find((p) => p.name === "limit");
    expect(reachableItems(ListVulRepoImage)).toBe(
      (offset?.schema.maximum as number) + (limit?.schema.maximum as number),
    );
    expect(reachableItems(ListVulRepoImage)).toBe(2_000_200);
    expect(reachableItems(BatchScanLocalImage)).toBe(0);
  });

  it("walking an operation that is not paged is an error naming it", async () => {
    const hss = createHssClient({ endpoint: "http://127.0.0.1:9", projectId: "p", env: {} });
    await expect(
      collect(walkPages(hss, BatchScanLocalImage, { body: { operate_all: true } })),
    ).rejects.toThrow("BatchScanLocalImage is not paged");
  });

  it("past offset 2,000,000 the error says how many items lie beyond and how to reach them", async () => {
    const { hss } = await pagesServer(catalogue(2_000_250, 2_000_500));
    const error = await failure(
      collect(hss.pages.listVulRepoImage({ vul_id: "v", limit: 200, offset: 2_000_000 })),
    );
    expect(error).toBeInstanceOf(HssValidationError);
    expect((error as Error).message).toBe(
      "ListVulRepoImage: invalid input: offset: must be an integer from 0 to 2000000: 300 of 2000500 items " +
        "lie beyond the last offset the API allows; narrow the filters to reach them",
    );
    expect((error as HssValidationError).violations[0]?.location).toBe("options");
  });

  it("an empty first page ends the walk even when the total promises more and a later page has items", async () => {
    const { url } = await pagesServer((offset, limit) =>
      offset === 0 ? { total_num: 50, data_list: [] } : catalogue(50)(offset, limit),
    );
    // Every request the client starts, including those aborted before they reach the server.
    const started: string[] = [];
    const hss = createHssClient({
      endpoint: url,
      region: "cn-north-4",
      projectId: "p",
      env: {},
      retry: false,
      fetch: (input, init) => {
        started.push(
          new URL(String(input instanceof Request ? input.url : input)).searchParams.get("offset") ?? "",
        );
        return fetch(input, init);
      },
    });
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v" }, { prefetch: 4 }));
    expect(pages).toEqual([{ offset: 0, limit: 10, total: 50, items: [], requestId: "r0" }]);
    // The walk ends there: no page after it is asked for (and then thrown away).
    expect(started).toEqual(["0"]);
  });

  it("an empty page after the first ends the walk and is not yielded", async () => {
    const { hss } = await pagesServer(catalogue(20, 1000));
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v" }));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10]);
  });
});

describe("a page that breaks the paging contract is an HssResponseError, not a short walk", () => {
  it.each([
    ["a negative total", { total_num: -1, data_list: [] }, "total_num is not a count"],
    ["a fractional total", { total_num: 2.5, data_list: [] }, "total_num is not a count"],
    ["a total that is text", { total_num: "10", data_list: [] }, "total_num is not a count"],
    ["items that are not a list", { total_num: 10, data_list: { 0: "x" } }, "data_list is not a list"],
    ["no items at all", { total_num: 10 }, "data_list is not a list"],
  ])("%s", async (_what, body, problem) => {
    const { hss } = await pagesServer(() => body);
    const error = await failure(collect(hss.paginate.listVulRepoImage({ vul_id: "v" })));
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error).toMatchObject({ status: 200, operation: "ListVulRepoImage", requestId: "r0" });
    expect((error as Error).message).toBe(
      `ListVulRepoImage: the service answered HTTP 200 with a page whose ${problem} (request id r0)`,
    );
  });

  it("a total of 0 with no items is a valid, empty walk", async () => {
    const { hss } = await pagesServer(() => ({ total_num: 0, data_list: [] }));
    expect(await collect(hss.paginate.listVulRepoImage({ vul_id: "v" }))).toEqual([]);
  });
});

describe("the caller's signal", () => {
  it("already aborted: the walk fails with the caller's reason and sends nothing", async () => {
    const { hss, asked } = await pagesServer(catalogue(30));
    const reason = new Error("stopped before starting");
    const error = await failure(
      collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { signal: AbortSignal.abort(reason) })),
    );
    expect(error).toBeInstanceOf(HssAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(asked).toEqual([]);
  });

  it("aborted between pages: no page is asked for afterwards, and the error carries the caller's reason", async () => {
    const { hss, asked, answered } = await pagesServer(catalogue(100));
    const controller = new AbortController();
    const reason = new Error("user pressed stop");
    const error = await failure(
      (async () => {
        for await (const page of hss.pages.listVulRepoImage({ vul_id: "v" }, { signal: controller.signal })) {
          if (page.offset === 0) {
            // Let the page already requested (offset 10) arrive, then stop.
            while (!answered.includes(10)) await new Promise((r) => setTimeout(r, 5));
            await new Promise((r) => setTimeout(r, 50));
            controller.abort(reason);
          }
        }
      })(),
    );
    expect(error).toBeInstanceOf(HssAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(asked.map((a) => a.offset)).toEqual([0, 10]);
  });

  it("a walk leaves no listener on the caller's signal, however it ends", async () => {
    const { hss } = await pagesServer(catalogue(35));
    const signal = new AbortController().signal;
    await collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { signal, prefetch: 2 }));
    for await (const _ of hss.paginate.listVulRepoImage({ vul_id: "v" }, { signal })) break;
    await collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { signal, maxItems: 12 }));
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});
