/** The client over real HTTP against small servers on 127.0.0.1. */
import { createHash, createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHssClient,
  type DebugEvent,
  HssAbortError,
  HssApiError,
  HssConfigError,
  HssNetworkError,
  HssTimeoutError,
  HssValidationError,
} from "../src/index.js";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void | Promise<void>;
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

async function serve(handler: Handler) {
  const seen: Seen[] = [];
  const server = await startServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    res.setHeader("X-Request-Id", `req-${seen.length}`);
    await handler(req, res, body, seen.length);
  });
  servers.push(server);
  return { url: server.url, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const page = { total_num: 0, data_list: [] };
const client = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  createHssClient({
    endpoint: url,
    region: "cn-north-4",
    projectId: "proj",
    env: {},
    retry: { baseDelayMs: 1, maxDelayMs: 2000 },
    ...extra,
  });

describe("retries", () => {
  it("retries a GET on 503 until it succeeds", async () => {
    const { url, seen } = await serve((_q, res, _b, n) =>
      n < 3 ? json(res, 503, { error_code: "X", error_msg: "busy" }) : json(res, 200, page),
    );
    const result = await client(url).listVulRepoImage({ vul_id: "CVE-1" });
    expect(result.error).toBeUndefined();
    expect(result.requestId).toBe("req-3");
    expect(seen).toHaveLength(3);
  });

  it.each([429, 500, 502, 503, 504])(
    "retries %i, and gives up after maxAttempts with the last error",
    async (status) => {
      const { url, seen } = await serve((_q, res) =>
        json(res, status, { error_code: `E.${status}`, error_msg: "no" }),
      );
      const result = await client(url, { retry: { maxAttempts: 4, baseDelayMs: 1 } }).listVulRepoImage({
        vul_id: "v",
      });
      expect(seen).toHaveLength(4);
      expect(result.error).toBeInstanceOf(HssApiError);
      expect(result.error).toMatchObject({ status, errorCode: `E.${status}`, requestId: "req-4" });
    },
  );

  it.each([400, 401, 403, 404])("does not retry %i", async (status) => {
    const { url, seen } = await serve((_q, res) => json(res, status, { error_code: "E", error_msg: "no" }));
    await client(url).listVulRepoImage({ vul_id: "v" });
    expect(seen).toHaveLength(1);
  });

  it("honours Retry-After", async () => {
    const { url, seen } = await serve((_q, res, _b, n) =>
      n === 1
        ? json(res, 429, { error_code: "APIGW.0308", error_msg: "slow down" }, { "Retry-After": "1" })
        : json(res, 200, page),
    );
    const started = Date.now();
    const result = await client(url).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeUndefined();
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not wait for a Retry-After longer than maxDelayMs: returns the 429", async () => {
    const { url, seen } = await serve((_q, res) =>
      json(res, 429, { error_code: "APIGW.0308", error_msg: "later" }, { "Retry-After": "3600" }),
    );
    const result = await client(url).listVulRepoImage({ vul_id: "v" });
    expect(seen).toHaveLength(1);
    expect(result.error).toMatchObject({ status: 429, errorCode: "APIGW.0308" });
  });

  it("never retries the POST batch scan unless asked", async () => {
    const { url, seen } = await serve((_q, res) => json(res, 503, { error_code: "X", error_msg: "busy" }));
    const result = await client(url).batchScanLocalImage({ body: { operate_all: true } });
    expect(result.error).toMatchObject({ status: 503 });
    expect(seen).toHaveLength(1);
    await client(url).batchScanLocalImage(
      { body: { operate_all: true } },
      { retry: { retryNonIdempotent: true, maxAttempts: 3 } },
    );
    expect(seen).toHaveLength(4);
    // the same bytes each attempt
    expect(new Set(seen.slice(1).map((s) => s.body)).size).toBe(1);
  });

  it("retries network errors, then reports an HssNetworkError", async () => {
    const { url } = await serve((req) => {
      req.socket.destroy();
    });
    const events: DebugEvent[] = [];
    const result = await client(url, { onDebug: (e) => events.push(e) }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.code).toBe("NETWORK_ERROR");
    expect(events.filter((e) => e.type === "request")).toHaveLength(3);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(2);
  });
});

describe("timeouts and abort", () => {
  it("times out each attempt and says so", async () => {
    const { url, seen } = await serve(() => new Promise(() => {}));
    // Attempts counted where they start: on a loaded machine the second may time out before the
    // server has read it, which is the deadline working. A deadline that never fired would leave
    // the call hanging past the test's own timeout.
    const events: string[] = [];
    const result = await client(url, {
      timeoutMs: 100,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      onDebug: (event) => {
        if (event.type === "request") events.push(`attempt ${event.attempt}`);
        if (event.type === "retry") events.push("retry");
      },
    }).listVulRepoImage({
      vul_id: "v",
    });
    expect(result.error).toBeInstanceOf(HssTimeoutError);
    expect(result.error).toMatchObject({ code: "TIMEOUT", timeoutMs: 100 });
    expect(events).toEqual(["attempt 1", "retry", "attempt 2"]);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it("stops at once when the caller aborts, during a request or a backoff", async () => {
    const { url } = await serve(() => new Promise(() => {}));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await client(url).listVulRepoImage({ vul_id: "v" }, { signal: controller.signal });
    expect(result.error).toBeInstanceOf(HssAbortError);

    const busy = await serve((_q, res) => json(res, 503, { error_code: "X", error_msg: "busy" }));
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 100);
    // The abort ends the 60 s backoff after the first attempt (one that ran its course would outlast
    // the test's own timeout): one attempt, one retry begun, no second attempt.
    const events: string[] = [];
    const r2 = await client(busy.url, {
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 5 },
      onDebug: (event) => {
        if (event.type === "request") events.push(`attempt ${event.attempt}`);
        if (event.type === "retry") events.push("retry");
      },
    }).listVulRepoImage({ vul_id: "v" }, { signal: c2.signal });
    expect(r2.error).toBeInstanceOf(HssAbortError);
    expect(events).toEqual(["attempt 1", "retry"]);
  });

  it("throwing style throws the same typed errors", async () => {
    const { url } = await serve((_q, res) =>
      json(res, 404, { error_code: "APIGW.0101", error_msg: "no api" }),
    );
    const error = await client(url)
      .throwing.listVulRepoImage({ vul_id: "v" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HssApiError);
    expect(error).toMatchObject({
      status: 404,
      errorCode: "APIGW.0101",
      errorMsg: "no api",
      requestId: "req-1",
    });
    expect(String(error)).toContain("request id req-1");
  });
});

describe("responses", () => {
  it("batch scan: an empty 200, with or without Content-Length, returns cleanly with the request id", async () => {
    const { url } = await serve((_q, res, _b, n) => {
      if (n === 1) {
        res.writeHead(200, { "Content-Length": "0" });
        res.end();
      } else {
        res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
        res.end();
      }
    });
    for (const id of ["req-1", "req-2"]) {
      const result = await client(url).batchScanLocalImage({ body: { operate_all: true } });
      expect(result.error).toBeUndefined();
      expect(result.requestId).toBe(id);
    }
    await expect(client(url).throwing.batchScanLocalImage({ body: { operate_all: false } })).resolves.toEqual(
      {
        requestId: "req-3",
      },
    );
  });

  it("an error without an HSS body still becomes an HssApiError", async () => {
    const { url } = await serve((_q, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html>Bad Gateway</html>");
    });
    const result = await client(url, { retry: false }).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toMatchObject({
      status: 502,
      errorCode: "HTTP.502",
      errorMsg: "Bad Gateway",
    });
  });

  it("sends the query, path and headers the spec describes", async () => {
    const { url, seen } = await serve((_q, res) => json(res, 200, page));
    await client(url, { enterpriseProjectId: "ep-1" }).listVulRepoImage({
      vul_id: "CVE 2021:1/x",
      limit: 20,
      image_name: "a b&c=d+e",
    });
    expect(seen[0]?.url).toBe(
      "/v5/proj/image/CVE%202021%3A1%2Fx/images?limit=20&image_name=a%20b%26c%3Dd%2Be&enterprise_project_id=ep-1",
    );
    expect(seen[0]?.headers.region).toBe("cn-north-4");
  });
});

describe("auth", () => {
  // An independent verifier on node:crypto: rebuilds the canonical request from what arrived.
  function verify(seen: Seen, sk: string): boolean {
    const auth = String(seen.headers.authorization);
    const m = /^SDK-HMAC-SHA256 Access=(\S+), SignedHeaders=(\S+), Signature=(\w+)$/.exec(auth);
    if (!m) return false;
    const names = (m[2] as string).split(";");
    const enc = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const u = new URL(seen.url, "http://x");
    const path = `${u.pathname
      .split("/")
      .map((s) => enc(decodeURIComponent(s)))
      .join("/")}/`;
    const query = [...u.searchParams.entries()]
      .map(([k, v]) => [enc(k), enc(v)])
      .sort((a, b) =>
        a[0] === b[0]
          ? (a[1] as string) < (b[1] as string)
            ? -1
            : 1
          : (a[0] as string) < (b[0] as string)
            ? -1
            : 1,
      )
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const headers = names.map((n) => `${n}:${String(seen.headers[n]).trim()}\n`).join("");
    const canonical = [
      seen.method,
      path,
      query,
      headers,
      names.join(";"),
      createHash("sha256").update(seen.body).digest("hex"),
    ].join("\n");
    const date = String(seen.headers["x-sdk-date"]);
    const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash("sha256").update(canonical).digest("hex")}`;
    return createHmac("sha256", sk).update(toSign).digest("hex") === m[3];
  }

  it("signs what is actually sent (both operations), verified independently", async () => {
    const { url, seen } = await serve((_q, res) => json(res, 200, page));
    const hss = client(url, { credentials: { ak: "AK1", sk: "SK-secret-1" } });
    await hss.throwing.listVulRepoImage({ vul_id: "CVE 2021:1", image_name: "ü n+i&c=e!'()*", limit: 10 });
    await hss.throwing.batchScanLocalImage({
      body: { image_info_list: [{ image_name: "nginx", image_version: "1" }] },
    });
    for (const s of seen) {
      expect(verify(s, "SK-secret-1"), s.url).toBe(true);
      expect(verify(s, "SK-wrong"), s.url).toBe(false);
      expect(s.headers["x-project-id"]).toBe("proj");
      expect(String(s.headers.authorization)).toMatch(
        /SignedHeaders=[^,]*host;[^,]*region;x-project-id;x-sdk-date,/,
      );
    }
    expect(seen[1]?.headers.authorization).toContain("content-type;");
  });

  it("sends X-Auth-Token with a token, and nothing with no credentials", async () => {
    const { url, seen } = await serve((_q, res) => json(res, 200, page));
    await client(url, { credentials: { token: "tok-123" } }).throwing.listVulRepoImage({ vul_id: "v" });
    await client(url).throwing.listVulRepoImage({ vul_id: "v" });
    expect(seen[0]?.headers["x-auth-token"]).toBe("tok-123");
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(seen[1]?.headers["x-auth-token"]).toBeUndefined();
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });

  it("reads credentials from the environment by the documented precedence", () => {
    const kind = (env: Record<string, string>) => createHssClient({ region: "cn-north-4", env }).auth;
    expect(
      kind({
        HUAWEICLOUD_SDK_AK: "a",
        HUAWEICLOUD_SDK_SK: "b",
        CLOUD_SDK_AK: "c",
        CLOUD_SDK_SK: "d",
        HSS_AUTH_TOKEN: "t",
      }),
    ).toEqual({
      kind: "aksk",
      source: "env:HUAWEICLOUD_SDK_AK",
    });
    expect(kind({ CLOUD_SDK_AK: "c", CLOUD_SDK_SK: "d", HSS_AUTH_TOKEN: "t" })).toEqual({
      kind: "aksk",
      source: "env:CLOUD_SDK_AK",
    });
    expect(kind({ HSS_AUTH_TOKEN: "t" })).toEqual({ kind: "token", source: "env:HSS_AUTH_TOKEN" });
    expect(kind({})).toEqual({ kind: "none", source: "none" });
    expect(() => kind({ CLOUD_SDK_AK: "c" })).toThrow(HssConfigError);
    expect(
      createHssClient({ region: "cn-north-4", env: { HUAWEICLOUD_SDK_PROJECT_ID: "p9" } }).projectId,
    ).toBe("p9");
  });

  it("resolves endpoints from regions, and says what is missing", () => {
    expect(createHssClient({ region: "ap-southeast-1", env: {} }).endpoint).toBe(
      "https://hss.ap-southeast-1.myhuaweicloud.com",
    );
    const viaEndpoint = createHssClient({ endpoint: "https://hss.cn-east-3.myhuaweicloud.com/", env: {} });
    expect(viaEndpoint).toMatchObject({
      endpoint: "https://hss.cn-east-3.myhuaweicloud.com",
      region: "cn-east-3",
    });
    expect(() => createHssClient({ env: {} })).toThrow(/either region .* or endpoint is required/);
    expect(() => createHssClient({ region: "North 4", env: {} })).toThrow(/region must be a region id/);
    expect(() => createHssClient({ endpoint: "ftp://x", env: {} })).toThrow(/http or https/);
    expect(() => createHssClient({ endpoint: "not a url", env: {} })).toThrow(HssConfigError);
  });
});

describe("validation before sending", () => {
  it("names the field and range, and sends nothing", async () => {
    const { url, seen } = await serve((_q, res) => json(res, 200, page));
    const result = await client(url).listVulRepoImage({ vul_id: "v", limit: 500 });
    expect(result.error).toBeInstanceOf(HssValidationError);
    expect(result.error?.message).toBe(
      "ListVulRepoImage: invalid input: limit: must be an integer from 10 to 200",
    );
    const scan = await client(url).batchScanLocalImage({ body: { scan_status: "done" as never } });
    expect(scan.error?.message).toMatch(/scan_status: must be one of: unscan, success/);
    const noRegion = await createHssClient({ endpoint: url, projectId: "p", env: {} }).batchScanLocalImage({
      body: {},
    });
    expect(noRegion.error?.message).toMatch(/region: is required/);
    const unknown = await client(url).listVulRepoImage({ vul_id: "v", limt: 10 } as never);
    expect(unknown.error?.message).toMatch(/limt: is not a parameter of ListVulRepoImage \(known: .*limit/);
    const noProject = await createHssClient({ endpoint: url, env: {} }).listVulRepoImage({ vul_id: "v" });
    expect(noProject.error).toBeInstanceOf(HssConfigError);
    expect(seen).toHaveLength(0);
  });
});

describe("secrets never leak", () => {
  const SK = "SK-very-secret-0123456789";
  const TOKEN = "SECURITY-TOKEN-abcdef";
  const IAM = "IAM-TOKEN-zyxwvu";

  it("not in errors, debug events, or the client's inspection", async () => {
    const { url } = await serve((req, res) =>
      json(res, 401, {
        error_code: "APIGW.0301",
        error_msg: `bad ${req.headers["x-auth-token"] ?? ""} ${req.headers["x-security-token"] ?? ""} ${req.headers.authorization ?? ""}`,
      }),
    );
    const events: DebugEvent[] = [];
    const dump: string[] = [];
    for (const credentials of [{ ak: "AK", sk: SK, securityToken: TOKEN }, { token: IAM }]) {
      const hss = client(url, { credentials, onDebug: (e) => events.push(e) });
      const result = await hss.listVulRepoImage({ vul_id: "v" });
      const thrown = await hss.throwing.batchScanLocalImage({ body: {} }).catch((e: unknown) => e);
      dump.push(
        String(result.error),
        JSON.stringify(result.error),
        inspect(result.error, { depth: 5 }),
        inspect(thrown, { depth: 5 }),
        inspect(hss, { depth: 5, showHidden: true }),
      );
    }
    dump.push(JSON.stringify(events));
    const all = dump.join("\n");
    expect(all).toContain("APIGW.0301");
    for (const secret of [SK, TOKEN, IAM]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(JSON.stringify(events)).toContain('"x-auth-token":"***"');
  });
});
