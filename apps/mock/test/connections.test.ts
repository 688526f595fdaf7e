/**
 * The mock's connections and lifetime as a client sees them: a keep-alive connection goes on
 * after a refused request; close() ends even with a client still connected; a port in use is an
 * error, not a hang. Also request targets and queries in the less common spellings, and the
 * journal's duration of a request.
 */
import { once } from "node:events";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startMockServer } from "../src/index.js";
import { mock } from "./helpers.js";

const VUL = "CVE-2021-44228";
const LIST = `/v5/p1/image/${VUL}/images`;
const SCAN = "/v5/p1/image/local/batch-scan";

/** Writes requests on one keep-alive connection; resolves with the status of each answer. */
async function statusesOnOneConnection(url: string, requests: string[]): Promise<number[]> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on("error", () => {});
  let text = "";
  const statuses = () => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  const done = new Promise<void>((resolve) => {
    socket.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (statuses().length >= requests.length) resolve();
    });
    socket.on("close", () => resolve());
  });
  for (const r of requests) socket.write(r);
  await done;
  socket.destroy();
  return statuses();
}

const scanRequest = (body: string, type = "application/json") =>
  `POST ${SCAN} HTTP/1.1\r\nHost: x\r\nregion: cn-north-4\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const listRequest = `GET ${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`;

describe("keep-alive connections", () => {
  it("go on after a scan refused for its Content-Type, its JSON or its fields", async () => {
    const m = await mock();
    const statuses = await statusesOnOneConnection(m.url, [
      scanRequest('{"operate_all":true}', "text/plain"),
      listRequest,
      scanRequest("{nope"),
      listRequest,
      scanRequest('{"operate_all":"yes"}'),
      listRequest,
    ]);
    expect(statuses).toEqual([400, 200, 400, 200, 400, 200]);
  });

  it("go on after an unknown path and a wrong method", async () => {
    const m = await mock();
    const statuses = await statusesOnOneConnection(m.url, [
      `GET /v5/p1/nothing HTTP/1.1\r\nHost: x\r\n\r\n`,
      `DELETE ${LIST} HTTP/1.1\r\nHost: x\r\ncontent-length: 2\r\n\r\n{}`,
      listRequest,
    ]);
    expect(statuses).toEqual([404, 405, 200]);
  });
});

describe("the mock's lifetime", () => {
  it("close() ends even while a client keeps a connection open", async () => {
    const m = await startMockServer({ images: 50, localImages: 10 });
    const { hostname, port } = new URL(m.url);
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {});
    socket.write(listRequest);
    await once(socket, "data");
    const closed = once(socket, "close");
    await m.close();
    await closed;
    await expect(fetch(`${m.url}/__mock/health`)).rejects.toThrow();
  });

  it("starting on a port in use is an error naming it", async () => {
    const first = await mock();
    await expect(startMockServer({ port: first.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect((await first.admin("health")).status).toBe(200);
  });
});

describe("request spellings", () => {
  it("an absolute-form target with an upper-case scheme is routed by its path", async () => {
    const m = await mock();
    const answer = await new Promise<string>((resolve) => {
      const { hostname, port } = new URL(m.url);
      const socket = connect(Number(port), hostname);
      let text = "";
      socket.on("data", (d: Buffer) => {
        text += d.toString("utf8");
      });
      socket.on("close", () => resolve(text));
      socket.end(
        `GET HTTP://USER:PW@HSS.EXAMPLE${LIST}?limit=15 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)).data_list).toHaveLength(15);
    const journal = (await m.admin("journal")).text;
    expect(journal).toContain(LIST);
    expect(journal).not.toContain("PW");
  });

  it("every + in a query is a space", async () => {
    const m = await mock();
    await m.list(VUL, "image_name=a+b+c&namespace=x+y");
    const [entry] = (await m.admin("journal")).json;
    expect(entry.query).toEqual({ image_name: "a b c", namespace: "x y" });
  });

  it("an empty header parameter is not an absent one, even after the absent one was answered", async () => {
    const m = await mock();
    for (let i = 0; i < 2; i++) expect((await m.list(VUL)).status).toBe(200);
    const empty = await m.call(LIST, { headers: { region: "" } });
    expect(empty.status).toBe(400);
    expect(empty.json.error_msg).toMatch(/^region: /);
  });
});

describe("the journal's duration of a request", () => {
  it("is at least an injected latency, at most the time the client waited, in hundredths of a millisecond", async () => {
    const m = await mock();
    await m.admin("faults/ListVulRepoImage", { method: "PUT", body: JSON.stringify({ latencyMs: 120 }) });
    const before = performance.now();
    expect((await m.list(VUL)).status).toBe(200);
    const waited = performance.now() - before;
    await m.admin("faults/ListVulRepoImage", { method: "DELETE" });
    await m.list(VUL);
    const [slow, fast] = (await m.admin("journal")).json as { duration_ms: number }[];
    expect(slow?.duration_ms).toBeGreaterThanOrEqual(119);
    expect(slow?.duration_ms).toBeLessThanOrEqual(waited + 0.01);
    for (const d of [slow?.duration_ms, fast?.duration_ms] as number[]) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(Number(d.toFixed(2))).toBe(d);
    }
  });
});
