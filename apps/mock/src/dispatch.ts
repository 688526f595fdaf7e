/**
 * One HSS request, end to end: route by the spec's table, read the body (bounded), faults,
 * authentication, content type and JSON, validation and defaults by the spec, then the
 * operation's handler from the typed map, and its reply on the wire. Every step that refuses
 * answers in HSS's error shape.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type OperationId, type OperationSpec, successOf } from "@hss/client/spec";
import { authenticate } from "./auth.js";
import type { MockContext } from "./context.js";
import { malformedBody } from "./faults.js";
import { handlers } from "./generated/handlers.js";
import type { Handler, HandlerRequest, Reply } from "./handler.js";
import { ERROR_CODES, parseQuery, readBody, sendError, sendJson, sendTooLarge } from "./http.js";
import type { JournalRecord } from "./journal.js";
import { matchRoute, parseRequest } from "./routes.js";

const EMPTY_OK = { "Content-Length": 0 };

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

/** Reads the body within the limit; answers 413 and returns undefined when it is larger. */
async function bodyOf(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Buffer | undefined> {
  const pending = readBody(req, ctx.options.maxBodyBytes);
  const body = pending instanceof Buffer ? pending : await pending;
  if (!("tooLarge" in body)) return body;
  sendTooLarge(res, body, `The request body is larger than ${ctx.options.maxBodyBytes} bytes`);
  return undefined;
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
    res.writeHead(success.status, EMPTY_OK);
    res.end();
  }
}

/** Handles one request to an HSS route. */
export async function handleHss(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: JournalRecord,
  path: string,
  query: string,
): Promise<void> {
  const method = entry.method;
  const match = matchRoute(method, path);
  if (!match) return sendError(res, 404, ERROR_CODES.notFound, `No API at ${method} ${path}`);
  if ("allowed" in match) {
    req.resume();
    const allowed = match.allowed.join(", ");
    return sendError(
      res,
      405,
      ERROR_CODES.methodNotAllowed,
      `${method} is not allowed on ${path}; use ${allowed}`,
      {
        Allow: allowed,
      },
    );
  }
  const { op } = match.route;
  entry.operation = op.operationId;
  const parsedQuery = parseQuery(query);
  entry.query = parsedQuery.values;

  const body = await bodyOf(ctx, req, res);
  if (body === undefined) return;
  const fault = ctx.faults.get(op.operationId);
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
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
  const parsed = parseRequest(
    op,
    match.params,
    parsedQuery.values,
    parsedQuery.repeated,
    req.headers,
    parsedBody.json,
  );
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
  send(res, op, handler(request as HandlerRequest<OperationId>, ctx), fault?.malformed === true);
}
