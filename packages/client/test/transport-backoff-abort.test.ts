/**
 * What decides whether, when and how long the client waits before another attempt, and how the
 * caller's AbortSignal ends a call at each step, against real servers on 127.0.0.1. Waits are
 * seen through the debug hook's events, the injected random source and fake timers (the
 * backoff's timer never fires unless a test moves the clock), never by measuring time.
 */
import { getEventListeners } from "node:events";
import { startServer } from "@hss/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type DebugEvent,
  HssAbortError,
  HssNetworkError,
  HssTimeoutError,
  parseRetryAfter,
} from "../src/index.js";
import { busy, closeAfterTest, make, ok, serve } from "./local-server.js";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A port nothing listens on (a server started and closed). */
async function deadPort() {
  const server = await startServer(() => {});
  await server.close();
  return server.url;
}

const settles = (promise: Promise<unknown>) => {
  const state = { settled: false };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
};
/** Lets pending promise callbacks and I/O callbacks run (setImmediate is never faked here). */
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
const retries = (events: DebugEvent[]) =>
  events.flatMap((e) => (e.type === "retry" ? [{ delayMs: e.delayMs, reason: e.reason }] : []));

describe("an AbortSignal already aborted", () => {
  it("a call option's: no attempt is made, nothing reaches the server, the reason is the cause", async () => {
    const { url, state } = await serve(ok);
    const events: DebugEvent[] = [];
    const reason = new Error("stopped before it began");
    const result = await make(url, { onDebug: (e) => events.push(e) }).listVulRepoImage(
      { vul_id: "v" },
      { signal: AbortSignal.abort(reason) },
    );
    expect(result.error).toBeInstanceOf(HssAbortError);
    expect(result.error?.cause).toBe(reason);
    expect(events).toEqual([]);
    expect(state.requests).toBe(0);
  });

  it("a raw request's own: no attempt is made, and the reason is the cause", async () => {
    const { url, state } = await serve(ok);
    const events: DebugEvent[] = [];
    const reason = new Error("raw stop");
    const call = make(url, { onDebug: (e) => events.push(e) }).raw.GET(
      "/v5/{project_id}/image/{vul_id}/images",
      {
        params: { path: { project_id: "p", vul_id: "v" } },
        signal: AbortSignal.abort(reason),
      },
    );
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HssAbortError);
    expect((error as Error).cause).toBe(reason);
    expect(events).toEqual([]);
    expect(state.requests).toBe(0);
  });
});

describe("an abort during an attempt or a backoff", () => {
  it("during an attempt: an HssAbortError whose cause is the signal's reason, not a retry", async () => {
    const controller = new AbortController();
    const reason = new Error("user pressed stop");
    // The server never answers; the caller gives up once the request has arrived.
    const { url, state } = await serve(() => controller.abort(reason));
    const events: DebugEvent[] = [];
    const result = await make(url, { timeoutMs: 60_000, onDebug: (e) => events.push(e) }).listVulRepoImage(
      { vul_id: "v" },
      { signal: controller.signal },
    );
    expect(result.error).toBeInstanceOf(HssAbortError);
    expect(result.error?.cause).toBe(reason);
    expect(retries(events)).toEqual([]);
    expect(state.requests).toBe(1);
  });

  it("aborted as a retry is announced: the call ends at once, without waiting out the backoff", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { url, state } = await serve((res) => busy(res));
    const controller = new AbortController();
    const reason = new Error("enough");
    const events: DebugEvent[] = [];
    const call = make(url, {
      retry: { maxAttempts: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      onDebug: (e) => {
        events.push(e);
        if (e.type === "retry") controller.abort(reason);
      },
    }).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    const progress = settles(call);
    await vi.waitFor(() => expect(retries(events)).toHaveLength(1), { timeout: 20_000, interval: 10 });
    await flush();
    // The backoff's timer has not fired (the clock has not moved): the abort alone ended the call.
    expect(progress.settled).toBe(true);
    const result = await call;
    expect(result.error).toBeInstanceOf(HssAbortError);
    expect(result.error?.cause).toBe(reason);
    expect(state.requests).toBe(1);
  });

  it("aborted in the middle of a backoff: the call ends at once, with no further attempt", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { url, state } = await serve((res) => busy(res));
    const controller = new AbortController();
    const events: DebugEvent[] = [];
    const call = make(url, {
      retry: { maxAttempts: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      onDebug: (e) => events.push(e),
    }).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    const progress = settles(call);
    await vi.waitFor(() => expect(retries(events)).toHaveLength(1), { timeout: 20_000, interval: 10 });
    await flush();
    expect(progress.settled).toBe(false); // waiting out the backoff
    controller.abort(new Error("later"));
    await flush();
    expect(progress.settled).toBe(true);
    expect((await call).error).toBeInstanceOf(HssAbortError);
    expect(state.requests).toBe(1);
  });

  it("aborted as the headers arrive, with a fetch whose body ignores the signal: the call still ends", async () => {
    // A fetch that answers at once with a body that never ends and never looks at the signal.
    const endless: typeof fetch = async () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }), {
        status: 200,
        headers: { "Content-Type": "application/json", "Content-Length": "100" },
      });
    const controller = new AbortController();
    const reason = new Error("seen enough");
    const call = make("http://127.0.0.1:9", {
      fetch: endless,
      timeoutMs: 60_000,
      onDebug: (e) => {
        if (e.type === "response") controller.abort(reason);
      },
    }).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    const progress = settles(call);
    await vi.waitFor(() => expect(progress.settled).toBe(true), { timeout: 10_000, interval: 10 });
    const result = await call;
    expect(result.error).toBeInstanceOf(HssAbortError);
    expect(result.error?.cause).toBe(reason);
  });

  it("a signal shared by many calls, retried or not, keeps no listener once they are done", async () => {
    const { url } = await serve((res, n) => (n % 2 === 1 ? busy(res) : ok(res)));
    const controller = new AbortController();
    const hss = make(url, { retry: { maxAttempts: 2, baseDelayMs: 0 } });
    for (let i = 0; i < 3; i++) {
      const result = await hss.listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
      expect(result.error).toBeUndefined();
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("what a retry is announced with", () => {
  it("an error answer is named by its status and request id; a network error by its message", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { url } = await serve((res, n) => {
      if (n === 1) busy(res, { "X-Request-Id": "rid-1" });
      else if (n === 2) busy(res);
      else ok(res);
    });
    const events: DebugEvent[] = [];
    const result = await make(url, {
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      onDebug: (e) => events.push(e),
    }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeUndefined();
    expect(retries(events)).toEqual([
      { delayMs: 0, reason: "HTTP 503 (request id rid-1)" },
      { delayMs: 0, reason: "HTTP 503" },
    ]);

    const dead = await deadPort();
    const failed: DebugEvent[] = [];
    const down = await make(dead, {
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      onDebug: (e) => failed.push(e),
    }).listVulRepoImage({ vul_id: "v" });
    expect(down.error).toBeInstanceOf(HssNetworkError);
    const errors = failed.flatMap((e) => (e.type === "error" ? [e.error] : []));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^ListVulRepoImage: .*ECONNREFUSED/);
    expect(retries(failed)).toEqual([{ delayMs: 0, reason: errors[0] }]);
  });

  it("a connection refused is described with the system's code and message", async () => {
    const dead = await deadPort();
    const port = new URL(dead).port;
    const result = await make(dead, { retry: false }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toBe(
      `ListVulRepoImage: fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port})`,
    );
  });

  it("a fetch that fails with something other than an Error is described by it", async () => {
    const odd: typeof fetch = () => Promise.reject("socket gone");
    const result = await make("http://127.0.0.1:9", { fetch: odd, retry: false }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toBe("ListVulRepoImage: socket gone");
    expect(result.error?.cause).toBe("socket gone");
  });

  it("an Error without a cause is described by its message alone", async () => {
    const odd: typeof fetch = () => Promise.reject(new Error("proxy said no"));
    const result = await make("http://127.0.0.1:9", { fetch: odd, retry: false }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toBe("ListVulRepoImage: proxy said no");
  });

  it("an Error whose cause has a code but no message shows the code alone", async () => {
    const odd: typeof fetch = () =>
      Promise.reject(new TypeError("fetch failed", { cause: { code: "EPIPE" } }));
    const result = await make("http://127.0.0.1:9", { fetch: odd, retry: false }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error?.message).toBe("ListVulRepoImage: fetch failed (EPIPE)");
  });
});

describe("Retry-After and the call's deadline decide whether to retry at all", () => {
  it("a Retry-After of exactly maxDelayMs is waited for, then retried", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { url, state } = await serve((res, n) => (n === 1 ? busy(res, { "Retry-After": "2" }) : ok(res)));
    const events: DebugEvent[] = [];
    const call = make(url, {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2000 },
      onDebug: (e) => events.push(e),
    }).listVulRepoImage({ vul_id: "v" });
    await vi.waitFor(() => expect(retries(events)).toHaveLength(1), { timeout: 20_000, interval: 10 });
    expect(retries(events)[0]?.delayMs).toBe(2000);
    await vi.advanceTimersByTimeAsync(2000);
    const result = await call;
    expect(result.error).toBeUndefined();
    expect(state.requests).toBe(2);
  });

  it("a Retry-After longer than the call has left returns the answer at once, with no retry", async () => {
    const { url, state } = await serve((res) => busy(res, { "Retry-After": "30" }));
    const controller = new AbortController();
    const events: DebugEvent[] = [];
    const result = await make(url, {
      totalTimeoutMs: 20_000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 60_000 },
      onDebug: (e) => {
        events.push(e);
        if (e.type === "retry") controller.abort(); // a wrong retry would wait 30 s: end it at once
      },
    }).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    expect(result.error).toMatchObject({ status: 503 });
    expect(retries(events)).toEqual([]);
    expect(state.requests).toBe(1);
  });

  it("a backoff longer than the call has left after a network error gives that error, with no retry", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.99);
    const dead = await deadPort();
    const controller = new AbortController();
    const events: DebugEvent[] = [];
    const result = await make(dead, {
      totalTimeoutMs: 20_000,
      retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      onDebug: (e) => {
        events.push(e);
        if (e.type === "retry") controller.abort();
      },
    }).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toMatch(/ECONNREFUSED/);
    expect(retries(events)).toEqual([]);
  });

  it("totalTimeoutMs below timeoutMs: a quick answer is returned as it is", async () => {
    const { url, state } = await serve(ok);
    const result = await make(url, { timeoutMs: 60_000, totalTimeoutMs: 20_000 }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ total_num: 0, data_list: [] });
    expect(state.requests).toBe(1);
  });

  it("the last answer stands when a network error came after it and the call's deadline cut the next attempt", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    let n = 0;
    const server = await startServer((req, res) => {
      n++;
      if (n === 1) busy(res);
      else if (n === 2) req.socket.destroy();
      // the third attempt is never answered: only the call's deadline ends it
    });
    closeAfterTest(server);
    const result = await make(server.url, {
      timeoutMs: 60_000,
      totalTimeoutMs: 500,
      retry: { maxAttempts: 4, baseDelayMs: 1 },
    }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toMatchObject({ status: 503 });
    expect(n).toBe(3);
  });

  it("an attempt cut by the call's deadline after a network error is a totalTimeoutMs timeout", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    // First a broken connection (retried at once), then an answer that never comes.
    let n = 0;
    const flaky = await startServer((req) => {
      n++;
      if (n === 1) req.socket.destroy();
    });
    closeAfterTest(flaky);
    const result = await make(flaky.url, {
      timeoutMs: 60_000,
      totalTimeoutMs: 400,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(result.error).toMatchObject({ which: "totalTimeoutMs", timeoutMs: 400 });
    expect(n).toBe(2);
  });
});

describe("every attempt is signed afresh", () => {
  it("a retried AK/SK request signs the same headers each time, never the signature of the attempt before", async () => {
    const signed: string[] = [];
    const server = await startServer((req, res) => {
      req.resume();
      signed.push(/SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1] ?? "");
      if (signed.length < 3) busy(res);
      else ok(res);
    });
    closeAfterTest(server);
    const result = await make(server.url, {
      credentials: { ak: "AK", sk: "SK" },
      retry: { maxAttempts: 3, baseDelayMs: 0 },
    }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeUndefined();
    expect(signed).toHaveLength(3);
    expect(signed[0]).not.toContain("authorization");
    expect(new Set(signed).size).toBe(1);
  });
});

describe("parseRetryAfter reads only what HTTP allows", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it("an HTTP date with spaces around it is still that date", () => {
    expect(parseRetryAfter("  Thu, 01 Jan 2026 12:00:30 GMT  ", now)).toBe(30_000);
  });

  it("a date without its day name is not an HTTP date", () => {
    expect(parseRetryAfter("01 Jan 2026 12:00:30 GMT", now)).toBeUndefined();
  });
});
