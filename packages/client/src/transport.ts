/**
 * The fetch under openapi-fetch, and the one place that owns a request's fate on the wire:
 *
 * - authentication of each attempt, right before it leaves (fresh signature per retry);
 * - a deadline per attempt that covers the response headers AND the whole body (a server that
 *   stalls mid-body times out like one that never answers), and optionally one over the whole
 *   call, retries and backoff included;
 * - the caller's AbortSignal (from call options or the Request itself) at every step;
 * - redirects refused (never followed: they would carry credentials and the body elsewhere);
 * - a cap on the size of a response body;
 * - retries with exponential backoff and full jitter on network errors (a broken body
 *   included), timeouts, 429 (honouring `Retry-After`) and 500/502/503/504; non-idempotent
 *   methods only when asked.
 *
 * The Response it returns holds the complete body in memory, so nothing downstream can hang.
 */
import type { Authenticate } from "./auth.js";
import {
  HssAbortError,
  type HssError,
  HssNetworkError,
  HssRedirectError,
  HssResponseError,
  HssTimeoutError,
} from "./errors.js";
import { redactHeaders } from "./redact.js";

/** Retry policy. */
export interface RetryOptions {
  /** Attempts in all, first one included (1 = no retry). Default 3. */
  maxAttempts?: number;
  /** First backoff ceiling in ms; doubles each retry. Default 200. */
  baseDelayMs?: number;
  /** Longest wait between attempts, and the longest `Retry-After` honoured, in ms. Default 20000. */
  maxDelayMs?: number;
  /** Retry POST and other non-idempotent calls too. Default false: a batch scan is not repeated. */
  retryNonIdempotent?: boolean;
}

/** What the debug hook sees; headers are always redacted. */
export type DebugEvent =
  | {
      type: "request";
      operation: string;
      attempt: number;
      method: string;
      url: string;
      headers: Record<string, string>;
    }
  | {
      type: "response";
      operation: string;
      attempt: number;
      status: number;
      requestId: string | undefined;
      durationMs: number;
      headers: Record<string, string>;
    }
  | { type: "retry"; operation: string; attempt: number; delayMs: number; reason: string }
  | { type: "error"; operation: string; attempt: number; error: string };

/** What every call of one client shares. */
export interface TransportSettings {
  fetch: typeof fetch;
  authenticate: Authenticate | undefined;
  onDebug: ((event: DebugEvent) => void) | undefined;
  /** Largest response body accepted, bytes. */
  maxResponseBytes: number;
  /** Sent as `User-Agent` unless the request has one. */
  userAgent: string | undefined;
}

/** One call's policy. */
export interface CallPolicy {
  operation: string;
  retry: Required<RetryOptions>;
  /** Deadline of each attempt, headers and body, ms. */
  timeoutMs: number;
  /** Deadline of the whole call, attempts and backoff included, ms; none when undefined. */
  totalTimeoutMs: number | undefined;
  signal: AbortSignal | undefined;
}

/** The defaults of the retry policy. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  retryNonIdempotent: false,
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** The signature each returned Response was sent with, so that an echo of it can be redacted. */
export const sentSignatures = new WeakMap<Response, string>();

/** Parses `Retry-After` (seconds or an HTTP date) into ms; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter backoff: a random wait in [0, min(max, base * 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: Required<RetryOptions>, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Marks an attempt's own deadline, so its abort is told apart from the caller's. */
class Deadline {
  readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  constructor(ms: number) {
    this.timer = setTimeout(() => this.controller.abort(this), ms);
  }
  get expired(): boolean {
    return this.controller.signal.aborted;
  }
  clear(): void {
    clearTimeout(this.timer);
  }
}

class TooLarge extends Error {}

/** Reads a whole body, up to `limit` bytes. */
async function readBody(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw new TooLarge();
  }
  if (!Number.isNaN(declared)) return new Uint8Array(await response.arrayBuffer());
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Where a redirect points, safe to show: scheme, host and path (no credentials, no query). */
function redirectTarget(response: Response, base: string): string | undefined {
  const location = response.headers.get("location");
  if (!location) return undefined;
  try {
    const url = new URL(location, base);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/** What one attempt came to: an answer to return, or a failure to retry after (maybe with the answer). */
type Outcome =
  | { kind: "answer"; response: Response; retryable: boolean; retryAfterMs: number | undefined }
  | { kind: "failed"; failure: HssError };

/** One call's request, read once: every attempt sends (and signs) the same bytes. */
interface Prepared {
  request: Request;
  body: Uint8Array<ArrayBuffer> | undefined;
  signal: AbortSignal;
}

/** One attempt: authenticate, send within the deadline, read the whole body within it too. */
async function attempt(
  settings: TransportSettings,
  policy: CallPolicy,
  call: Prepared,
  n: number,
  timeoutMs: number,
): Promise<Outcome> {
  const { request, body } = call;
  const { operation } = policy;
  const headers = new Headers(request.headers);
  if (settings.userAgent && !headers.has("user-agent")) headers.set("user-agent", settings.userAgent);
  const signature = settings.authenticate?.({ method: request.method, url: request.url, headers, body });
  const deadline = new Deadline(timeoutMs);
  const started = settings.onDebug ? performance.now() : 0;
  settings.onDebug?.({
    type: "request",
    operation,
    attempt: n,
    method: request.method,
    url: request.url,
    headers: redactHeaders(headers),
  });
  try {
    const response = await settings.fetch(request.url, {
      method: request.method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.any([call.signal, deadline.controller.signal]),
    });
    settings.onDebug?.({
      type: "response",
      operation,
      attempt: n,
      status: response.status,
      requestId: response.headers.get("x-request-id") ?? undefined,
      durationMs: Math.round(performance.now() - started),
      headers: redactHeaders(response.headers),
    });
    if (
      response.type === "opaqueredirect" ||
      (response.status >= 300 && response.status < 400 && response.status !== 304)
    ) {
      await response.body?.cancel().catch(() => {});
      throw new HssRedirectError(response.status, redirectTarget(response, request.url), operation);
    }
    const bytes = await readBody(response, settings.maxResponseBytes);
    return {
      kind: "answer",
      response: complete(response, bytes, request.method, signature),
      retryable: RETRYABLE_STATUS.has(response.status),
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    };
  } catch (error) {
    if (call.signal.aborted) throw new HssAbortError(operation, call.signal.reason);
    if (error instanceof HssRedirectError) throw error;
    if (error instanceof TooLarge)
      throw new HssResponseError({
        status: 0,
        operation,
        reason: `a body larger than ${settings.maxResponseBytes} bytes (not read)`,
        requestId: undefined,
      });
    const failure = deadline.expired
      ? new HssTimeoutError(policy.timeoutMs, operation)
      : new HssNetworkError(`${operation}: ${describeNetworkError(error)}`, operation, error);
    settings.onDebug?.({ type: "error", operation, attempt: n, error: failure.message });
    return { kind: "failed", failure };
  } finally {
    deadline.clear();
  }
}

/** Creates the fetch of one call: attempts, and between them the backoff, within the call's deadline. */
export function createTransport(
  settings: TransportSettings,
  policy: CallPolicy,
): (request: Request) => Promise<Response> {
  const { operation, retry } = policy;
  return async (request: Request) => {
    const started = Date.now();
    const signal = policy.signal ? AbortSignal.any([request.signal, policy.signal]) : request.signal;
    const aborted = () => new HssAbortError(operation, signal.reason);
    const attempts =
      IDEMPOTENT.has(request.method) || retry.retryNonIdempotent ? Math.max(1, retry.maxAttempts) : 1;
    const remaining = () =>
      policy.totalTimeoutMs === undefined
        ? Number.POSITIVE_INFINITY
        : policy.totalTimeoutMs - (Date.now() - started);
    const call: Prepared = {
      request,
      body: request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()),
      signal,
    };
    for (let n = 1; ; n++) {
      if (signal.aborted) throw aborted();
      const outcome = await attempt(
        settings,
        policy,
        call,
        n,
        Math.min(policy.timeoutMs, Math.max(1, remaining())),
      );
      /** A retryable answer is returned as it is when no retry fits. */
      const answer = outcome.kind === "answer" ? outcome.response : undefined;
      if (outcome.kind === "answer" && (!outcome.retryable || n >= attempts)) return outcome.response;
      if (outcome.kind === "failed" && n >= attempts) throw outcome.failure;
      const retryAfterMs = outcome.kind === "answer" ? outcome.retryAfterMs : undefined;
      if (answer && retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) return answer;
      const reason =
        outcome.kind === "failed"
          ? outcome.failure.message
          : `HTTP ${outcome.response.status}${outcome.response.headers.get("x-request-id") ? ` (request id ${outcome.response.headers.get("x-request-id")})` : ""}`;
      const delayMs = retryAfterMs ?? backoffDelay(n, retry);
      if (delayMs >= remaining()) {
        if (answer) return answer;
        throw (outcome as { failure: HssError }).failure;
      }
      settings.onDebug?.({ type: "retry", operation, attempt: n, delayMs, reason });
      try {
        await sleep(delayMs, signal);
      } catch {
        throw aborted();
      }
    }
  };
}

/** A Response over the bytes already read. */
function complete(
  response: Response,
  bytes: Uint8Array<ArrayBuffer>,
  method: string,
  signature: string | undefined,
): Response {
  const empty = NULL_BODY_STATUS.has(response.status) || method === "HEAD";
  const out = new Response(empty ? null : bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  if (signature) sentSignatures.set(out, signature);
  return out;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code
    ? `${error.message} (${cause.code}${cause.message ? `: ${cause.message}` : ""})`
    : error.message;
}
