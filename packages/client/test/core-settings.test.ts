/**
 * What the client's core makes of its options and of each call's, seen by real servers on
 * 127.0.0.1 or in the errors a bad setting gives: the limits of each number, per-call settings
 * layered over the client's, what raw openapi-fetch calls are named in errors, middleware added
 * and removed, and the check that `send` is given a client made by this package.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type createHssClient,
  createHssCore,
  type DebugEvent,
  HssConfigError,
  HssNetworkError,
  HssTimeoutError,
  send,
} from "../src/index.js";
import { ListVulRepoImage } from "../src/spec/index.js";
import { base, busy, make, ok, serve } from "./local-server.js";

const refused = (options: Parameters<typeof createHssClient>[0]) => () => make("http://127.0.0.1:9", options);
const delays = (events: DebugEvent[]) => events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the limits of each numeric setting", () => {
  it.each([
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs must be a positive number of ms (got Infinity)"],
    [
      { totalTimeoutMs: Number.POSITIVE_INFINITY },
      "totalTimeoutMs must be a positive number of ms (got Infinity)",
    ],
    [
      { maxResponseBytes: Number.POSITIVE_INFINITY },
      "maxResponseBytes must be a positive number of bytes (got Infinity)",
    ],
    [
      { retry: { maxDelayMs: Number.POSITIVE_INFINITY } },
      "retry.maxDelayMs must be a positive number of ms (got Infinity)",
    ],
    [{ retry: { maxDelayMs: Number.NaN } }, "retry.maxDelayMs must be a positive number of ms (got NaN)"],
    [
      { retry: { baseDelayMs: Number.NaN } },
      "retry.baseDelayMs must be a number of ms of at least 0 (got NaN)",
    ],
    [{ retry: { maxAttempts: Number.NaN } }, "retry.maxAttempts must be an integer from 1 to 100 (got NaN)"],
  ])("an endless or undefined number is refused: %j", (options, message) => {
    expect(refused(options)).toThrow(new HssConfigError(message));
  });

  it("maxAttempts 1 and 100, the ends of its range, are accepted and used", async () => {
    const { url, seen } = await serve((res) => busy(res));
    expect(
      (await make(url, { retry: { maxAttempts: 1 } }).listVulRepoImage({ vul_id: "v" })).error,
    ).toMatchObject({
      status: 503,
    });
    expect(seen).toHaveLength(1);
    expect(refused({ retry: { maxAttempts: 100 } })).not.toThrow();
  });

  it("the smallest positive numbers are accepted", () => {
    expect(
      refused({ timeoutMs: 1, totalTimeoutMs: 1, maxResponseBytes: 1, retry: { maxDelayMs: 1 } }),
    ).not.toThrow();
  });

  it("a bad per-call maxDelayMs is refused naming the call's setting, and nothing is sent", async () => {
    const { url, seen } = await serve(ok);
    const result = await make(url).listVulRepoImage({ vul_id: "v" }, { retry: { maxDelayMs: 0 } });
    expect(result.error).toBeInstanceOf(HssConfigError);
    expect(result.error?.message).toBe("call retry.maxDelayMs must be a positive number of ms (got 0)");
    const total = await make(url).listVulRepoImage({ vul_id: "v" }, { totalTimeoutMs: 0 });
    expect(total.error?.message).toBe("totalTimeoutMs must be a positive number of ms (got 0)");
    expect(seen).toHaveLength(0);
  });
});

describe("a call's settings over the client's", () => {
  it("a call's retry changes only what it names: the client's backoff stays", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { url, seen } = await serve((res, n) => (n < 3 ? busy(res) : ok(res)));
    const events: DebugEvent[] = [];
    const hss = make(url, {
      retry: { maxAttempts: 1, baseDelayMs: 40, maxDelayMs: 60 },
      onDebug: (e) => events.push(e),
    });
    const result = await hss.listVulRepoImage({ vul_id: "v" }, { retry: { maxAttempts: 3 } });
    expect(result.error).toBeUndefined();
    expect(seen).toHaveLength(3);
    // Half of each ceiling: 40, then 80 capped at the client's maxDelayMs of 60.
    expect(delays(events)).toEqual([20, 30]);
  });

  it("a call's retry: false makes one attempt on a client that retries", async () => {
    const { url, seen } = await serve((res) => busy(res));
    const hss = make(url, { retry: { maxAttempts: 5, baseDelayMs: 0 } });
    const result = await hss.listVulRepoImage({ vul_id: "v" }, { retry: false });
    expect(result.error).toMatchObject({ status: 503 });
    expect(seen).toHaveLength(1);
  });

  it("a call's totalTimeoutMs replaces the client's", async () => {
    const { url } = await serve(() => {}); // never answers
    const hss = make(url, { timeoutMs: 60_000, totalTimeoutMs: 60_000 });
    const result = await hss.listVulRepoImage({ vul_id: "v" }, { totalTimeoutMs: 100 });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(result.error).toMatchObject({ timeoutMs: 100, which: "totalTimeoutMs" });
  });
});

describe("raw openapi-fetch calls", () => {
  it("are named 'request' in their errors", async () => {
    const { url } = await serve(() => {}); // never answers
    const hss = make(url, { timeoutMs: 100, retry: false });
    const call = hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
    });
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HssTimeoutError);
    expect(error).toMatchObject({ operation: "request", message: "request timed out after 100 ms" });
  });

  it("carry the client's region header and its headers option", async () => {
    const { url, seen } = await serve(ok);
    const hss = make(url, { headers: { "X-Trace": "t-1" } });
    await hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
    });
    expect(seen[0]?.headers.region).toBe("cn-north-4");
    expect(seen[0]?.headers["x-trace"]).toBe("t-1");
  });

  it("send the client's User-Agent unless the request names its own", async () => {
    const { url, seen } = await serve(ok);
    const hss = make(url, { userAgent: "tool/9" });
    const path = { params: { path: { project_id: "p", vul_id: "v" } } };
    await hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", path);
    await hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      ...path,
      headers: { "User-Agent": "mine/1" },
    });
    expect(seen[0]?.headers["user-agent"]).toMatch(/^tool\/9 hss-client\//);
    expect(seen[1]?.headers["user-agent"]).toBe("mine/1");
  });
});

describe("middleware added and removed", () => {
  it("a middleware removed with raw.eject no longer runs, for operations and raw calls alike", async () => {
    const { url, seen } = await serve(ok);
    const hss = make(url);
    const mark = {
      onRequest: ({ request }: { request: Request }) => {
        const marked = new Request(request);
        marked.headers.set("x-marked", "1");
        return marked;
      },
    };
    hss.raw.use(mark);
    await hss.throwing.listVulRepoImage({ vul_id: "v" });
    hss.raw.eject(mark);
    await hss.throwing.listVulRepoImage({ vul_id: "v" });
    await hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
    });
    expect(seen.map((s) => s.headers["x-marked"])).toEqual(["1", undefined, undefined]);
  });
});

describe("send and what it is given as a core", () => {
  it("an object that only looks like a core is refused, saying what is expected", async () => {
    const core = createHssCore({ ...base, endpoint: "http://127.0.0.1:9" });
    const lookalike = { ...core };
    const result = await send(lookalike, ListVulRepoImage, { vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toContain("not a client made by createHssClient or createHssCore");
  });
});
