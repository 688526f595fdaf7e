/**
 * How the transport reads what a server answers, against real servers on 127.0.0.1: the size
 * limit at its exact boundary (with and without Content-Length, compressed or not), answers with
 * no body at all, redirects at the edges of the 3xx range, and the connection given up at once
 * (not left open) when the client stops reading. No assertion depends on the machine's speed: a
 * connection's close is waited for, with a generous bound.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import {
  createHssClient,
  type DebugEvent,
  HssApiError,
  HssRedirectError,
  HssResponseError,
} from "../src/index.js";
import { base, serve } from "./local-server.js";

const PAGE = JSON.stringify({ total_num: 0, data_list: [] });

const list = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  createHssClient({ ...base, endpoint: url, ...extra }).listVulRepoImage({ vul_id: "v" });

/** A page padded with spaces to exactly `size` bytes (still valid JSON). */
const pageOf = (size: number) => PAGE.padEnd(size, " ");

describe("maxResponseBytes is the largest body accepted, exactly", () => {
  it("with Content-Length: a body of exactly the limit is read, one byte more is refused unread", async () => {
    const { url } = await serve((res, n) => {
      const body = pageOf(n === 1 ? 100 : 101);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) });
      res.end(body);
    });
    const exact = await list(url, { maxResponseBytes: 100 });
    expect(exact.error).toBeUndefined();
    expect(exact.data).toEqual({ total_num: 0, data_list: [] });
    const over = await list(url, { maxResponseBytes: 100 });
    expect(over.error).toBeInstanceOf(HssResponseError);
    expect(over.error?.message).toMatch(/a body larger than 100 bytes \(not read\)/);
  });

  it("without Content-Length (chunked): a body of exactly the limit is read, one byte more is refused", async () => {
    const { url } = await serve((res, n) => {
      const body = pageOf(n === 1 ? 100 : 101);
      res.writeHead(200, { "Content-Type": "application/json" });
      // Two chunks, so that the size is added up over the stream.
      res.write(body.slice(0, 60));
      setImmediate(() => res.end(body.slice(60)));
    });
    const exact = await list(url, { maxResponseBytes: 100 });
    expect(exact.error).toBeUndefined();
    expect(exact.data).toEqual({ total_num: 0, data_list: [] });
    const over = await list(url, { maxResponseBytes: 100 });
    expect(over.error).toBeInstanceOf(HssResponseError);
    expect(over.error?.message).toMatch(/a body larger than 100 bytes/);
  });

  it("a long chunked body, read in many pieces, arrives whole", async () => {
    const body = pageOf(300_000);
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(body.slice(0, 100_000));
      setImmediate(() => {
        res.write(body.slice(100_000, 200_000));
        setImmediate(() => res.end(body.slice(200_000)));
      });
    });
    const result = await list(url, { maxResponseBytes: 300_000 });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ total_num: 0, data_list: [] });
  });

  it("a declared Content-Length over the limit is refused at once, without waiting for the body, and the connection is closed", async () => {
    // The body never comes: only the declared length can end this call before its 60 s deadline.
    const { url, state } = await serve((res) => {
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": "5000",
        "X-Request-Id": "r-big",
      });
      res.write('{"total_num": 0, "data_list": [');
    });
    const result = await list(url, { maxResponseBytes: 1024, timeoutMs: 60_000 });
    expect(result.error).toBeInstanceOf(HssResponseError);
    expect(result.error?.message).toMatch(/a body larger than 1024 bytes \(not read\)/);
    // The error says which answer it was: its status and request id, as for any other answer.
    expect(result.error).toMatchObject({ status: 200, requestId: "r-big" });
    expect(result.error?.message).toMatch(/HTTP 200/);
    await vi.waitFor(() => expect(state.closed).toBe(1), { timeout: 10_000, interval: 20 });
  });

  it("a gzip body is measured decoded: longer on the wire than the limit but within it decoded, it is read", async () => {
    const zipped = gzipSync(PAGE);
    expect(zipped.length).toBeGreaterThan(PAGE.length);
    const { url } = await serve((res) => {
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Content-Length": String(zipped.length),
      });
      res.end(zipped);
    });
    const result = await list(url, { maxResponseBytes: PAGE.length });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ total_num: 0, data_list: [] });
  });

  it("a body over the limit found while streaming closes the connection instead of reading on", async () => {
    const { url, state } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(pageOf(2048)); // then nothing more: the rest of the body never comes
    });
    const result = await list(url, { maxResponseBytes: 1024, timeoutMs: 60_000 });
    expect(result.error?.message).toMatch(/a body larger than 1024 bytes/);
    await vi.waitFor(() => expect(state.closed).toBe(1), { timeout: 10_000, interval: 20 });
  });
});

describe("answers without a body", () => {
  it("a 204 to the batch scan is a success with no data, directly and through middleware", async () => {
    const { url, state } = await serve((res) => {
      res.writeHead(204, { "X-Request-Id": "r-204" });
      res.end();
    });
    const hss = createHssClient({ ...base, endpoint: url });
    const direct = await hss.batchScanLocalImage({ body: { operate_all: true } });
    expect(direct.error).toBeUndefined();
    expect(direct.data).toBeUndefined();
    expect(direct.requestId).toBe("r-204");
    expect(direct.response?.status).toBe(204);
    hss.raw.use({ onRequest: ({ request }) => request });
    const piped = await hss.batchScanLocalImage({ body: { operate_all: true } });
    expect(piped.error).toBeUndefined();
    expect(piped.data).toBeUndefined();
    expect(piped.requestId).toBe("r-204");
    expect(piped.response?.status).toBe(204);
    expect(state.requests).toBe(2);
  });

  it("an answer to HEAD declaring a length over the limit is no body at all, not a body too large", async () => {
    // A HEAD answer's Content-Length is the length a GET would get (RFC 9110 §9.3.2): nothing is sent.
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "5000000" });
      res.end();
    });
    const hss = createHssClient({ ...base, endpoint: url, maxResponseBytes: 1024 });
    // The spec has no HEAD operation: raw's types allow none, so the call is made untyped.
    const raw = hss.raw as unknown as { HEAD(path: string, init: object): Promise<{ response: Response }> };
    const answer = await raw.HEAD("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
    });
    expect(answer.response.status).toBe(200);
    expect(answer.response.headers.get("content-length")).toBe("5000000");
  });

  it("a 304 is the service's answer (an HssApiError), not a redirect", async () => {
    const { url } = await serve((res) => {
      res.writeHead(304, { Location: "http://elsewhere.example/x" });
      res.end();
    });
    const result = await list(url, { retry: false });
    expect(result.error).toBeInstanceOf(HssApiError);
    expect(result.error).toMatchObject({ status: 304 });
  });
});

describe("redirects at the edges of the 3xx range", () => {
  it("300 Multiple Choices is a redirect too", async () => {
    const { url } = await serve((res) => {
      res.writeHead(300, { Location: "http://elsewhere.example/a/b?c=d" });
      res.end();
    });
    const result = await list(url);
    expect(result.error).toBeInstanceOf(HssRedirectError);
    expect(result.error).toMatchObject({ status: 300, location: "http://elsewhere.example/a/b" });
  });

  it("399 is a redirect, 400 is the service's error", async () => {
    const { url } = await serve((res, n) => {
      res.writeHead(n === 1 ? 399 : 400, { Location: "http://elsewhere.example/" });
      res.end();
    });
    expect((await list(url)).error).toBeInstanceOf(HssRedirectError);
    const bad = await list(url);
    expect(bad.error).toBeInstanceOf(HssApiError);
    expect(bad.error).toMatchObject({ status: 400 });
  });

  it("a redirect without a Location names no target", async () => {
    const { url } = await serve((res) => {
      res.writeHead(302);
      res.end();
    });
    const result = await list(url);
    expect(result.error).toBeInstanceOf(HssRedirectError);
    expect((result.error as HssRedirectError).location).toBeUndefined();
    expect(result.error?.message).toContain("(HTTP 302);");
  });

  it("a redirect whose body never ends is not read: the connection is closed at once", async () => {
    const { url, state } = await serve((res) => {
      res.writeHead(302, { Location: "http://elsewhere.example/", "Content-Length": "1000" });
      res.write("moved");
    });
    const result = await list(url, { timeoutMs: 60_000 });
    expect(result.error).toBeInstanceOf(HssRedirectError);
    await vi.waitFor(() => expect(state.closed).toBe(1), { timeout: 10_000, interval: 20 });
  });

  it("a browser's opaque redirect (status 0, no Location) is a redirect error too", async () => {
    // What fetch gives in a browser with redirect: "manual"; Node's fetch shows the 3xx itself.
    const opaque: typeof fetch = async () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      Object.defineProperty(response, "status", { value: 0 });
      return response;
    };
    const result = await list("http://127.0.0.1:9", { fetch: opaque });
    expect(result.error).toBeInstanceOf(HssRedirectError);
    expect(result.error).toMatchObject({ status: 0, location: undefined });
  });
});

describe("a fetch whose body ignores the signal", () => {
  it("the body stream is cancelled when the attempt's deadline ends", async () => {
    let cancelled = 0;
    const hanging: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start: (c) => c.enqueue(new TextEncoder().encode("{")),
          cancel: () => {
            cancelled++;
          },
        }),
        { status: 200, headers: { "Content-Type": "application/json" } },
      );
    const result = await list("http://127.0.0.1:9", { fetch: hanging, timeoutMs: 50, retry: false });
    expect(result.error?.code).toBe("TIMEOUT");
    expect(cancelled).toBe(1);
  });
});

describe("what the debug hook reports of an answer", () => {
  it("the response event carries the request id, status and a duration within the call's own", async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "rid-7" });
      res.end(PAGE);
    });
    const events: DebugEvent[] = [];
    const before = performance.now();
    await list(url, { onDebug: (e) => events.push(e) });
    const took = performance.now() - before;
    const response = events.find((e) => e.type === "response");
    expect(response).toMatchObject({ status: 200, requestId: "rid-7", attempt: 1 });
    const duration = (response as { durationMs: number }).durationMs;
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(duration).toBeLessThanOrEqual(Math.ceil(took));
  });

  it("an answer without a request id reports none", async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(PAGE);
    });
    const events: DebugEvent[] = [];
    await list(url, { onDebug: (e) => events.push(e) });
    const response = events.find((e) => e.type === "response");
    expect(response).toMatchObject({ status: 200 });
    expect((response as { requestId?: string }).requestId).toBeUndefined();
  });
});

describe("an error answer that echoes the signature it was sent", () => {
  it("the bare signature is masked in the error, with or without middleware", async () => {
    const echoed: string[] = [];
    const { url } = await serve((res) => {
      const signature = /Signature=([0-9a-f]+)/.exec(String(res.req.headers.authorization))?.[1] ?? "";
      echoed.push(signature);
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error_code: "APIGW.0301", error_msg: `bad signature ${signature} for AK` }));
    });
    const hss = createHssClient({ ...base, endpoint: url, credentials: { ak: "AK", sk: "SK-secret" } });
    const direct = await hss.listVulRepoImage({ vul_id: "v" });
    hss.raw.use({ onRequest: ({ request }) => request });
    const piped = await hss.listVulRepoImage({ vul_id: "v" });
    expect(echoed).toHaveLength(2);
    for (const [i, result] of [direct, piped].entries()) {
      expect(echoed[i]).toMatch(/^[0-9a-f]{64}$/);
      expect(result.error?.message).toContain("bad signature *** for AK");
      expect(result.error?.message).not.toContain(echoed[i]);
    }
  });
});
