/** Pagination over real HTTP: exact counts, no gaps or duplicates, the prefetch bound, the offset cap. */
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createHssClient, HssValidationError, type VulRepoImageInfo } from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const image = (i: number): VulRepoImageInfo => ({
  namespace: "ns",
  image_id: `img-${i}`,
  image_name: `name-${i}`,
  app_name: "openssl",
  version: "1.0",
  tag_count: 1,
  image_type: "private_image",
  data_list: [{ tag_id: `t-${i}`, tag_name: "latest", size: 1, app_name: "openssl" }],
});

/** A server with `total` images (or claiming `claimedTotal`), recording offsets and concurrency. */
async function imagesServer(total: number, opts: { delayMs?: number; claimedTotal?: number } = {}) {
  const state = { offsets: [] as number[], inFlight: 0, maxInFlight: 0 };
  const server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? "", "http://x");
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    state.offsets.push(offset);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    state.inFlight--;
    const end = Math.min(total, offset + limit);
    const data_list = [];
    for (let i = offset; i < end; i++) data_list.push(image(i));
    res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": `r${offset}` });
    res.end(JSON.stringify({ total_num: opts.claimedTotal ?? total, data_list }));
  });
  servers.push(server);
  const hss = createHssClient({
    endpoint: server.url,
    region: "cn-north-4",
    projectId: "p",
    env: {},
    retry: false,
  });
  return { hss, state };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("paginate.listVulRepoImage", () => {
  it.each([
    [0, 10, 1],
    [1, 10, 1],
    [10, 10, 1],
    [11, 10, 1],
    [1234, 200, 1],
    [1234, 200, 4],
    [999, 10, 16],
  ])(
    "total %i, limit %i, prefetch %i: every image once, in order, and no request past total",
    async (total, limit, prefetch) => {
      const { hss, state } = await imagesServer(total);
      const items = await collect(hss.paginate.listVulRepoImage({ vul_id: "CVE-1", limit }, { prefetch }));
      expect(items).toHaveLength(total);
      expect(items.map((i) => i.image_id)).toEqual(Array.from({ length: total }, (_, i) => `img-${i}`));
      const expectedOffsets = Array.from(
        { length: Math.max(1, Math.ceil(total / limit)) },
        (_, i) => i * limit,
      );
      expect([...state.offsets].sort((a, b) => a - b)).toEqual(expectedOffsets);
      expect(state.maxInFlight).toBeLessThanOrEqual(prefetch);
    },
  );

  it("keeps at most `prefetch` requests in flight, and really overlaps them", async () => {
    const { hss, state } = await imagesServer(2000, { delayMs: 20 });
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v", limit: 100 }, { prefetch: 4 }));
    expect(pages.map((p) => p.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
    expect(state.maxInFlight).toBe(4);
    expect(pages[3]?.requestId).toBe("r300");
  });

  it("stops at maxItems, fetching no more pages than needed", async () => {
    const { hss, state } = await imagesServer(1000);
    const items = await collect(
      hss.paginate.listVulRepoImage({ vul_id: "v", limit: 50 }, { maxItems: 120, prefetch: 2 }),
    );
    expect(items).toHaveLength(120);
    expect(state.offsets.sort((a, b) => a - b)).toEqual([0, 50, 100]);
  });

  it("starts at the given offset", async () => {
    const { hss } = await imagesServer(100);
    const items = await collect(hss.paginate.listVulRepoImage({ vul_id: "v", limit: 10, offset: 95 }));
    expect(items.map((i) => i.image_id)).toEqual(["img-95", "img-96", "img-97", "img-98", "img-99"]);
  });

  it("stops at an empty page even when total_num claims more", async () => {
    const { hss, state } = await imagesServer(30, { claimedTotal: 1000 });
    const items = await collect(hss.paginate.listVulRepoImage({ vul_id: "v", limit: 10 }));
    expect(items).toHaveLength(30);
    expect(Math.max(...state.offsets)).toBe(30);
  });

  it("never asks past offset 2,000,000: a clear error instead", async () => {
    const { hss, state } = await imagesServer(3_000_000);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of hss.pages.listVulRepoImage({ vul_id: "v", limit: 200, offset: 1_999_600 }))
        seen.push(String(page.offset));
    })().catch((e: unknown) => e);
    // 1_999_600 and 1_999_800 and 2_000_000 are allowed; 2_000_200 is not.
    expect(error).toBeInstanceOf(HssValidationError);
    expect((error as Error).message).toMatch(
      /offset: must be an integer from 0 to 2000000: 999800 of 3000000 items lie beyond/,
    );
    expect(Math.max(...state.offsets)).toBe(2_000_000);
    expect(seen).toEqual(["1999600", "1999800", "2000000"]);
  });

  it("stops requesting when the consumer stops early", async () => {
    const { hss, state } = await imagesServer(10_000, { delayMs: 5 });
    for await (const item of hss.paginate.listVulRepoImage({ vul_id: "v", limit: 100 }, { prefetch: 3 })) {
      if (item.image_id === "img-150") break;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(state.offsets.length).toBeLessThanOrEqual(5);
  });

  it("rejects a bad prefetch, maxItems or limit with the allowed range", async () => {
    const { hss } = await imagesServer(10);
    await expect(collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { prefetch: 0 }))).rejects.toThrow(
      "prefetch: must be an integer from 1 to 16",
    );
    for (const maxItems of [1.5, -1, Number.NaN])
      await expect(collect(hss.paginate.listVulRepoImage({ vul_id: "v" }, { maxItems }))).rejects.toThrow(
        "maxItems: must be an integer of at least 0 (or Infinity)",
      );
    await expect(collect(hss.paginate.listVulRepoImage({ vul_id: "v", limit: 5 }))).rejects.toThrow(
      "limit: must be an integer from 10 to 200",
    );
  });
});

describe("pages.listVulRepoImage", () => {
  it("yields the first page even when it is empty, so its total is known", async () => {
    const { hss } = await imagesServer(25);
    const pages = await collect(hss.pages.listVulRepoImage({ vul_id: "v", offset: 100 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ offset: 100, total: 25, items: [] });
  });
});
