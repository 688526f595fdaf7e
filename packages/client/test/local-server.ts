/**
 * What the client's tests against a local server share: a `node:http` server on 127.0.0.1 that
 * answers each request (read to its end) with `answer(res, n)`, records what arrived and counts
 * connections the client gave up; every server is closed after its test. And the usual answers
 * and a client of it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach } from "vitest";
import { createHssClient } from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Closes a server started elsewhere in a test after that test. */
export function closeAfterTest<S extends RunningServer>(server: S): S {
  servers.push(server);
  return server;
}

/** A request as the server saw it. */
export interface Seen {
  url: string;
  headers: IncomingMessage["headers"];
}

/**
 * A server whose n-th request (from 1) is answered by `answer`: `seen` lists the requests,
 * `state.requests` counts them, `state.closed` counts answers the client stopped reading.
 */
export async function serve(answer: (res: ServerResponse, n: number) => void) {
  const seen: Seen[] = [];
  const state = { requests: 0, closed: 0 };
  const server = await startServer((req, res) => {
    res.on("close", () => {
      if (!res.writableFinished) state.closed++;
    });
    req.resume();
    req.on("end", () => {
      seen.push({ url: req.url ?? "", headers: req.headers });
      answer(res, ++state.requests);
    });
  });
  closeAfterTest(server);
  return { url: server.url, seen, state };
}

/** 503 in HSS's error shape, with extra headers (Retry-After). */
export const busy = (res: ServerResponse, headers: Record<string, string> = {}) => {
  res.writeHead(503, { "Content-Type": "application/json", ...headers });
  res.end('{"error_code":"HSS.0503","error_msg":"busy"}');
};

/** An empty page. */
export const ok = (res: ServerResponse) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end('{"total_num":0,"data_list":[]}');
};

/** Options every test client shares. */
export const base = { region: "cn-north-4", projectId: "p", env: {} };

/** A client of `url` with the shared options and these. */
export const make = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  createHssClient({ ...base, endpoint: url, ...extra });
