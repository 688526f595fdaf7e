/**
 * The mock under hostile input: its memory is bounded whatever clients send (the journal cuts
 * what it keeps and holds a byte budget; oversized heads are refused before any work), its
 * admin API takes a token when auth is on, and query names like `__proto__` are names.
 */
import { once } from "node:events";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { DRAIN_BYTES, originForm, splitTarget } from "../src/http.js";
import { createServer } from "../src/index.js";
import { mock } from "./helpers.js";

/** Sends one raw HTTP/1.1 request and resolves with the whole answer as text. */
async function raw(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.end(head);
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  await once(socket, "close");
  return Buffer.concat(chunks).toString("utf8");
}

const VUL = "CVE-2021-44228";

describe("bounded memory", () => {
  it("a flood of unauthenticated requests with huge queries keeps the journal within its budget", async () => {
    const budget = 131_072;
    const m = await mock({
      auth: "token",
      credentials: { aksk: [], tokens: ["good-token"] },
      journalSize: 5000,
      journalBytes: budget,
    });
    const big = "q".repeat(60_000);
    const sent = 300;
    for (let round = 0; round < sent / 10; round++)
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          m.list(VUL, `image_name=${big}&n=${round * 10 + i}&${"k".repeat(5000)}=v`),
        ),
      );
    const state = (await m.admin("state")).json;
    expect(state.journal.bytes).toBeLessThanOrEqual(budget);
    expect(state.journal.entries).toBeGreaterThan(0);
    expect(state.journal.entries).toBeLessThan(sent);
    const journal = (await m.admin("journal")).json as {
      query: Record<string, string>;
      truncated?: boolean;
      status: number;
    }[];
    const last = journal.at(-1);
    expect(last?.status).toBe(401);
    expect(last?.truncated).toBe(true);
    for (const [name, value] of Object.entries(last?.query ?? {})) {
      expect(name.length).toBeLessThanOrEqual(257);
      expect(value.length).toBeLessThanOrEqual(257);
    }
  });

  it("a request head over the limit is refused (431) before any work, and not journaled", async () => {
    const m = await mock();
    const res = await m.list(VUL, `image_name=${"x".repeat(900_000)}`);
    expect(res.status).toBe(431);
    expect((await m.admin("journal")).json).toEqual([]);
  });
});

describe("bodies over the limit", () => {
  /** Writes `requests` on one connection and collects the status lines and headers of the answers. */
  async function onOneConnection(url: string, requests: (string | Buffer)[], answers: number) {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {}); // a reset is what the test looks for, not a crash of the test
    let text = "";
    const heads = () => text.match(/HTTP\/1\.1 \d+[\s\S]*?\r\n\r\n/g) ?? [];
    const done = new Promise<void>((resolve) => {
      socket.on("data", (d: Buffer) => {
        text += d.toString("latin1");
        if (heads().length >= answers) resolve();
      });
      socket.on("close", () => resolve());
    });
    for (const r of requests) socket.write(r);
    await done;
    socket.destroy();
    return heads();
  }
  const scan = (body: string | number) =>
    `POST /v5/p1/image/local/batch-scan HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\ncontent-type: application/json\r\ncontent-length: ${typeof body === "number" ? body : Buffer.byteLength(body)}\r\n\r\n${typeof body === "number" ? "" : body}`;
  const list = `GET /v5/p1/image/${VUL}/images HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\n\r\n`;

  it("a body over the limit is read and dropped: its 413 arrives and the connection goes on", async () => {
    const m = await mock({ maxBodyBytes: 1024 });
    const heads = await onOneConnection(m.url, [scan(`{"image_name":"${"b".repeat(1_500_000)}"}`), list], 2);
    expect(heads.map((h) => h.slice(0, 12))).toEqual(["HTTP/1.1 413", "HTTP/1.1 200"]);
    expect(heads[0]).not.toMatch(/connection: close/i);
  });

  /** A chunked scan request whose body is `size` bytes of JSON-ish text, in 1 MiB chunks. */
  const chunkedScan = (size: number): Buffer[] => {
    const parts: Buffer[] = [
      Buffer.from(
        "POST /v5/p1/image/local/batch-scan HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
      ),
    ];
    for (let left = size; left > 0; left -= 1 << 20) {
      const n = Math.min(left, 1 << 20);
      parts.push(Buffer.from(`${n.toString(16)}\r\n`), Buffer.alloc(n, 0x61), Buffer.from("\r\n"));
    }
    parts.push(Buffer.from("0\r\n\r\n"));
    return parts;
  };

  it("a body of exactly the limit plus what is drained is still read to its end: 413, and the connection goes on", async () => {
    const m = await mock({ maxBodyBytes: 1024 });
    const exact = 1024 + DRAIN_BYTES;
    const declared = [Buffer.from(scan(exact)), Buffer.alloc(exact, 0x61), Buffer.from(list)];
    expect((await onOneConnection(m.url, declared, 2)).map((h) => h.slice(0, 12))).toEqual([
      "HTTP/1.1 413",
      "HTTP/1.1 200",
    ]);
    const chunked = await onOneConnection(m.url, [...chunkedScan(exact), Buffer.from(list)], 2);
    expect(chunked.map((h) => h.slice(0, 12))).toEqual(["HTTP/1.1 413", "HTTP/1.1 200"]);
    expect(chunked[0]).not.toMatch(/connection: close/i);
  });

  it("a chunked body (no length declared) past what is drained is answered 413 and its connection closed", async () => {
    const m = await mock({ maxBodyBytes: 1024 });
    const heads = await onOneConnection(m.url, chunkedScan(1024 + DRAIN_BYTES + 1), 1);
    expect(heads[0]).toMatch(/^HTTP\/1\.1 413/);
    expect(heads[0]).toMatch(/connection: close/i);
  });

  it("a client gone in the middle of its body takes nothing down, and is journaled as answered nothing (status 0)", async () => {
    const m = await mock();
    const { hostname, port } = new URL(m.url);
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {});
    await once(socket, "connect");
    socket.write(scan(100_000).concat('{"image_info_list":['));
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await once(socket, "close");
    const after = await m.list(VUL, "limit=10");
    expect(after.status).toBe(200);
    // Journaled as what it was: a request answered with nothing, not an error of the mock's
    // (the server may learn of the reset after the next request: wait for it, no deadline).
    type Entry = { operation: string; status: number };
    let journal: Entry[] = [];
    while (journal.length < 2) {
      journal = (await m.admin("journal")).json;
      if (journal.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(journal.map((e) => [e.operation, e.status]).sort()).toEqual([
      ["BatchScanLocalImage", 0],
      ["ListVulRepoImage", 200],
    ]);
  });

  it("a body too large to drain is answered at once, and the connection closed after the 413", async () => {
    const m = await mock({ maxBodyBytes: 1024 });
    const heads = await onOneConnection(m.url, [scan(200 * 1024 * 1024)], 1);
    expect(heads[0]).toMatch(/^HTTP\/1\.1 413/);
    expect(heads[0]).toMatch(/connection: close/i);
  });
});

describe("request targets as the journal and routing see them (origin-form)", () => {
  it.each([
    ["/v5/p/x?limit=1", "/v5/p/x?limit=1"],
    ["http://alice:pw@hss.example:443/v5/p/x?q=1", "/v5/p/x?q=1"],
    ["HTTPS://HSS.EXAMPLE/v5", "/v5"],
    ["http://hss.example?limit=1", "/?limit=1"],
    ["http://hss.example", "/"],
    ["alice:pw@hss.example/v5/p", "hss.example/v5/p"],
    ["alice:pw@hss.example?q=a@b", "hss.example?q=a@b"],
    ["alice:pw@hss.example:443", "hss.example:443"],
    ["a@b@hss.example", "hss.example"],
    ["@hss.example", "hss.example"],
    ["hss.example:443", "hss.example:443"],
    ["*", "*"],
    ["?q=a@b", "?q=a@b"],
    ["a@http://hss.example/v5", "http://hss.example/v5"],
  ])("%s -> %s", (target, expected) => {
    expect(originForm(target)).toBe(expected);
  });

  it("the query starts after the first '?', even the first character", () => {
    expect(splitTarget("/v5/p?a=1?b=2")).toEqual({ path: "/v5/p", query: "a=1?b=2" });
    expect(splitTarget("?a=1")).toEqual({ path: "", query: "a=1" });
    expect(splitTarget("/v5/p")).toEqual({ path: "/v5/p", query: "" });
  });
});

describe("request targets in absolute-form", () => {
  it("are routed by their path; neither the journal nor an error holds the userinfo", async () => {
    const m = await mock();
    const secret = "s3cret-pass-XYZ";
    const listed = await raw(
      m.url,
      `GET http://alice:${secret}@hss.example/v5/p1/image/${VUL}/images?limit=10 HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\nConnection: close\r\n\r\n`,
    );
    expect(listed).toMatch(/^HTTP\/1\.1 200 /);
    const missing = await raw(
      m.url,
      `GET http://alice:${secret}@hss.example/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(missing).toMatch(/^HTTP\/1\.1 404 /);
    expect(missing).toContain("/nowhere");
    expect(missing).not.toContain(secret);
    const journal = (await m.admin("journal")).text;
    expect(journal).toContain(`/v5/p1/image/${VUL}/images`);
    expect(journal).not.toContain(secret);
    expect(journal).not.toContain("alice");
  });
});

describe("the admin API", () => {
  it("createServer (not only startMockServer) protects the admin API when auth is on", async () => {
    const { server, context } = createServer({ auth: "token", credentials: { aksk: [], tokens: ["t"] } });
    expect(context.options.adminToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const address = server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}/__mock/state`;
      expect((await fetch(url)).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${context.options.adminToken}` } });
      expect(ok.status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("needs the admin token when auth is on; the HSS routes keep their own auth", async () => {
    const m = await mock({ auth: "token", credentials: { aksk: [], tokens: ["good-token"] } });
    expect(m.adminToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    for (const [path, method] of [
      ["state", "GET"],
      ["reset", "POST"],
      ["faults/ListVulRepoImage", "PUT"],
      ["reseed", "POST"],
    ] as const) {
      const bare = await m.call(`/__mock/${path}`, { method, body: method === "GET" ? undefined : "{}" });
      expect(bare.status, path).toBe(401);
      const wrong = await m.call(`/__mock/${path}`, {
        method,
        headers: { authorization: "Bearer wrong-token-0123456789" },
        body: method === "GET" ? undefined : "{}",
      });
      expect(wrong.status, path).toBe(401);
    }
    expect((await m.admin("state")).status).toBe(200);
    expect((await m.list(VUL, "")).status).toBe(401);
  });

  it("takes no token on loopback with auth off, unless one is set", async () => {
    expect((await (await mock()).call("/__mock/state")).status).toBe(200);
    const m = await mock({ adminToken: "a-chosen-admin-token-123" });
    expect((await m.call("/__mock/state")).status).toBe(401);
    expect((await m.admin("state")).status).toBe(200);
  });

  it("answers a method the route does not take with 405 and Allow", async () => {
    const m = await mock();
    const res = await m.admin("reset");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("names that are object keys in JavaScript are plain names", () => {
  it.each(["__proto__", "toString", "constructor", "hasOwnProperty"])(
    "?%s=1 is an unknown parameter, once",
    async (name) => {
      const m = await mock();
      const res = await m.list(VUL, `${name}=1`);
      expect(res.status).toBe(400);
      expect(res.json.error_msg).toBe(
        `${name}: is not a query parameter of ListVulRepoImage (known: enterprise_project_id, limit, offset, namespace, image_name, image_id, app_name)`,
      );
    },
  );

  it.each(["constructor", "__proto__", "toString"])(
    "PUT /__mock/faults/%s is 404, and nothing is stored",
    async (name) => {
      const m = await mock();
      const res = await m.admin(`faults/${name}`, { method: "PUT", body: JSON.stringify({ failNext: 1 }) });
      expect(res.status).toBe(404);
      expect((await m.admin("faults")).json).toEqual({});
    },
  );
});
