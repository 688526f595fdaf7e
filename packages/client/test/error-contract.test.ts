/**
 * The errors as the README's table promises them, produced by real failures against servers on
 * 127.0.0.1: each is an HssError with its stable `code` and stated `name`, the fields listed, and
 * a one-line message that names the operation, the status, the service's code and the request id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHssClient,
  HssAbortError,
  HssApiError,
  HssConfigError,
  HssError,
  HssNetworkError,
  HssRedirectError,
  HssResponseError,
  HssTimeoutError,
  HssValidationError,
} from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = await startServer((req, res) => {
    req.resume();
    req.on("end", () => handler(req, res));
  });
  servers.push(server);
  return server.url;
}

const client = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  createHssClient({
    endpoint: url,
    region: "cn-north-4",
    projectId: "p",
    env: {},
    retry: { maxAttempts: 1 },
    ...extra,
  });

/** The error a listVulRepoImage call returns (result style). */
async function listError(url: string, extra: Parameters<typeof createHssClient>[0] = {}, input = {}) {
  const { error } = await client(url, extra).listVulRepoImage({ vul_id: "CVE-1", ...input });
  expect(error).toBeInstanceOf(HssError);
  return error as HssError;
}

describe("the README's error table, from real failures", () => {
  it("HssApiError: API_ERROR with status, errorCode, errorMsg, requestId, and all of them in the message", async () => {
    const url = await serve((_, res) => {
      res.writeHead(404, { "Content-Type": "application/json", "X-Request-Id": "rid-404" });
      res.end(JSON.stringify({ error_code: "HSS.1001", error_msg: "no such vulnerability" }));
    });
    const error = (await listError(url)) as HssApiError;
    expect(error).toBeInstanceOf(HssApiError);
    expect(error).toMatchObject({
      name: "HssApiError",
      code: "API_ERROR",
      operation: "ListVulRepoImage",
      status: 404,
      errorCode: "HSS.1001",
      errorMsg: "no such vulnerability",
      requestId: "rid-404",
    });
    expect(error.message).toBe(
      "ListVulRepoImage failed: HTTP 404 HSS.1001: no such vulnerability (request id rid-404)",
    );
  });

  it("HssApiError without a JSON body or a request id: HTTP.<status>, the page's text in one line, no request id", async () => {
    const url = await serve((_, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><body>\n<h1>Bad   Gateway</h1>\n</body></html>");
    });
    const error = (await listError(url)) as HssApiError;
    expect(error).toMatchObject({ status: 502, errorCode: "HTTP.502", errorMsg: "Bad Gateway" });
    expect(error.requestId).toBeUndefined();
    expect(error.message).toBe("ListVulRepoImage failed: HTTP 502 HTTP.502: Bad Gateway");
  });

  it("HssApiError with an empty body: the status text stands for the message", async () => {
    const url = await serve((_, res) => {
      res.writeHead(503, "Service Unavailable");
      res.end();
    });
    const error = (await listError(url)) as HssApiError;
    expect(error).toMatchObject({ status: 503, errorCode: "HTTP.503", errorMsg: "Service Unavailable" });
  });

  it("HssResponseError: RESPONSE_ERROR for a 200 that is not JSON, with status and request id, and no violations", async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "rid-200" });
      res.end("{not json");
    });
    const error = (await listError(url)) as HssResponseError;
    expect(error).toBeInstanceOf(HssResponseError);
    expect(error).toMatchObject({
      name: "HssResponseError",
      code: "RESPONSE_ERROR",
      status: 200,
      requestId: "rid-200",
    });
    expect(error.violations).toEqual([]);
    expect(error.message).toBe(
      "ListVulRepoImage: the service answered HTTP 200 with a body that is not JSON (request id rid-200)",
    );
  });

  it("HssResponseError for an empty 200 says so, and has no request id suffix when none came", async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end();
    });
    const error = await listError(url);
    expect(error.message).toBe("ListVulRepoImage: the service answered HTTP 200 with an empty body");
  });

  it("HssRedirectError: REDIRECT with status and the target, and the advice to configure it", async () => {
    const url = await serve((_, res) => {
      res.writeHead(301, { Location: "https://elsewhere.example/v5/p?token=secret" });
      res.end();
    });
    const error = (await listError(url)) as HssRedirectError;
    expect(error).toBeInstanceOf(HssRedirectError);
    expect(error).toMatchObject({ name: "HssRedirectError", code: "REDIRECT", status: 301 });
    expect(error.location).toBe("https://elsewhere.example/v5/p");
    expect(error.message).toMatch(
      /^ListVulRepoImage: the endpoint answered a redirect \(HTTP 301 to https:\/\/elsewhere\.example\/v5\/p\); redirects are not followed/,
    );
    expect(error.message).not.toContain("secret");
  });

  it("HssNetworkError: NETWORK_ERROR naming the operation and the cause", async () => {
    const url = await serve((req) => req.socket.destroy());
    const error = await listError(url);
    expect(error).toBeInstanceOf(HssNetworkError);
    expect(error).toMatchObject({
      name: "HssNetworkError",
      code: "NETWORK_ERROR",
      operation: "ListVulRepoImage",
    });
    expect(error.message).toMatch(/^ListVulRepoImage: /);
    expect(error.cause).toBeDefined();
  });

  it("HssTimeoutError: TIMEOUT with the timeoutMs that expired, in the message", async () => {
    const url = await serve(() => {});
    const error = (await listError(url, { timeoutMs: 100 })) as HssTimeoutError;
    expect(error).toBeInstanceOf(HssTimeoutError);
    expect(error).toMatchObject({
      name: "HssTimeoutError",
      code: "TIMEOUT",
      timeoutMs: 100,
      which: "timeoutMs",
    });
    expect(error.message).toBe("ListVulRepoImage timed out after 100 ms");
  });

  it("HssAbortError: ABORTED when the caller's signal fires", async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    const pending = client(url).listVulRepoImage({ vul_id: "CVE-1" }, { signal: controller.signal });
    controller.abort(new Error("user pressed stop"));
    const { error } = await pending;
    expect(error).toBeInstanceOf(HssAbortError);
    expect(error).toMatchObject({ name: "HssAbortError", code: "ABORTED" });
    expect((error as Error).message).toBe("ListVulRepoImage was aborted");
  });

  it("HssValidationError: VALIDATION_ERROR naming each field and range, nothing sent", async () => {
    let requests = 0;
    const url = await serve((_, res) => {
      requests++;
      res.end();
    });
    const error = (await listError(url, {}, { limit: 9, offset: -1 })) as HssValidationError;
    expect(error).toBeInstanceOf(HssValidationError);
    expect(error).toMatchObject({ name: "HssValidationError", code: "VALIDATION_ERROR" });
    expect(error.message).toBe(
      "ListVulRepoImage: invalid input: limit: must be an integer from 10 to 200; offset: must be an integer from 0 to 2000000",
    );
    expect(error.violations.map((v) => v.field)).toEqual(["limit", "offset"]);
    expect(requests).toBe(0);
  });

  it("HssConfigError: CONFIG_ERROR when neither region nor endpoint is given", () => {
    let error: unknown;
    try {
      createHssClient({ env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HssConfigError);
    expect(error).toMatchObject({ name: "HssConfigError", code: "CONFIG_ERROR" });
  });
});
