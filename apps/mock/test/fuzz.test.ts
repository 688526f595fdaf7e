/**
 * A bounded fuzz of malformed requests (random bytes, huge headers, truncated bodies, wrong
 * content types, odd targets): the mock stays up, answers, and never answers 5xx.
 */
import { connect } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

/** Sends raw bytes and returns the status line's code (0 when the connection closed without one). */
function raw(port: number, bytes: Buffer | string, endAfterMs = 300): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    const done = () => {
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve(m ? Number(m[1]) : 0);
    };
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if (/\r\n\r\n/.test(data)) done();
    });
    socket.on("error", done);
    socket.on("close", done);
    socket.write(bytes);
    setTimeout(done, endAfterMs);
  });
}

describe("fuzz (bounded)", () => {
  it("survives random and malformed requests without 5xx", async () => {
    const m = await mock({ maxBodyBytes: 4096 });
    const statuses: number[] = [];
    const started = Date.now();
    const targets = [
      "/v5/p1/image/CVE-2021-44228/images",
      "/v5/p1/image/local/batch-scan",
      "/__mock/faults/ListVulRepoImage",
      "/%",
      "/v5/%E0%A4%A/image/x/images",
      "*",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW"),
        fc.constantFrom(...targets),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/json; charset=utf-8",
          "",
          "multipart/form-data",
        ),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.json({ maxDepth: 3 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("latin1")),
        ),
        fc.boolean(),
        async (method, target, query, type, body, truncate) => {
          const bytes = Buffer.from(body, "latin1");
          const declared = truncate ? bytes.length + 10 : bytes.length;
          const request = `${method} ${target}?${encodeURI(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nregion: cn-north-4\r\nContent-Length: ${declared}\r\nConnection: close\r\n\r\n`;
          const status = await raw(
            m.port,
            Buffer.concat([Buffer.from(request, "latin1"), bytes]),
            truncate ? 150 : 1000,
          );
          statuses.push(status);
          expect(status < 500, `${method} ${target} -> ${status}`).toBe(true);
        },
      ),
      { seed: 99, numRuns: 150 },
    );
    // raw garbage, a huge header, a huge request line, and an oversized body
    statuses.push(await raw(m.port, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))));
    statuses.push(
      await raw(
        m.port,
        `GET /v5/p1/image/x/images HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(2_000_000)}\r\n\r\n`,
        2000,
      ),
    );
    statuses.push(await raw(m.port, `GET /${"v".repeat(2_000_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 2000));
    statuses.push(
      await raw(
        m.port,
        `POST /v5/p1/image/local/batch-scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nregion: r\r\nContent-Length: 100000\r\n\r\n${"{".repeat(100_000)}`,
        2000,
      ),
    );
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(50);
    expect(Date.now() - started).toBeLessThan(60_000);
    // still up and answering correctly
    const ok = await m.list("CVE-2021-44228", "limit=10");
    expect(ok.status).toBe(200);
    expect(ok.json.data_list).toHaveLength(10);
  });
});
