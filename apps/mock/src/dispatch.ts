/**
 * One HSS request, end to end: route by the spec's table, read the body (bounded), faults,
 * authentication, content type and JSON, validation and defaults by the spec, then the
 * operation's handler from the typed map, and its reply on the wire. Every step that refuses
 * answers in HSS's error shape.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type OperationId, type OperationSpec, operationList, successOf } from "@hss/client/spec";
import { authenticate } from "./auth.js";
import type { MockContext } from "./context.js";
import { malformedBody } from "./faults.js";
import { handlers } from "./generated/handlers.js";
import type { Handler, HandlerRequest, Reply } from "./handler.js";
import { ERROR_CODES, parseQuery, readBody, sendEmpty, sendError, sendJson, sendTooLarge } from "./http.js";
import type { JournalRecord } from "./journal.js";
import { matchRoute, parseRequest } from "./routes.js";

/**
 * What a signature must cover when sent, beyond host and X-Sdk-Date: the project header Huawei's
 * SDKs add, and the operation's header parameters (`region`), which change what a request means.
 */
const mustSign = new WeakMap<OperationSpec, string[]>();
function mustSignOf(op: OperationSpec): string[] {
  let names = mustSign.get(op);
  if (!names) {
    names = [
      "x-project-id",
      ...op.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
    ];
    mustSign.set(op, names);
  }
  return names;
}

/** The JSON body of an operation that takes one; answers 400 and returns `false` when unusable. */
function jsonOf(
  op: OperationSpec,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): { json: unknown } | false {
  if (!op.requestBody) return { json: undefined };
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    sendError(
      res,
      400,
      ERROR_CODES.contentType,
      `Content-Type must be application/json (got ${type.slice(0, 100) || "none"})`,
    );
    return false;
  }
  try {
    return { json: body.length ? JSON.parse(body.toString("utf8")) : undefined };
  } catch (error) {
    sendError(
      res,
      400,
      ERROR_CODES.malformedJson,
      `The request body is not valid JSON: ${(error as Error).message.slice(0, 200)}`,
    );
    return false;
  }
}

/** The HSS error code of a status a handler answers with. */
function errorCode(status: number): string {
  const known: Record<number, string> = {
    400: ERROR_CODES.validation,
    401: ERROR_CODES.auth,
    403: ERROR_CODES.forbidden,
    404: ERROR_CODES.notFound,
    429: ERROR_CODES.throttled,
  };
  return known[status] ?? (status >= 500 ? ERROR_CODES.internal : `HSS.${status}`);
}

/** Puts a handler's reply on the wire, with the operation's documented success status. */
function send(res: ServerResponse, op: OperationSpec, reply: Reply<OperationId>, malformed: boolean): void {
  const success = successOf(op);
  if (reply.kind === "error") sendError(res, reply.status, errorCode(reply.status), reply.message);
  else if (malformed) sendJson(res, success.status, malformedBody(success.schema));
  else if (reply.kind === "json") sendJson(res, success.status, reply.json);
  else if (reply.body !== undefined && success.status !== 204)
    sendJson(res, success.status, JSON.stringify(reply.body));
  else {
    sendEmpty(res, success.status);
  }
}

/**
 * Parsed requests of operations without a body, by everything parsing reads (the operation, its
 * path, query string and header parameters): parsing and validating a request is a pure
 * function of those, so a repeated request is parsed once. Small and bounded; long keys are not
 * kept (they would hold what clients send).
 */
const PARSED_CACHE_SIZE = 256;
const MAX_PARSED_KEY = 1024;
type Parsed = Extract<ReturnType<typeof parseRequest>, { ok: true }>;
interface Seen {
  op: OperationSpec;
  params: Record<string, string>;
  /** The query as sent, decoded (the journal keeps it; nothing changes it). */
  values: ReadonlyMap<string, string>;
  parsed: Parsed;
}
const parsedCache = new Map<string, Seen>();

/** Every header parameter of the spec's operations (what parsing reads of the headers). */
const HEADER_PARAMETERS = [
  ...new Set(
    operationList().flatMap((op) =>
      op.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
    ),
  ),
];

/**
 * The cache key of a request: everything routing and parsing read (the method, the target as
 * sent, which is the path and query, and the header parameters); undefined when too long to keep.
 */
function keyOf(method: string, target: string, req: IncomingMessage): string | undefined {
  if (target.length > MAX_PARSED_KEY) return undefined;
  let key = `${method} ${target}`;
  for (const name of HEADER_PARAMETERS) key += `\n${req.headers[name] ?? "\u0000"}`;
  return key.length > MAX_PARSED_KEY ? undefined : key;
}

/**
 * What a repeated request is handed: the first one's parameters, copied and frozen once, so
 * that no handler can change what the next request is given (handlers only read them).
 */
const frozen = (p: Parsed): Parsed =>
  Object.freeze({
    ok: true,
    path: Object.freeze({ ...p.path }),
    query: Object.freeze({ ...p.query }),
    header: Object.freeze({ ...p.header }),
  });

const NO_QUERY: ReadonlyMap<string, string> = new Map();

/** What is known of a request once routed. */
interface Routed {
  op: OperationSpec;
  params: Record<string, string>;
  query: { values: Map<string, string>; repeated: string[] } | undefined;
  key: string | undefined;
  seen: Seen | undefined;
}

/**
 * Handles one request to an HSS route: synchronously when nothing has to be waited for (no body
 * to read, no injected latency), so a plain GET is answered in the tick it arrived in;
 * otherwise it returns a promise of its end.
 */
export function handleHss(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalRecord,
  path: string,
  query: string,
): Promise<void> | undefined {
  const method = entry.method;
  const key = keyOf(method, req.url ?? "/", req);
  const seen = key === undefined ? undefined : parsedCache.get(key);
  let routed: Routed;
  if (seen) {
    routed = { op: seen.op, params: seen.params, query: undefined, key, seen };
    entry.query = seen.values;
  } else {
    const match = matchRoute(method, path);
    // The journal keeps the query of a request no operation answers too (what was asked, and why not).
    if (!match || "allowed" in match) entry.query = query ? parseQuery(query).values : NO_QUERY;
    if (!match) {
      sendError(res, 404, ERROR_CODES.notFound, `No API at ${method} ${path}`);
      return;
    }
    if ("allowed" in match) {
      req.resume();
      const allowed = match.allowed.join(", ");
      sendError(
        res,
        405,
        ERROR_CODES.methodNotAllowed,
        `${method} is not allowed on ${path}; use ${allowed}`,
        {
          Allow: allowed,
        },
      );
      return;
    }
    // Requests with a body are parsed every time (what is valid depends on the body).
    const cacheable = !match.route.op.requestBody;
    const parsedQuery = parseQuery(query);
    routed = {
      op: match.route.op,
      params: match.params,
      query: parsedQuery,
      key: cacheable ? key : undefined,
      seen: undefined,
    };
    entry.query = query ? parsedQuery.values : NO_QUERY;
  }
  entry.operation = routed.op.operationId;

  const pending = readBody(req, ctx.options.maxBodyBytes);
  if (!(pending instanceof Promise)) return withBody(ctx, req, res, entry, routed, pending);
  return pending.then((body) => {
    if ("tooLarge" in body)
      sendTooLarge(res, body, `The request body is larger than ${ctx.options.maxBodyBytes} bytes`);
    else return withBody(ctx, req, res, entry, routed, body);
  });
}

/** The rest of a request once its body is read: faults (latency waits), then the answer. */
function withBody(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalRecord,
  routed: Routed,
  body: Buffer,
): Promise<void> | undefined {
  const fault = ctx.faults.get(routed.op.operationId);
  if (fault?.latencyMs)
    return new Promise<void>((r) => setTimeout(r, fault.latencyMs)).then(() =>
      answer(ctx, req, res, entry, routed, body, fault.malformed === true),
    );
  answer(ctx, req, res, entry, routed, body, fault?.malformed === true);
}

/** Faults, authentication, body, parameters, then the handler's reply. */
function answer(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalRecord,
  routed: Routed,
  body: Buffer,
  malformed: boolean,
) {
  const { op } = routed;
  const method = entry.method;
  const decision = ctx.faults.decide(op.operationId);
  if (decision.kind === "drop") return void req.socket.destroy();

  const auth = authenticate(
    ctx.options.auth,
    ctx.options.credentials,
    { method, url: req.url ?? "/", headers: req.headers, body },
    ctx.options.now(),
    mustSignOf(op),
  );
  entry.auth = auth.ok ? auth.kind : "failed";
  if (!auth.ok) return sendError(res, 401, ERROR_CODES.auth, auth.message);

  const parsedBody = jsonOf(op, req, res, body);
  if (!parsedBody) return;
  let parsed: ReturnType<typeof parseRequest>;
  if (routed.seen) parsed = routed.seen.parsed;
  else {
    const q = routed.query ?? parseQuery("");
    parsed = parseRequest(op, routed.params, q.values, q.repeated, req.headers, parsedBody.json);
    if (routed.key !== undefined && parsed.ok) {
      parsedCache.set(routed.key, {
        op,
        params: routed.params,
        values: entry.query,
        parsed: frozen(parsed),
      });
      if (parsedCache.size > PARSED_CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value as string);
    }
  }
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
  if (decision.kind === "error") {
    const code = decision.status >= 500 ? ERROR_CODES.internal : ERROR_CODES.validation;
    return sendError(res, decision.status, code, `Injected fault: HTTP ${decision.status}`);
  }
  const handler = handlers[op.operationId as OperationId] as Handler<OperationId>;
  const request = {
    operation: op,
    path: parsed.path,
    query: parsed.query,
    header: parsed.header,
    body: parsedBody.json,
  };
  send(res, op, handler(request as HandlerRequest<OperationId>, ctx), malformed);
}
