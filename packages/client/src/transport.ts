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
  /** `fetch` is the user's own: it gets `init.headers` as a `Headers`, as it always did. */
  ownFetch: boolean;
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
  // Only an HTTP date (each of its three forms starts with a day name): Date.parse would also
  // read "1.5" or "12" as dates in 2001, that is, as no wait at all.
  const text = value.trim();
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  // HTTP dates are GMT; asctime's form does not say so, and would be read as local time.
  const date = Date.parse(/ GMT$/.test(text) ? text : `${text} GMT`);
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

/**
 * An attempt's own deadline, and the one place its abort comes from: the timer, or the
 * caller's signal (through `follow`). Its controller's signal goes to fetch; a body read waits
 * on `aborted()`, a promise rejected by the same abort, so no listener is added to the signal
 * (an EventTarget listener per call costs more than the rest of the attempt's bookkeeping).
 */
class Deadline {
  readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private reject: ((reason: unknown) => void) | undefined;
  private done = false;
  constructor(ms: number) {
    this.timer = setTimeout(() => this.abort(this), ms);
  }
  get expired(): boolean {
    return this.controller.signal.aborted;
  }
  abort(reason: unknown): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.controller.abort(reason);
    this.reject?.(reason);
  }
  /** A promise that rejects when the attempt is aborted (never resolves). */
  aborted(): Promise<never> {
    const promise = this.done
      ? Promise.reject(this.controller.signal.reason)
      : new Promise<never>((_, reject) => {
          this.reject = reject;
        });
    promise.catch(() => {});
    return promise;
  }
  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}

/** A body over the limit, with the answer it came with (its status and request id go in the error). */
class TooLarge extends Error {
  constructor(readonly response: Response) {
    super("too large");
  }
}

/**
 * Reads a whole body, up to `limit` bytes as decoded, and gives up when `signal` aborts even if
 * the fetch in use does not tie its body to the signal. `Content-Length` is trusted to read in
 * one go only when the body is not content-encoded (a compressed body's length says nothing of
 * what it expands to).
 */
async function readBody(
  response: Response,
  limit: number,
  deadline: Deadline,
): Promise<Uint8Array<ArrayBuffer>> {
  // No body at all (HEAD, 204, 304): a Content-Length there is what a GET would get, not sent.
  if (!response.body) return new Uint8Array(0);
  const encoded = (response.headers.get("content-encoding") ?? "identity").toLowerCase() !== "identity";
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (!encoded && declared > limit) {
    await response.body.cancel().catch(() => {});
    throw new TooLarge(response);
  }
  const aborted = deadline.aborted();
  {
    if (!encoded && !Number.isNaN(declared))
      return new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
    const reader = response.body.getReader();
    aborted.catch(() => reader.cancel().catch(() => {}));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new TooLarge(response);
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

/** A request as the transport sends it: every attempt sends (and signs) the same bytes. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
  /** The request's own signal (openapi-fetch's `init.signal`), besides the call's. */
  signal?: AbortSignal | undefined;
}

/** What the service answered: status and headers, the whole body, and the signature sent. */
export interface Answer {
  /** The response as it arrived; its body has been read into `bytes`. */
  response: Response;
  bytes: Uint8Array<ArrayBuffer>;
  signature: string | undefined;
}

/** What one attempt came to: an answer, or a failure to retry after. */
type Outcome = { kind: "answer"; answer: Answer } | { kind: "failed"; failure: HssError };

const NOTHING = () => {};

/** Headers as a plain record by lower-case name (no prototype: a header named `constructor` is one like any other). */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

const isRedirect = (response: Response) =>
  response.type === "opaqueredirect" ||
  (response.status >= 300 && response.status < 400 && response.status !== 304);

/**
 * The caller's abort, carried into one attempt's controller (one listener per signal, removed
 * after: no signal is shared by concurrent calls, so none collects listeners).
 */
function follow(
  signals: readonly (AbortSignal | undefined)[],
  controller: { abort(reason?: unknown): void },
): () => void {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.length === 0) return NOTHING;
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const signal of live) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", onAbort, { once: true });
  }
  return () => {
    for (const signal of live) signal.removeEventListener("abort", onAbort);
  };
}

/** One attempt: authenticate, send within the deadline, read the whole body within it too. */
async function attempt(
  settings: TransportSettings,
  policy: CallPolicy,
  out: Outgoing,
  n: number,
  timeoutMs: number,
): Promise<Outcome> {
  const { operation } = policy;
  // With nothing to add, the request's headers go as they are. Otherwise each attempt signs its own
  // plain record of them (a Headers copy would be sorted again at each change, and copied again by
  // fetch); a fetch of the user's own gets that record back as a Headers.
  let headers: Headers | Record<string, string> = out.headers;
  let signature: string | undefined;
  const addAgent = settings.userAgent !== undefined && !out.headers.has("user-agent");
  if (settings.authenticate || addAgent) {
    const record = headerRecord(out.headers);
    if (addAgent) record["user-agent"] = settings.userAgent as string;
    signature = settings.authenticate?.({
      method: out.method,
      url: out.url,
      headers: record,
      body: out.body,
    });
    headers = settings.ownFetch ? new Headers(record) : record;
  }
  const deadline = new Deadline(timeoutMs);
  const unfollow = follow([policy.signal, out.signal], deadline);
  const started = settings.onDebug ? performance.now() : 0;
  settings.onDebug?.({
    type: "request",
    operation,
    attempt: n,
    method: out.method,
    url: out.url,
    headers: redactHeaders(headers),
  });
  try {
    const response = await settings.fetch(out.url, {
      method: out.method,
      headers,
      body: out.body,
      redirect: "manual",
      signal: deadline.controller.signal,
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
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      throw new HssRedirectError(response.status, redirectTarget(response, out.url), operation);
    }
    const bytes = await readBody(response, settings.maxResponseBytes, deadline);
    return { kind: "answer", answer: { response, bytes, signature } };
  } catch (error) {
    const caller = [policy.signal, out.signal].find((s) => s?.aborted);
    if (caller) throw new HssAbortError(operation, caller.reason);
    if (error instanceof HssRedirectError) throw error;
    if (error instanceof TooLarge)
      throw new HssResponseError({
        status: error.response.status,
        operation,
        reason: `a body larger than ${settings.maxResponseBytes} bytes (not read)`,
        requestId: error.response.headers.get("x-request-id") ?? undefined,
      });
    const failure = deadline.expired
      ? new HssTimeoutError(timeoutMs, operation)
      : new HssNetworkError(`${operation}: ${describeNetworkError(error)}`, operation, error);
    settings.onDebug?.({ type: "error", operation, attempt: n, error: failure.message });
    return { kind: "failed", failure };
  } finally {
    unfollow();
    deadline.clear();
  }
}

const describeAnswer = (response: Response) => {
  const id = response.headers.get("x-request-id");
  return `HTTP ${response.status}${id ? ` (request id ${id})` : ""}`;
};

/** Sends a request: attempts, and between them the backoff, within the call's deadline. */
export async function transmit(
  settings: TransportSettings,
  policy: CallPolicy,
  out: Outgoing,
): Promise<Answer> {
  const { operation, retry } = policy;
  const started = Date.now();
  const aborted = () => {
    const signal = [policy.signal, out.signal].find((s) => s?.aborted);
    return new HssAbortError(operation, signal?.reason);
  };
  const attempts =
    IDEMPOTENT.has(out.method) || retry.retryNonIdempotent ? Math.max(1, retry.maxAttempts) : 1;
  const remaining = () =>
    policy.totalTimeoutMs === undefined
      ? Number.POSITIVE_INFINITY
      : policy.totalTimeoutMs - (Date.now() - started);
  let last: Answer | undefined;
  for (let n = 1; ; n++) {
    if (policy.signal?.aborted || out.signal?.aborted) throw aborted();
    const budget = remaining();
    const outcome = await attempt(settings, policy, out, n, Math.min(policy.timeoutMs, Math.max(1, budget)));
    // The call's deadline, not the attempt's own, cut this attempt short: the last answer the
    // server gave stands (a 503 stays a 503); with none, the call timed out as a whole.
    if (
      outcome.kind === "failed" &&
      outcome.failure instanceof HssTimeoutError &&
      budget < policy.timeoutMs
    ) {
      if (last) return last;
      throw new HssTimeoutError(policy.totalTimeoutMs as number, operation, "totalTimeoutMs");
    }
    const answer = outcome.kind === "answer" ? outcome.answer : undefined;
    if (answer) last = answer;
    if (answer && (!RETRYABLE_STATUS.has(answer.response.status) || n >= attempts)) return answer;
    if (outcome.kind === "failed" && n >= attempts) throw outcome.failure;
    // A retryable answer is returned as it is when no retry is due or fits in the time left.
    const retryAfterMs = answer ? parseRetryAfter(answer.response.headers.get("retry-after")) : undefined;
    if (answer && retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) return answer;
    const delayMs = retryAfterMs ?? backoffDelay(n, retry);
    if (delayMs >= remaining()) {
      if (answer) return answer;
      throw (outcome as { failure: HssError }).failure;
    }
    const reason = answer
      ? describeAnswer(answer.response)
      : (outcome as { failure: HssError }).failure.message;
    settings.onDebug?.({ type: "retry", operation, attempt: n, delayMs, reason });
    const wait = new AbortController();
    const unfollow = follow([policy.signal, out.signal], wait);
    try {
      await sleep(delayMs, wait.signal);
    } catch {
      throw aborted();
    } finally {
      unfollow();
    }
  }
}

/** The fetch under openapi-fetch (`client.raw`): the Request as an Outgoing, the answer as a new Response. */
export function createTransport(
  settings: TransportSettings,
  policy: CallPolicy,
): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const out = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
      signal: request.signal,
    };
    return toResponse(await transmit(settings, policy, out), request.method);
  };
}

/** A Response over the bytes already read. */
export function toResponse({ response, bytes, signature }: Answer, method: string): Response {
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
