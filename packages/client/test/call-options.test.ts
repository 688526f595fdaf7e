/**
 * What a call sends and which settings govern it, seen by a real server: the client's context
 * (project, region, enterprise project) filled in unless the call gives its own, headers and
 * User-Agent, validation switched off, per-call deadlines and retries, the same request with or
 * without middleware, and every numeric setting checked with its name.
 */
import type { IncomingMessage } from "node:http";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createHssClient, HssConfigError, HssTimeoutError, HssValidationError } from "../src/index.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server answering `status` (503 for the first `failFirst` requests), recording each request. */
async function serve({ failFirst = 0, stall = false } = {}) {
  const seen: Seen[] = [];
  const server = await startServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (stall) return;
    if (seen.length <= failFirst) {
      res.writeHead(503, { "Content-Type": "application/json" });
      res.end('{"error_code":"HSS.0503","error_msg":"busy"}');
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": `r${seen.length}` });
    res.end(req.method === "GET" ? '{"total_num":0,"data_list":[]}' : "");
  });
  servers.push(server);
  return { url: server.url, seen };
}

const make = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  createHssClient({
    endpoint: url,
    region: "cn-north-4",
    projectId: "proj",
    env: {},
    retry: { baseDelayMs: 1 },
    ...extra,
  });

describe("what a call sends", () => {
  it("the client's project, region and enterprise project fill the call; the call's own win", async () => {
    const s = await serve();
    const hss = make(s.url, { enterpriseProjectId: "ep-1" });
    await hss.throwing.listVulRepoImage({ vul_id: "CVE-1" });
    await hss.throwing.listVulRepoImage({
      vul_id: "CVE-1",
      project_id: "other",
      enterprise_project_id: "ep-2",
    });
    await hss.throwing.batchScanLocalImage({ body: { operate_all: true }, region: "ap-southeast-1" });
    const [a, b, c] = s.seen as [Seen, Seen, Seen];
    expect(a.url).toBe("/v5/proj/image/CVE-1/images?enterprise_project_id=ep-1");
    expect(b.url).toBe("/v5/other/image/CVE-1/images?enterprise_project_id=ep-2");
    expect(c.url).toBe("/v5/proj/image/local/batch-scan?enterprise_project_id=ep-1");
    expect(c.headers.region).toBe("ap-southeast-1");
    expect(c.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(c.body)).toEqual({ operate_all: true });
    expect(a.headers["content-type"]).toBeUndefined();
    expect(a.body).toBe("");
  });

  it("no project id anywhere is a config error saying where one comes from; the environment's is used", async () => {
    const s = await serve();
    const { error } = await createHssClient({
      endpoint: s.url,
      region: "cn-north-4",
      env: {},
    }).listVulRepoImage({ vul_id: "v" });
    expect(error).toBeInstanceOf(HssConfigError);
    expect(error?.message).toBe(
      "projectId is required (option projectId or HUAWEICLOUD_SDK_PROJECT_ID, or project_id in the call)",
    );
    await createHssClient({
      endpoint: s.url,
      region: "cn-north-4",
      env: { HUAWEICLOUD_SDK_PROJECT_ID: "from-env" },
    }).throwing.listVulRepoImage({ vul_id: "v" });
    expect(s.seen[0]?.url).toMatch(/^\/v5\/from-env\//);
  });

  it("an unknown input field is named with the known ones (and body where the operation takes one)", async () => {
    const s = await serve();
    const hss = make(s.url);
    const list = await hss.listVulRepoImage({ vul_id: "v", limt: 10 } as never);
    expect(list.error).toBeInstanceOf(HssValidationError);
    expect(list.error?.message).toMatch(
      /limt: is not a parameter of ListVulRepoImage \(known: [^)]*limit[^)]*\)/,
    );
    expect(list.error?.message).not.toMatch(/known: [^)]*, body\)/);
    const scan = await hss.batchScanLocalImage({ body: { operate_all: true }, bodyy: 1 } as never);
    expect(scan.error?.message).toMatch(
      /bodyy: is not a parameter of BatchScanLocalImage \(known: .*, body\)/,
    );
    expect(s.seen).toHaveLength(0);
  });

  it("headers and userAgent options reach every request; the region header is the client's", async () => {
    const s = await serve();
    await make(s.url, { headers: { "X-Trace": "t-1" }, userAgent: "my-tool/1.2" }).throwing.listVulRepoImage({
      vul_id: "v",
    });
    const h = s.seen[0]?.headers ?? {};
    expect(h["x-trace"]).toBe("t-1");
    expect(h.region).toBe("cn-north-4");
    expect(h["user-agent"]).toMatch(/^my-tool\/1\.2 hss-client\/\S+ \(\+@hss\/client; node\/\d+/);
    await make(s.url).throwing.listVulRepoImage({ vul_id: "v" });
    expect(s.seen[1]?.headers["user-agent"]).toMatch(/^hss-client\//);
  });

  it("validate: false sends what the spec would refuse, so a server's own checks can be tested", async () => {
    const s = await serve();
    const { error } = await make(s.url, { validate: false }).listVulRepoImage({ vul_id: "v", limit: 5 });
    expect(error).toBeUndefined();
    expect(s.seen[0]?.url).toContain("limit=5");
  });

  it("with middleware (client.raw.use) the request sent is the same as without", async () => {
    const plain = await serve();
    const viaMiddleware = await serve();
    const input = {
      vul_id: "CVE-1",
      limit: 20,
      offset: 40,
      image_name: "a b&c",
      enterprise_project_id: "all_granted_eps",
    };
    await make(plain.url).throwing.listVulRepoImage(input);
    const hss = make(viaMiddleware.url);
    hss.raw.use({ onRequest: ({ request }) => request });
    await hss.throwing.listVulRepoImage(input);
    await make(plain.url).throwing.batchScanLocalImage({ body: { image_info_list: [{ image_id: "i" }] } });
    await hss.throwing.batchScanLocalImage({ body: { image_info_list: [{ image_id: "i" }] } });
    const strip = ({ headers, ...rest }: Seen) => {
      const { host: _h, connection: _c, "content-length": len, ...others } = headers;
      return { ...rest, headers: others, length: len };
    };
    expect(viaMiddleware.seen.map(strip)).toEqual(plain.seen.map(strip));
  });
});

describe("deadlines and retries, per client and per call", () => {
  it("a call's timeoutMs replaces the client's", async () => {
    const s = await serve({ stall: true });
    const { error } = await make(s.url, { timeoutMs: 60_000, retry: false }).listVulRepoImage(
      { vul_id: "v" },
      { timeoutMs: 50 },
    );
    expect(error).toBeInstanceOf(HssTimeoutError);
    expect((error as HssTimeoutError).timeoutMs).toBe(50);
  });

  it("retry: false makes one attempt; a call's retry replaces the client's", async () => {
    const s = await serve({ failFirst: 2 });
    const hss = make(s.url, { retry: false });
    expect((await hss.listVulRepoImage({ vul_id: "v" })).error?.message).toMatch(/HTTP 503/);
    expect(s.seen).toHaveLength(1);
    const retried = await hss.listVulRepoImage(
      { vul_id: "v" },
      { retry: { maxAttempts: 2, baseDelayMs: 1 } },
    );
    expect(retried.error).toBeUndefined();
    expect(s.seen).toHaveLength(3);
  });

  it("a POST is retried only with retryNonIdempotent", async () => {
    const s = await serve({ failFirst: 1 });
    const hss = make(s.url);
    expect((await hss.batchScanLocalImage({ body: { operate_all: true } })).error?.message).toMatch(
      /HTTP 503/,
    );
    expect(s.seen).toHaveLength(1);
    const again = await serve({ failFirst: 1 });
    const opted = make(again.url, { retry: { retryNonIdempotent: true, baseDelayMs: 1 } });
    expect((await opted.batchScanLocalImage({ body: { operate_all: true } })).error).toBeUndefined();
    expect(again.seen.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs must be a positive number of ms (got 0)"],
    [{ timeoutMs: Number.NaN }, "timeoutMs must be a positive number of ms (got NaN)"],
    [{ totalTimeoutMs: -1 }, "totalTimeoutMs must be a positive number of ms (got -1)"],
    [{ maxResponseBytes: 0 }, "maxResponseBytes must be a positive number of bytes (got 0)"],
    [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts must be an integer from 1 to 100 (got 0)"],
    [{ retry: { maxAttempts: 101 } }, "retry.maxAttempts must be an integer from 1 to 100 (got 101)"],
    [{ retry: { maxAttempts: 1.5 } }, "retry.maxAttempts must be an integer from 1 to 100 (got 1.5)"],
    [{ retry: { baseDelayMs: -1 } }, "retry.baseDelayMs must be a number of ms of at least 0 (got -1)"],
    [
      { retry: { baseDelayMs: Number.POSITIVE_INFINITY } },
      "retry.baseDelayMs must be a number of ms of at least 0 (got Infinity)",
    ],
    [{ retry: { maxDelayMs: 0 } }, "retry.maxDelayMs must be a positive number of ms (got 0)"],
  ])("client option %j is refused: %s", (options, message) => {
    expect(() => make("http://127.0.0.1:9", options as Parameters<typeof createHssClient>[0])).toThrow(
      new HssConfigError(message),
    );
  });

  it("a bad per-call setting is refused the same way, naming the call's setting", async () => {
    const s = await serve();
    const hss = make(s.url);
    expect((await hss.listVulRepoImage({ vul_id: "v" }, { retry: { maxAttempts: 0 } })).error?.message).toBe(
      "call retry.maxAttempts must be an integer from 1 to 100 (got 0)",
    );
    expect((await hss.listVulRepoImage({ vul_id: "v" }, { timeoutMs: -5 })).error?.message).toBe(
      "timeoutMs must be a positive number of ms (got -5)",
    );
    expect(s.seen).toHaveLength(0);
    expect(() => make(s.url, { retry: { baseDelayMs: 0 } })).not.toThrow();
  });
});
