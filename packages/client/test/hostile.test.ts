/**
 * The client under a hostile network and hostile input, each against a real server on
 * 127.0.0.1: a body that stalls after the headers, redirects to another origin, a connection
 * that breaks mid-body, a 200 that breaks the spec, secrets with control characters, a password
 * in the endpoint. Deadlines here are short on purpose; no assertion depends on the machine's speed
 * beyond "it ended, and with this error".
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHssClient,
  endpointForRegion,
  HssAbortError,
  HssConfigError,
  HssRedirectError,
  HssResponseError,
  HssTimeoutError,
  HssValidationError,
} from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server.url;
}

const PAGE = { total_num: 0, data_list: [] };
const base = { region: "cn-north-4", projectId: "p", env: {} };

/** A server that sends headers and the start of a page, then nothing; counts requests. */
async function stalling() {
  const state = { requests: 0 };
  const url = await serve((_req, res) => {
    state.requests++;
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
    res.write('{"total_num": 1, "data_list": [');
  });
  return { url, state };
}

describe("deadlines cover the body, not only the headers", () => {
  it("a body that stalls after the headers times out at timeoutMs, each attempt", async () => {
    const { url, state } = await stalling();
    // Attempts counted where they start: on a loaded machine the second may time out before the
    // server has even read it, which is the deadline working, not a missing attempt.
    const events: string[] = [];
    const hss = createHssClient({
      ...base,
      endpoint: url,
      timeoutMs: 300,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      onDebug: (event) => {
        if (event.type === "request") events.push(`attempt ${event.attempt}`);
        if (event.type === "retry") events.push("retry");
      },
    });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(events).toEqual(["attempt 1", "retry", "attempt 2"]);
    expect(state.requests).toBeGreaterThanOrEqual(1);
  });

  it("the caller's signal stops a stalled body, through the paginator too", async () => {
    const { url } = await stalling();
    const hss = createHssClient({ ...base, endpoint: url, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await hss.listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    expect(result.error).toBeInstanceOf(HssAbortError);
    const paged = new AbortController();
    setTimeout(() => paged.abort(), 200);
    const walk = (async () => {
      for await (const _ of hss.paginate.listVulRepoImage({ vul_id: "v" }, { signal: paged.signal })) void _;
    })();
    await expect(walk).rejects.toBeInstanceOf(HssAbortError);
  });

  it("raw openapi-fetch calls honour their own signal", async () => {
    const { url } = await stalling();
    const hss = createHssClient({ ...base, endpoint: url, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const call = hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
      signal: controller.signal,
    });
    await expect(call).rejects.toBeInstanceOf(HssAbortError);
  });

  it("a custom fetch whose body ignores the signal still ends at timeoutMs", async () => {
    // A fetch that answers at once with a body stream that never ends and never looks at the
    // signal: the deadline must come from the client, not from the fetch.
    const never: typeof fetch = async () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    const hss = createHssClient({ ...base, endpoint: "http://127.0.0.1:9", fetch: never, timeoutMs: 200 });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(result.error?.message).toContain("200 ms");
  });

  it("totalTimeoutMs bounds a retry storm, backoff included; the last answer stands", async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      res.writeHead(503, { "Content-Type": "application/json" });
      res.end('{"error_code":"X","error_msg":"busy"}');
    });
    const hss = createHssClient({
      ...base,
      endpoint: url,
      totalTimeoutMs: 2000,
      retry: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 1000 },
    });
    const started = Date.now();
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toMatchObject({ status: 503 });
    expect(requests).toBeLessThan(10);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("when the call's deadline cuts a retry short, the answer before it is returned, not a timeout", async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      if (requests === 1) {
        res.writeHead(503, { "Content-Type": "application/json" });
        res.end('{"error_code":"X","error_msg":"busy"}');
      } // later attempts stall: only the call's deadline ends them
    });
    const hss = createHssClient({
      ...base,
      endpoint: url,
      timeoutMs: 60_000,
      totalTimeoutMs: 500,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toMatchObject({ status: 503 });
    expect(requests).toBe(2);
  });

  it("a call whose deadline ends before any answer is an HssTimeoutError naming totalTimeoutMs", async () => {
    const { url } = await stalling();
    const hss = createHssClient({ ...base, endpoint: url, timeoutMs: 60_000, totalTimeoutMs: 300 });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(result.error).toMatchObject({ timeoutMs: 300, which: "totalTimeoutMs" });
    expect(result.error?.message).toBe(
      "ListVulRepoImage timed out after 300 ms (totalTimeoutMs, retries included)",
    );
  });
});

describe("a broken body is retried like any network error (idempotent requests only)", () => {
  it("GET: the connection closes mid-body, the retry gets the page", async () => {
    let requests = 0;
    const url = await serve((req, res) => {
      requests++;
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "200" });
      if (requests === 1) {
        res.write('{"total_num": 0, "data');
        setTimeout(() => req.socket.destroy(), 20);
      } else res.end(JSON.stringify(PAGE).padEnd(200, " "));
    });
    const result = await createHssClient({
      ...base,
      endpoint: url,
      retry: { baseDelayMs: 1 },
    }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error).toBeUndefined();
    expect(requests).toBe(2);
  });

  it("POST: not repeated; the error says the connection broke", async () => {
    let requests = 0;
    const url = await serve((req, res) => {
      requests++;
      res.writeHead(200, { "Content-Length": "50" });
      res.write("{");
      setTimeout(() => req.socket.destroy(), 20);
    });
    const result = await createHssClient({ ...base, endpoint: url }).batchScanLocalImage({
      body: { operate_all: true },
    });
    expect(result.error?.code).toBe("NETWORK_ERROR");
    expect(requests).toBe(1);
  });
});

describe("redirects are never followed", () => {
  it("a 307 to another origin: nothing reaches it, no token, no body; a typed error names the target", async () => {
    const seen: string[] = [];
    const other = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
      res.end();
    });
    const url = await serve((_req, res) => {
      res.writeHead(307, { Location: `${other}/steal?x=1` });
      res.end();
    });
    for (const credentials of [
      { token: "IAM-TOKEN-secret" },
      { ak: "AK", sk: "SK-secret", securityToken: "STS-secret" },
    ]) {
      const hss = createHssClient({ ...base, endpoint: url, credentials });
      const list = await hss.listVulRepoImage({ vul_id: "v" });
      const scan = await hss.batchScanLocalImage({ body: { operate_all: true } });
      for (const result of [list, scan]) {
        expect(result.error).toBeInstanceOf(HssRedirectError);
        expect(result.error).toMatchObject({ status: 307, location: `${other}/steal` });
        expect(String(result.error)).not.toMatch(/secret|x=1/);
      }
    }
    expect(seen).toEqual([]);
  });
});

describe("responses that break the spec", () => {
  const broken = async (body: string) =>
    serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(body);
    });

  it("validateResponses: a 200 whose body breaks the schema is an HssResponseError naming the field", async () => {
    const url = await broken('{"total_num":5,"data_list":"oops"}');
    const hss = createHssClient({ ...base, endpoint: url, validateResponses: true });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssResponseError);
    expect(result.error?.message).toMatch(/data_list: must be an array/);
    expect((result.error as HssResponseError).violations[0]).toMatchObject({ field: "data_list" });
  });

  it("the paginators never walk a page whose items are not a list, validation on or off", async () => {
    const url = await broken('{"total_num":5,"data_list":"oops"}');
    const hss = createHssClient({ ...base, endpoint: url });
    const walk = (async () => {
      for await (const _ of hss.paginate.listVulRepoImage({ vul_id: "v" })) void _;
    })();
    await expect(walk).rejects.toBeInstanceOf(HssResponseError);
  });

  it("a 200 that is not JSON, or larger than maxResponseBytes, is an HssResponseError", async () => {
    const text = await broken("<html>maintenance</html>");
    expect(
      (await createHssClient({ ...base, endpoint: text }).listVulRepoImage({ vul_id: "v" })).error,
    ).toBeInstanceOf(HssResponseError);
    const huge = await broken(JSON.stringify({ total_num: 0, data_list: [], pad: "x".repeat(5000) }));
    const result = await createHssClient({
      ...base,
      endpoint: huge,
      maxResponseBytes: 1024,
    }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error?.message).toMatch(/larger than 1024 bytes/);
  });

  it("a small gzip body that decodes past maxResponseBytes is stopped while decoding", async () => {
    const bomb = gzipSync(JSON.stringify({ total_num: 0, data_list: [], pad: "0".repeat(8 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const url = await serve((_req, res) => {
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Content-Length": String(bomb.length),
      });
      res.end(bomb);
    });
    const hss = createHssClient({ ...base, endpoint: url, maxResponseBytes: 1024 * 1024 });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssResponseError);
    expect(result.error?.message).toMatch(/larger than 1048576 bytes/);
  });
});

describe("input that would reach an object's prototype is refused before anything is sent", () => {
  it.each(["constructor", "__proto__", "toString"])(
    "a body field named %s is not a field of the body",
    async (name) => {
      let requests = 0;
      const url = await serve((_req, res) => {
        requests++;
        res.end("{}");
      });
      const hss = createHssClient({ ...base, endpoint: url });
      const body = JSON.parse(`{"operate_all": true, "${name}": {"x": 1}}`);
      const result = await hss.batchScanLocalImage({ body });
      expect(result.error).toBeInstanceOf(HssValidationError);
      expect(result.error?.message).toContain(name);
      expect(requests).toBe(0);
    },
  );
});

describe("configuration that would leak or misroute is refused before anything is sent", () => {
  it("a password in the endpoint is a config error that never shows it", () => {
    const error = (() => {
      try {
        createHssClient({ ...base, endpoint: "http://user:hunter2-secret@127.0.0.1:1" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(HssConfigError);
    expect(`${error?.message} ${error?.stack}`).not.toContain("hunter2-secret");
    expect(error?.message).toContain("http://***:***@127.0.0.1:1");
  });

  it.each([
    ["HSS_AUTH_TOKEN", { HSS_AUTH_TOKEN: "tok-with-newline\n" }],
    ["HSS_AUTH_TOKEN", { HSS_AUTH_TOKEN: "tok-with-cr\r" }],
    ["HUAWEICLOUD_SDK_AK", { HUAWEICLOUD_SDK_AK: "AK\nX", HUAWEICLOUD_SDK_SK: "sk" }],
    [
      "HUAWEICLOUD_SDK_SECURITY_TOKEN",
      { HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "sk", HUAWEICLOUD_SDK_SECURITY_TOKEN: "st st" },
    ],
  ])("a control character or space in %s is a config error naming it, not showing it", (name, env) => {
    const error = (() => {
      try {
        createHssClient({ region: "cn-north-4", env });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(HssConfigError);
    expect(error?.message).toContain(name);
    for (const value of Object.values(env))
      if (value.length > 4) expect(error?.message).not.toContain(value.trim());
  });

  it("an over-long token is refused with the spec's range, not echoed", () => {
    const token = `T${"x".repeat(40_000)}`;
    expect(() => createHssClient({ ...base, credentials: { token } })).toThrow(
      /credentials.token must be a string of 1 to 32768 characters; the value is not shown/,
    );
  });
});

describe("regions and per-call parameters", () => {
  it("eu-west-101 lives under myhuaweicloud.eu (the spec's second server), the rest under .com", () => {
    expect(endpointForRegion("eu-west-101")).toBe("https://hss.eu-west-101.myhuaweicloud.eu");
    expect(endpointForRegion("cn-north-4")).toBe("https://hss.cn-north-4.myhuaweicloud.com");
    expect(createHssClient({ endpoint: "https://hss.eu-west-101.myhuaweicloud.eu", env: {} }).region).toBe(
      "eu-west-101",
    );
  });

  it("a client made without a region can still scan: region is a per-call parameter", async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers.region as string | undefined);
      res.end();
    });
    const hss = createHssClient({ endpoint: url, projectId: "p", env: {} });
    const result = await hss.batchScanLocalImage({ body: { operate_all: true }, region: "cn-east-3" });
    expect(result.error).toBeUndefined();
    expect(seen).toEqual(["cn-east-3"]);
  });

  it("middleware added with raw.use runs before signing, so what it changes is what is signed", async () => {
    let authorization = "";
    const url = await serve((req, res) => {
      authorization = String(req.headers.authorization);
      expect(req.url).toContain("added=1");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(PAGE));
    });
    const hss = createHssClient({ ...base, endpoint: url, credentials: { ak: "AK", sk: "SK" } });
    hss.raw.use({
      onRequest: ({ request }) => new Request(`${request.url}&added=1`, request),
    });
    const result = await hss.listVulRepoImage({ vul_id: "v", limit: 10 });
    expect(result.error).toBeUndefined();
    expect(authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK/);
  });

  it("up to 16 pages in flight share one signal without a MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    const server: Server = createServer((req, res) => {
      const offset = Number(new URL(req.url ?? "", "http://x").searchParams.get("offset"));
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          total_num: 400,
          data_list: offset < 400 ? Array.from({ length: 10 }, () => ({})) : [],
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const hss = createHssClient({ ...base, endpoint: url });
      const walk = hss.pages.listVulRepoImage(
        { vul_id: "v" },
        { prefetch: 16, signal: new AbortController().signal },
      );
      for await (const _ of walk) void _;
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
