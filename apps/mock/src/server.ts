/**
 * The mock server: `createServer(options)` builds it (not listening), `startMockServer(options)`
 * starts it on 127.0.0.1 (port 0 picks a free one). Every answer carries an X-Request-Id.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin.js";
import { type AuthMode, authenticate, type MockCredentials } from "./auth.js";
import { Faults } from "./faults.js";
import { batchScanLocalImage, type HandlerResult, listVulRepoImage } from "./handlers.js";
import { ERROR_CODES, parseQuery, readBody, sendError, sendJson, splitTarget } from "./http.js";
import { Journal, type JournalRecord } from "./journal.js";
import { createRandom } from "./random.js";
import { matchRoute, parseRequest } from "./routes.js";
import { MockStore } from "./store.js";

/** Options of the mock. */
export interface MockOptions {
  host?: string;
  port?: number;
  /** Seed of the generated data (and of request ids and fault draws). Default "hss-mock". */
  seed?: string | number;
  /** Repository images to generate. Default 1000. */
  images?: number;
  /** Local images to generate. Default 200. */
  localImages?: number;
  /** Default `none`: no credentials needed. */
  auth?: AuthMode;
  credentials?: MockCredentials;
  /** How long a scan stays `scanning`, ms. Default 2000. */
  scanDurationMs?: number;
  /** Largest accepted body, bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Requests kept in the journal. Default 1000. */
  journalSize?: number;
  /** The clock (tests). Default Date.now. */
  now?: () => number;
}

/** The options with every default filled. */
export type ResolvedMockOptions = Required<Omit<MockOptions, "host" | "port" | "seed">> & { seed: string };

/** The mock's parts, for tests and embedding. */
export interface MockContext {
  options: ResolvedMockOptions;
  store: MockStore;
  faults: Faults;
  journal: Journal;
  nextRequestId: () => string;
}

/** Fills defaults. */
export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  return {
    seed: String(options.seed ?? "hss-mock"),
    images: options.images ?? 1000,
    localImages: options.localImages ?? 200,
    auth: options.auth ?? "none",
    credentials: options.credentials ?? { aksk: [], tokens: [] },
    scanDurationMs: options.scanDurationMs ?? 2000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    journalSize: options.journalSize ?? 1000,
    now: options.now ?? Date.now,
  };
}

/** Builds the server (not listening) and its context. */
export function createServer(options: MockOptions = {}): { server: Server; context: MockContext } {
  const resolved = resolveMockOptions(options);
  const ids = createRandom(`${resolved.seed}/request-ids`);
  const context: MockContext = {
    options: resolved,
    store: new MockStore(
      { seed: resolved.seed, images: resolved.images, localImages: resolved.localImages },
      resolved.scanDurationMs,
      resolved.now,
    ),
    faults: new Faults(resolved.seed),
    journal: new Journal(resolved.journalSize),
    nextRequestId: () => ids.hex(32),
  };
  const server = createHttpServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    const started = performance.now();
    const record: JournalRecord = {
      time: context.options.now(),
      request_id: context.nextRequestId(),
      method: req.method ?? "GET",
      path: "",
      query: {},
      operation: null,
      auth: "none",
      status: 0,
      duration_ms: 0,
    };
    const done = () => {
      if (record.path.startsWith("/__mock")) return; // the journal is of HSS traffic, not admin calls
      record.status = res.headersSent ? res.statusCode : 0;
      record.duration_ms = Math.round((performance.now() - started) * 100) / 100;
      context.journal.add(record);
    };
    handle(context, req, res, record).then(done, () => {
      if (!res.headersSent) sendError(res, 500, ERROR_CODES.internal, "Internal server error");
      else res.destroy();
      done();
    });
  });
  server.keepAliveTimeout = 65_000;
  return { server, context };
}

/** A listening mock. */
export interface RunningMock {
  url: string;
  port: number;
  context: MockContext;
  close(): Promise<void>;
}

/** Starts the mock; resolves once it listens. */
export async function startMockServer(options: MockOptions = {}): Promise<RunningMock> {
  const { server, context } = createServer(options);
  const host = options.host ?? "127.0.0.1";
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalRecord,
): Promise<void> {
  res.sendDate = false;
  res.setHeader("X-Request-Id", entry.request_id);
  const method = entry.method;
  const target = req.url ?? "/";
  const { path, query } = splitTarget(target);
  entry.path = path;
  if (path.startsWith("/__mock/") || path === "/__mock")
    return handleAdmin(ctx, req, res, method, path, query);

  const match = matchRoute(method, path);
  if (!match) return sendError(res, 404, ERROR_CODES.notFound, `No API at ${method} ${path}`);
  if ("allowed" in match) {
    req.resume();
    return sendError(
      res,
      405,
      ERROR_CODES.methodNotAllowed,
      `${method} is not allowed on ${path}; use ${match.allowed.join(", ")}`,
      {
        Allow: match.allowed.join(", "),
      },
    );
  }
  const { op } = match.route;
  entry.operation = op.operationId;
  const parsedQuery = parseQuery(query);
  entry.query = parsedQuery.values;

  const pending = readBody(req, ctx.options.maxBodyBytes);
  const body = pending instanceof Buffer ? pending : await pending;
  if (body === undefined) {
    res.setHeader("Connection", "close");
    return sendError(
      res,
      413,
      ERROR_CODES.tooLarge,
      `The request body is larger than ${ctx.options.maxBodyBytes} bytes`,
    );
  }
  const fault = ctx.faults.get(op.operationId);
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
  const decision = ctx.faults.decide(op.operationId);
  if (decision.kind === "drop") {
    req.socket.destroy();
    return;
  }

  const auth = authenticate(
    ctx.options.auth,
    ctx.options.credentials,
    { method, url: target, headers: req.headers, body },
    ctx.options.now(),
  );
  entry.auth = auth.ok ? auth.kind : "failed";
  if (!auth.ok) return sendError(res, 401, ERROR_CODES.auth, auth.message);

  let json: unknown;
  if (op.requestBody) {
    const type = String(req.headers["content-type"] ?? "");
    if (!/^application\/json\s*(;|$)/i.test(type))
      return sendError(
        res,
        400,
        ERROR_CODES.contentType,
        `Content-Type must be application/json (got ${type.slice(0, 100) || "none"})`,
      );
    try {
      json = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    } catch (error) {
      return sendError(
        res,
        400,
        ERROR_CODES.malformedJson,
        `The request body is not valid JSON: ${(error as Error).message.slice(0, 200)}`,
      );
    }
  }
  const parsed = parseRequest(op, match.params, parsedQuery.values, parsedQuery.repeated, req.headers, json);
  if (!parsed.ok)
    return sendError(
      res,
      400,
      ERROR_CODES.validation,
      parsed.violations.map((v) => `${v.field}: ${v.message}`).join("; "),
    );

  if (decision.kind === "throttle")
    return sendError(res, 429, ERROR_CODES.throttled, "The throttling threshold has been reached", {
      "Retry-After": decision.retryAfter,
    });
  if (decision.kind === "error")
    return sendError(
      res,
      decision.status,
      decision.status >= 500 ? ERROR_CODES.internal : ERROR_CODES.validation,
      `Injected fault: HTTP ${decision.status}`,
    );

  const result: HandlerResult =
    op.operationId === "ListVulRepoImage"
      ? listVulRepoImage(ctx.store, match.params as { project_id: string; vul_id: string }, parsed.query)
      : batchScanLocalImage(ctx.store, parsed.query, json as object);
  if (result.status !== 200) return sendError(res, result.status, ERROR_CODES[result.code], result.message);
  if (fault?.malformed) return sendJson(res, 200, malformed(op.operationId));
  if (result.json === "") {
    res.writeHead(200, { "Content-Length": 0 });
    res.end();
    return;
  }
  sendJson(res, 200, result.json);
}

/** A 200 body that breaks the spec (the seed page's own mistake: numbers as strings). */
function malformed(operationId: string): string {
  return operationId === "ListVulRepoImage"
    ? '{"total_num":"1","data_list":[{"namespace":"aaa","image_id":"1","image_name":"x","app_name":"a","version":"1","tag_count":"1","image_type":"public_image","data_list":[]}]}'
    : '{"unexpected":true}';
}
