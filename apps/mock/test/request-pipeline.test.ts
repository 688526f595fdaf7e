/**
 * One HSS request through the mock, as a client sees it on the wire: the head of every answer
 * (request id, no Date, exact JSON and empty bodies), the order of the checks (drop, auth, body,
 * parameters, then injected errors), Content-Type and JSON refusals, body size limits, chunked
 * bodies, request targets in each form, repeated requests answered like fresh ones, and what
 * the journal records of each.
 */
import { once } from "node:events";
import { connect, createServer as createNetServer } from "node:net";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

/** Whether this machine has an IPv6 loopback to listen on. */
const ipv6 = await new Promise<boolean>((resolve) => {
  const probe = createNetServer();
  probe.once("error", () => resolve(false));
  probe.listen(0, "::1", () => probe.close(() => resolve(true)));
});

const VUL = "CVE-2021-44228";
const LIST = `/v5/p1/image/${VUL}/images`;
const SCAN = "/v5/p1/image/local/batch-scan";

/** Sends one raw HTTP/1.1 request (closing the connection) and resolves with the whole answer. */
async function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on("error", () => {});
  socket.end(request);
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  await once(socket, "close");
  return Buffer.concat(chunks).toString("utf8");
}

/** The status, lower-cased headers and body of a raw answer. */
function parse(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [status, ...lines] = head.split("\r\n");
  const headers = new Map(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(status?.split(" ")[1]), headers, body };
}

const put = (m: Awaited<ReturnType<typeof mock>>, op: string, fault: unknown) =>
  m.admin(`faults/${op}`, { method: "PUT", body: JSON.stringify(fault) });

type Entry = {
  method: string;
  path: string;
  query: Record<string, string>;
  operation: string | null;
  auth: string;
  status: number;
  time: string;
  request_id: string;
  duration_ms: number;
};
const journal = async (m: Awaited<ReturnType<typeof mock>>): Promise<Entry[]> =>
  (await m.admin("journal")).json;

describe("the head of every answer", () => {
  it("a JSON answer: request id, JSON content type, its byte length, and no Date (answers are reproducible)", async () => {
    const m = await mock();
    const res = await raw(m.url, `GET ${LIST}?limit=10 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const { status, headers, body } = parse(res);
    expect(status).toBe(200);
    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(Number(headers.get("content-length"))).toBe(Buffer.byteLength(body));
    expect(headers.has("date")).toBe(false);
    expect(JSON.parse(body).data_list).toHaveLength(10);
  });

  it("an error whose message holds non-ASCII text arrives whole (its length counts bytes, not characters)", async () => {
    const m = await mock();
    const name = "bild-größe-ü";
    const res = await m.list(VUL, `${encodeURIComponent(name)}=1`);
    expect(res.status).toBe(400);
    expect(res.json.error_msg).toMatch(new RegExp(`^${name}: is not a query parameter of ListVulRepoImage`));
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(res.text));
    expect(Buffer.byteLength(res.text)).toBeGreaterThan(res.text.length);
  });

  it("a scan is answered 200 with no body: Content-Length 0 and no content type", async () => {
    const m = await mock();
    const res = await m.scan({ operate_all: true });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(res.headers.get("content-length")).toBe("0");
    expect(res.headers.get("content-type")).toBeNull();
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("admin answers carry a request id too, and each answer its own", async () => {
    const m = await mock();
    const a = await m.admin("health");
    const b = await m.admin("health");
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(b.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(b.headers.get("x-request-id")).not.toBe(a.headers.get("x-request-id"));
  });
});

describe("routing refusals", () => {
  it("an unknown path is 404 naming the method and path", async () => {
    const m = await mock();
    const res = await m.call("/v5/p1/nothing/here?x=1", { method: "PUT", body: "{}" });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error_code: "APIGW.0101", error_msg: "No API at PUT /v5/p1/nothing/here" });
  });

  it("a method the path does not take is 405 naming the method, the path and what it takes", async () => {
    const m = await mock();
    const res = await m.call(`${SCAN}?enterprise_project_id=0`, { method: "GET" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.json).toEqual({
      error_code: "APIGW.0105",
      error_msg: `GET is not allowed on ${SCAN}; use POST`,
    });
  });

  it("/__mock and /__mock/... are the admin API (not journaled); /__mockery is an HSS path", async () => {
    const m = await mock();
    expect((await m.call("/__mock")).json.error_msg).not.toMatch(/^No API/);
    expect((await m.admin("health")).status).toBe(200);
    const other = await m.call("/__mockery/health");
    expect(other.status).toBe(404);
    expect(other.json.error_msg).toBe("No API at GET /__mockery/health");
    expect((await journal(m)).map((e) => [e.path, e.status, e.operation])).toEqual([
      ["/__mockery/health", 404, null],
    ]);
  });
});

describe("request targets", () => {
  it("an absolute-form target without a path is the root path", async () => {
    const m = await mock();
    const res = parse(
      await raw(m.url, "GET http://hss.example?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error_msg).toBe("No API at GET /");
    expect((await journal(m)).map((e) => [e.path, e.status])).toEqual([["/", 404]]);
  });

  it("an absolute-form target with a query right after the host keeps the query", async () => {
    const m = await mock();
    const res = parse(
      await raw(
        m.url,
        `GET https://u:p@hss.example${LIST}?limit=11 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data_list).toHaveLength(11);
    expect((await journal(m))[0]).toMatchObject({ path: LIST, query: { limit: "11" } });
  });

  it("an asterisk target is a path of its own (no API there)", async () => {
    const m = await mock();
    const res = parse(await raw(m.url, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error_msg).toBe("No API at OPTIONS *");
  });
});

describe("query strings", () => {
  it("empty pairs are skipped, + is a space, a name without = has an empty value, bad escapes stay as sent", async () => {
    const m = await mock();
    const spaced = await m.list(VUL, "&&image_name=a+b&limit=10&");
    expect(spaced.status).toBe(200);
    const bare = await m.list(VUL, "namespace");
    expect(bare.status).toBe(200);
    const bad = await m.list(VUL, "image_name=%E0%A4%A&limit=10");
    expect(bad.status).toBe(200);
    const [a, b, c] = await journal(m);
    expect(a?.query).toEqual({ image_name: "a b", limit: "10" });
    expect(b?.query).toEqual({ namespace: "" });
    expect(c?.query).toEqual({ image_name: "%E0%A4%A", limit: "10" });
  });

  it("a request without a query is journaled with an empty query", async () => {
    const m = await mock();
    await m.list(VUL);
    await m.call(`${LIST}?`);
    expect((await journal(m)).map((e) => e.query)).toEqual([{}, {}]);
  });
});

describe("a repeated request is answered and journaled like the first", () => {
  it("the same valid GET twice: the same body, and both journal entries hold the query", async () => {
    const m = await mock();
    const first = await m.list(VUL, "limit=12&image_name=a");
    const second = await m.list(VUL, "limit=12&image_name=a");
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect((await journal(m)).map((e) => [e.query, e.operation])).toEqual([
      [{ limit: "12", image_name: "a" }, "ListVulRepoImage"],
      [{ limit: "12", image_name: "a" }, "ListVulRepoImage"],
    ]);
  });

  it("the same invalid GET twice is refused twice", async () => {
    const m = await mock();
    for (let i = 0; i < 2; i++) {
      const res = await m.list(VUL, "limit=5");
      expect(res.status).toBe(400);
      expect(res.json.error_msg).toBe("limit: must be an integer from 10 to 200");
    }
  });

  it("the same path and query with another header value is checked again (headers are part of the request)", async () => {
    const m = await mock();
    const good = await m.call(`${LIST}?limit=10`, { headers: { region: "cn-north-4" } });
    expect(good.status).toBe(200);
    const bad = await m.call(`${LIST}?limit=10`, { headers: { region: "r".repeat(129) } });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toMatch(/^region: /);
    expect((await m.call(`${LIST}?limit=10`, { headers: { region: "cn-north-4" } })).status).toBe(200);
  });

  it("a valid scan body, then an invalid one on the same path: the second is still checked", async () => {
    const m = await mock();
    expect((await m.scan({ operate_all: true })).status).toBe(200);
    const bad = await m.scan({ operate_all: true, scan_status: "done" });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toMatch(/^scan_status: must be one of/);
  });

  it("the defaults a handler sees are filled the same way on a repeat (offset 0, limit 10, project 0)", async () => {
    const m = await mock();
    const explicit = await m.list(VUL, "offset=0&limit=10&enterprise_project_id=0");
    for (let i = 0; i < 2; i++) expect((await m.list(VUL)).text).toBe(explicit.text);
  });
});

describe("the body of a scan", () => {
  it.each([
    ["application/json", 200],
    ["application/json; charset=utf-8", 200],
    ["Application/JSON", 200],
    ["application/json ;charset=utf-8", 200],
    ["application/jsonp", 400],
    ["text/application/json", 400],
    ["application/json-patch+json", 400],
  ])("Content-Type %s -> %i", async (type, status) => {
    const m = await mock();
    const res = await m.scan({ operate_all: true }, "", { "content-type": type });
    expect(res.status).toBe(status);
    if (status === 400)
      expect(res.json).toEqual({
        error_code: "HSS.0003",
        error_msg: `Content-Type must be application/json (got ${type})`,
      });
  });

  it("no Content-Type is named as none; a long one is cut to 100 characters in the message", async () => {
    const m = await mock();
    const none = await m.call(SCAN, {
      method: "POST",
      headers: { region: "cn-north-4" },
      body: new Uint8Array(Buffer.from('{"operate_all":true}')),
    });
    expect(none.json).toEqual({
      error_code: "HSS.0003",
      error_msg: "Content-Type must be application/json (got none)",
    });
    const long = `text/${"x".repeat(200)}`;
    const cut = await m.scan({ operate_all: true }, "", { "content-type": long });
    expect(cut.json.error_msg).toBe(`Content-Type must be application/json (got ${long.slice(0, 100)})`);
  });

  it("a body that is not JSON is 400 HSS.0002 with the parser's reason", async () => {
    const m = await mock();
    const res = await m.scan("{nope");
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("HSS.0002");
    expect(res.json.error_msg).toMatch(/^The request body is not valid JSON: \S/);
  });

  it("an empty body is a missing body, named as such (not a JSON error)", async () => {
    const m = await mock();
    const res = await m.scan("");
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("HSS.0001");
    expect(res.json.error_msg).toMatch(/body/);
  });

  it("a body of exactly maxBodyBytes is read; one byte more is 413 naming the limit", async () => {
    const m = await mock({ maxBodyBytes: 64 });
    const fits = JSON.stringify({ operate_all: true, image_name: "n" }).padEnd(64, " ");
    expect(Buffer.byteLength(fits)).toBe(64);
    expect((await m.scan(fits)).status).toBe(200);
    const over = await m.scan(`${fits} `);
    expect(over.status).toBe(413);
    expect(over.json).toEqual({
      error_code: "APIGW.0201",
      error_msg: "The request body is larger than 64 bytes",
    });
  });

  it("a chunked body (no Content-Length) is read like any other", async () => {
    const m = await mock();
    const body = JSON.stringify({ operate_all: true, scan_status: "done" });
    const res = parse(
      await raw(
        m.url,
        `POST ${SCAN} HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n` +
          `${(10).toString(16)}\r\n${body.slice(0, 10)}\r\n${(body.length - 10).toString(16)}\r\n${body.slice(10)}\r\n0\r\n\r\n`,
      ),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error_msg).toMatch(/^scan_status: must be one of/);
  });

  it("a GET with a body is answered as usual", async () => {
    const m = await mock();
    const res = parse(
      await raw(
        m.url,
        `GET ${LIST}?limit=13 HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello`,
      ),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data_list).toHaveLength(13);
  });
});

describe("the order of the checks", () => {
  const tokenMock = () => mock({ auth: "token", credentials: { aksk: [], tokens: ["good-token"] } });

  it("a dropped request is dropped before authentication, and journaled without a status", async () => {
    const m = await tokenMock();
    await put(m, "ListVulRepoImage", { dropRate: 1 });
    await expect(fetch(m.url + LIST)).rejects.toThrow();
    const [entry] = await journal(m);
    expect(entry).toMatchObject({ path: LIST, operation: "ListVulRepoImage", status: 0 });
  });

  it("authentication comes before injected throttling and errors", async () => {
    const m = await tokenMock();
    await put(m, "ListVulRepoImage", { throttleRate: 1 });
    await put(m, "BatchScanLocalImage", { failNext: 5, errorStatus: 503 });
    expect((await m.list(VUL)).status).toBe(401);
    expect((await m.scan({ operate_all: true })).status).toBe(401);
    const entries = await journal(m);
    expect(entries.map((e) => [e.operation, e.auth, e.status])).toEqual([
      ["ListVulRepoImage", "failed", 401],
      ["BatchScanLocalImage", "failed", 401],
    ]);
    const authed = await m.call(LIST, { headers: { "x-auth-token": "good-token" } });
    expect(authed.status).toBe(429);
    expect((await journal(m)).at(-1)).toMatchObject({ auth: "token", status: 429 });
  });

  it("the body and parameters are checked before injected faults", async () => {
    const m = await mock();
    await put(m, "BatchScanLocalImage", { throttleRate: 1 });
    await put(m, "ListVulRepoImage", { errorRate: 1, errorStatus: 502 });
    expect((await m.scan("{nope")).json.error_code).toBe("HSS.0002");
    expect((await m.scan({ operate_all: 1 })).status).toBe(400);
    expect((await m.list(VUL, "limit=1")).status).toBe(400);
    expect((await m.scan({ operate_all: true })).status).toBe(429);
    expect((await m.list(VUL)).status).toBe(502);
  });

  it("an injected 4xx is HSS.0001, a 5xx HSS.0010, each naming the status", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { failNext: 1, errorStatus: 499 });
    expect((await m.list(VUL)).json).toEqual({
      error_code: "HSS.0001",
      error_msg: "Injected fault: HTTP 499",
    });
    await put(m, "ListVulRepoImage", { failNext: 1, errorStatus: 500 });
    expect((await m.list(VUL)).json).toEqual({
      error_code: "HSS.0010",
      error_msg: "Injected fault: HTTP 500",
    });
    await put(m, "ListVulRepoImage", { failNext: 1, errorStatus: 404 });
    const notFound = await m.list(VUL);
    expect(notFound.status).toBe(404);
    expect(notFound.json.error_code).toBe("HSS.0001");
  });

  it("a 429 says when to retry; the next request without the fault is answered", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { throttleRate: 1, retryAfter: 30 });
    const res = await m.list(VUL);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.json).toEqual({
      error_code: "APIGW.0308",
      error_msg: "The throttling threshold has been reached",
    });
    await m.admin("faults/ListVulRepoImage", { method: "DELETE" });
    expect((await m.list(VUL)).status).toBe(200);
  });

  it("latency with a malformed answer: after the wait, the malformed body", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { latencyMs: 20, malformed: true });
    const res = await m.list(VUL);
    expect(res.status).toBe(200);
    expect(res.json.unexpected_field).toBe(true);
    expect(res.json.total_num).toBe("1");
    await put(m, "BatchScanLocalImage", { latencyMs: 5 });
    const scanned = await m.scan({ operate_all: true });
    expect(scanned.status).toBe(200);
    expect(scanned.text).toBe("");
  });

  it("a malformed answer to a scan is the unexpected field where no body is documented", async () => {
    const m = await mock();
    await put(m, "BatchScanLocalImage", { malformed: true });
    const res = await m.scan({ operate_all: true });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ unexpected: true });
  });
});

describe("the journal entry of a request", () => {
  it("holds the clock's time, the method, the operation, the auth used and the status", async () => {
    const t = Date.UTC(2026, 5, 1, 12, 0, 0);
    const m = await mock({ now: () => t, auth: "any", credentials: { aksk: [], tokens: ["tok"] } });
    await m.call(`${LIST}?limit=10`, { headers: { "x-auth-token": "tok" } });
    await m.call(`${SCAN}`, {
      method: "POST",
      headers: { "x-auth-token": "tok", "content-type": "application/json", region: "cn-north-4" },
      body: "{}",
    });
    const [list, scan] = await journal(m);
    expect(list).toMatchObject({
      time: new Date(t).toISOString(),
      method: "GET",
      path: LIST,
      query: { limit: "10" },
      operation: "ListVulRepoImage",
      auth: "token",
      status: 200,
    });
    expect(list?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(scan).toMatchObject({
      method: "POST",
      operation: "BatchScanLocalImage",
      auth: "token",
      status: 400,
    });
  });

  it("holds the request id the answer carried", async () => {
    const m = await mock();
    const res = await m.list(VUL);
    const entry = (await journal(m))[0];
    expect(entry?.request_id).toBe(res.headers.get("x-request-id"));
    const none = await mock({ auth: "none" });
    await none.list(VUL);
    expect((await journal(none))[0]?.auth).toBe("none");
  });
});

describe("startMockServer", () => {
  it("listens on the port asked for, and its url names it", async () => {
    const probe = await mock();
    const port = probe.port;
    await probe.close();
    const m = await mock({ port });
    expect(m.port).toBe(port);
    expect(m.url).toBe(`http://127.0.0.1:${port}`);
    expect((await m.admin("health")).json).toEqual({ status: "ok" });
  });

  it.skipIf(!ipv6)("an IPv6 host is shown in brackets in the url", async () => {
    const m = await mock({ host: "::1" });
    expect(m.url).toBe(`http://[::1]:${m.port}`);
    expect((await m.admin("health")).status).toBe(200);
  });
});
