/**
 * The mock server: `createServer(options)` builds it (not listening), `startMockServer(options)`
 * starts it on 127.0.0.1 (port 0 picks a free one). Every answer carries an X-Request-Id; every
 * HSS request is journaled (bounded, see journal.ts).
 */
import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin.js";
import { createContext, type MockContext } from "./context.js";
import { handleHss } from "./dispatch.js";
import { ERROR_CODES, originForm, sendError, splitTarget, tagResponse } from "./http.js";
import type { JournalRecord } from "./journal.js";
import { adminTokenRequired, type MockOptions } from "./options.js";

const NO_QUERY: ReadonlyMap<string, string> = new Map();

/** Builds the server (not listening) and its context. */
export function createServer(options: MockOptions = {}): { server: Server; context: MockContext } {
  // The admin API is protected whenever auth is on or the mock may listen beyond loopback: a
  // random token when none is given (read it from context.options.adminToken).
  const adminToken =
    options.adminToken ??
    (adminTokenRequired(options.auth ?? "none", options.host ?? "127.0.0.1")
      ? randomBytes(24).toString("base64url")
      : undefined);
  const context = createContext({ ...options, adminToken });
  const server = createHttpServer({ maxHeaderSize: context.options.maxHeaderBytes }, (req, res) => {
    const started = performance.now();
    // Everything after this line (journal, routing, signature check) sees the origin-form target.
    req.url = originForm(req.url ?? "/");
    const { path, query } = splitTarget(req.url);
    res.sendDate = false;
    const record: JournalRecord = {
      time: context.options.now(),
      request_id: context.nextRequestId(),
      method: req.method ?? "GET",
      path,
      query: NO_QUERY,
      operation: null,
      auth: "none",
      status: 0,
      duration_ms: 0,
      // The journal's own fields, in the literal: set later, they would cost a second allocation.
      seq: 0,
      size: 0,
      truncated: false,
    };
    tagResponse(res, record.request_id);
    const admin = path === "/__mock" || path.startsWith("/__mock/");
    const done = () => {
      if (admin) return; // the journal is of HSS traffic, not admin calls
      record.status = res.headersSent ? res.statusCode : 0;
      record.duration_ms = Math.round((performance.now() - started) * 100) / 100;
      context.journal.add(record);
    };
    const fail = () => {
      // A client gone in the middle of its request gets no answer, and is journaled as answered none.
      if (!res.headersSent && !req.socket.destroyed)
        sendError(res, 500, ERROR_CODES.internal, "Internal server error");
      else res.destroy();
      done();
    };
    let handling: Promise<void> | undefined;
    try {
      handling = admin
        ? handleAdmin(context, req, res, record.method, path, query)
        : handleHss(context, req, res, record, path, query);
    } catch {
      return fail();
    }
    // A plain GET was answered in this tick: no promise to wait for.
    if (handling) handling.then(done, fail);
    else done();
  });
  server.keepAliveTimeout = 65_000;
  return { server, context };
}

/** A listening mock. */
export interface RunningMock {
  url: string;
  port: number;
  context: MockContext;
  /** The token the admin API requires, if it requires one. */
  adminToken: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the mock; resolves once it listens. When the admin API must be protected (auth on, or
 * a non-loopback address) and no `adminToken` is given, a random one is made (`adminToken`).
 */
export async function startMockServer(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? "127.0.0.1";
  const { server, context } = createServer({ ...options, host });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    context,
    adminToken: context.options.adminToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
