/** HTTP helpers of the mock: HSS-style answers and bounded body reading. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** HSS-style error codes the mock answers with. */
export const ERROR_CODES = {
  validation: "HSS.0001",
  malformedJson: "HSS.0002",
  contentType: "HSS.0003",
  auth: "APIGW.0301",
  notFound: "APIGW.0101",
  forbidden: "HSS.0004",
  methodNotAllowed: "APIGW.0105",
  tooLarge: "APIGW.0201",
  throttled: "APIGW.0308",
  internal: "HSS.0010",
} as const;

/** Where the server keeps a response's request id, for the one `writeHead` of its answer. */
const REQUEST_ID = Symbol("hss-mock request id");
type Tagged = ServerResponse & { [REQUEST_ID]?: string };

/** Sets the `X-Request-Id` an answer on `res` will carry (sent with its other headers, in one go). */
export function tagResponse(res: ServerResponse, requestId: string): void {
  (res as Tagged)[REQUEST_ID] = requestId;
}

const NO_HEADERS: Record<string, string | number> = {};

/**
 * The head of an answer, request id first, as one object for `writeHead`: with no header set
 * before it, Node builds the head straight from it (no per-header `setHeader`).
 */
function head(
  res: ServerResponse,
  fields: Record<string, string | number>,
  extra: Record<string, string | number>,
) {
  const id = (res as Tagged)[REQUEST_ID];
  const out: Record<string, string | number> = id === undefined ? {} : { "X-Request-Id": id };
  for (const name in fields) out[name] = fields[name] as string | number;
  for (const name in extra) out[name] = extra[name] as string | number;
  return out;
}

/** Writes a JSON answer (the body already serialized), encoding a string to UTF-8 once. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string | number> = NO_HEADERS,
): void {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(
    status,
    head(res, { "Content-Type": "application/json;charset=UTF-8", "Content-Length": bytes.length }, headers),
  );
  res.end(bytes);
}

/** Writes an answer without a body. */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, head(res, { "Content-Length": 0 }, NO_HEADERS));
  res.end();
}

/** Writes an HSS error body `{error_code, error_msg}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string | number> = {},
): void {
  sendJson(res, status, JSON.stringify({ error_code: code, error_msg: message }), headers);
}

const EMPTY = Buffer.alloc(0);

/**
 * Bytes past the limit that are read and thrown away so that the 413 reaches the client on a
 * connection that stays open: closing a socket with unread data makes the kernel send a reset,
 * and a client still writing its body would see that instead of the answer (RFC 9112 §9.6).
 * A body larger still is answered at once and its connection closed.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;

/** A body over the limit: `drained` when it was read to its end (the connection can stay open). */
export interface TooLarge {
  tooLarge: true;
  drained: boolean;
}

/** Reads a body up to `limit` bytes; a `TooLarge` when it is larger. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | TooLarge> | Buffer {
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3).
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined)
    return EMPTY;
  return new Promise((resolve, reject) => {
    const undrained: TooLarge = { tooLarge: true, drained: false };
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit + DRAIN_BYTES) {
      req.resume();
      resolve(undrained);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + DRAIN_BYTES) {
        req.off("data", onData);
        resolve(undrained);
      } else chunks.length = 0;
    };
    req.on("data", onData);
    req.on("end", () => resolve(size > limit ? { tooLarge: true, drained: true } : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Answers 413 for a body over the limit; closes the connection after it unless the body was drained. */
export function sendTooLarge(res: ServerResponse, tooLarge: TooLarge, message: string): void {
  if (!tooLarge.drained) res.setHeader("Connection", "close");
  sendError(res, 413, ERROR_CODES.tooLarge, message);
}

/**
 * The origin-form of a request target (RFC 9112 §3.2): an absolute-form target
 * (`http://user:pass@host/path?q`, as proxies are sent) loses its scheme and authority, and any
 * other form its userinfo, so that neither the journal nor an error message ever holds a password.
 */
export function originForm(target: string): string {
  if (target.startsWith("/")) return target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) {
    const rest = target.slice(absolute[0].length);
    return rest.startsWith("/") ? rest : `/${rest}`;
  }
  const end = target.search(/[/?#]/);
  const authority = end < 0 ? target : target.slice(0, end);
  const at = authority.lastIndexOf("@");
  return at < 0 ? target : target.slice(at + 1);
}

/** Splits a request target into its decoded path segments and raw query string. */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf("?");
  return q < 0 ? { path: target, query: "" } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/**
 * Decodes a query string into name/value pairs (a Map: `__proto__`, `constructor` or `toString`
 * are names like any other); a repeated name keeps its last value and is reported.
 */
export function parseQuery(query: string): { values: Map<string, string>; repeated: string[] } {
  const values = new Map<string, string>();
  const repeated: string[] = [];
  if (!query) return { values, repeated };
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = decodeLenient(eq < 0 ? part : part.slice(0, eq));
    if (values.has(name)) repeated.push(name);
    values.set(name, eq < 0 ? "" : decodeLenient(part.slice(eq + 1)));
  }
  return { values, repeated };
}

/** decodeURIComponent that treats `+` as a space and keeps malformed escapes as they are. */
export function decodeLenient(text: string): string {
  const spaced = text.includes("+") ? text.replace(/\+/g, " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
