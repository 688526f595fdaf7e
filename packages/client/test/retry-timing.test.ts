/**
 * How long the client waits between attempts: full-jitter backoff whose ceiling doubles each retry,
 * and `Retry-After` in both of its forms (seconds, or an HTTP date). Waits are checked through the
 * injected random source and the debug hook's `retry` events, never by measuring time.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  createHssClient,
  DEFAULT_RETRY,
  type DebugEvent,
  parseRetryAfter,
} from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server whose n-th answer (from 1) is `answer(n)`; it counts the requests it saw. */
async function serve(answer: (n: number, res: ServerResponse) => void) {
  let n = 0;
  const server = await startServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => answer(++n, res));
  });
  servers.push(server);
  return { url: server.url, requests: () => n };
}

const busy = (res: ServerResponse, headers: Record<string, string> = {}) => {
  res.writeHead(503, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify({ error_code: "HSS.0503", error_msg: "busy" }));
};
const ok = (res: ServerResponse) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ total_num: 0, data_list: [] }));
};
const list = (url: string, extra: Parameters<typeof createHssClient>[0]) =>
  createHssClient({
    endpoint: url,
    region: "cn-north-4",
    projectId: "p",
    env: {},
    ...extra,
  }).listVulRepoImage({ vul_id: "CVE-1" });

describe("backoff between attempts", () => {
  it("the ceiling doubles each retry from baseDelayMs and stops at maxDelayMs", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, policy, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it("the wait is a random share of the ceiling (full jitter), never above it", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(100);
  });

  it("a call's retries wait the doubling backoff, as the retry events report", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const server = await serve((n, res) => (n < 4 ? busy(res) : ok(res)));
    const events: DebugEvent[] = [];
    const result = await list(server.url, {
      retry: { maxAttempts: 4, baseDelayMs: 4, maxDelayMs: 1000 },
      onDebug: (e) => events.push(e),
    });
    expect(result.response?.status).toBe(200);
    expect(server.requests()).toBe(4);
    const waits = events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []));
    expect(waits).toEqual([2, 4, 8]);
  });
});

describe("Retry-After", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it("in seconds is that many seconds; surrounding spaces are allowed", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 2 ", now)).toBe(2000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("12", now)).toBe(12_000);
  });

  it("as an HTTP date is the time until that date, and a date passed is no wait", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
    // The obsolete forms HTTP still asks recipients to accept: RFC 850 and asctime.
    expect(parseRetryAfter("Thursday, 01-Jan-26 12:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Thu Jan  1 12:00:20 2026", now)).toBe(20_000);
  });

  it("absent or malformed means no Retry-After", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    // Neither delay-seconds nor a date: not read as seconds, nor as a date of 2001 (no wait).
    for (const text of ["7s", "x7", "1.5", "-3", "12 s"])
      expect(parseRetryAfter(text, now), text).toBeUndefined();
  });

  it("an HTTP date further off than maxDelayMs returns the 503 at once instead of retrying early", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    const server = await serve((_, res) => busy(res, { "Retry-After": later }));
    const events: DebugEvent[] = [];
    const result = await list(server.url, {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 20_000 },
      onDebug: (e) => events.push(e),
    });
    expect(result.response?.status).toBe(503);
    expect(server.requests()).toBe(1);
    expect(events.some((e) => e.type === "retry")).toBe(false);
  });

  it("an HTTP date already passed is retried without waiting for a backoff", async () => {
    const earlier = new Date(Date.now() - 60_000).toUTCString();
    const server = await serve((n, res) => (n === 1 ? busy(res, { "Retry-After": earlier }) : ok(res)));
    const events: DebugEvent[] = [];
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const result = await list(server.url, {
      retry: { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 20_000 },
      onDebug: (e) => events.push(e),
    });
    expect(result.response?.status).toBe(200);
    expect(events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []))).toEqual([0]);
  });
});
