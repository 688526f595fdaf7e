/**
 * The fetch under openapi-fetch: a per-attempt timeout, the caller's AbortSignal, and retries
 * with exponential backoff and full jitter on network errors, timeouts, 429 (honouring
 * `Retry-After`) and 500/502/503/504. Non-idempotent methods are retried only when asked.
 */
import { HssAbortError, HssNetworkError, HssTimeoutError, redactHeaders } from "./errors.js";

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

/** One call's transport settings. */
export interface TransportContext {
  operation: string;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /**
   * The controller whose signal the request was built with (openapi-fetch's `signal`). The
   * first attempt then sends that request as it is, with no copy; retries build new ones.
   */
  firstAttempt?: AbortController | undefined;
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Creates the retrying, timing-out fetch for one call. */
export function createTransport(
  baseFetch: typeof fetch,
  context: TransportContext,
  onDebug?: (event: DebugEvent) => void,
): (request: Request) => Promise<Response> {
  const { operation, retry, timeoutMs, signal } = context;
  return async (request: Request) => {
    const retriable = IDEMPOTENT.has(request.method) || retry.retryNonIdempotent;
    const attempts = retriable ? Math.max(1, retry.maxAttempts) : 1;
    const reuseFirst = context.firstAttempt !== undefined && (request.body === null || attempts === 1);
    // A body is read once, so that every attempt sends the same bytes without cloning streams.
    const body =
      request.body === null || reuseFirst ? undefined : new Uint8Array(await request.arrayBuffer());
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new HssAbortError(operation, signal.reason);
      const asIs = reuseFirst && attempt === 1;
      const controller = asIs ? (context.firstAttempt as AbortController) : new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const started = onDebug ? performance.now() : 0;
      onDebug?.({
        type: "request",
        operation,
        attempt,
        method: request.method,
        url: request.url,
        headers: redactHeaders(request.headers),
      });
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await baseFetch(
          asIs
            ? request
            : body === undefined
              ? new Request(request, { signal: controller.signal })
              : new Request(request.url, {
                  method: request.method,
                  headers: request.headers,
                  body,
                  redirect: request.redirect,
                  signal: controller.signal,
                }),
        );
        onDebug?.({
          type: "response",
          operation,
          attempt,
          status: response.status,
          requestId: response.headers.get("x-request-id") ?? undefined,
          durationMs: Math.round(performance.now() - started),
          headers: redactHeaders(response.headers),
        });
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= attempts) return response;
        const requestId = response.headers.get("x-request-id");
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) return response;
        await response.body?.cancel().catch(() => {});
        reason = `HTTP ${response.status}${requestId ? ` (request id ${requestId})` : ""}`;
      } catch (error) {
        if (signal?.aborted) throw new HssAbortError(operation, signal.reason);
        const failure = timedOut
          ? new HssTimeoutError(timeoutMs, operation)
          : new HssNetworkError(`${operation}: ${describeNetworkError(error)}`, operation, error);
        onDebug?.({ type: "error", operation, attempt, error: failure.message });
        if (attempt >= attempts) throw failure;
        reason = failure.message;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      const delayMs = retryAfterMs ?? backoffDelay(attempt, retry);
      onDebug?.({ type: "retry", operation, attempt, delayMs, reason });
      try {
        await sleep(delayMs, signal);
      } catch (error) {
        throw new HssAbortError(operation, error);
      }
    }
  };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code
    ? `${error.message} (${cause.code}${cause.message ? `: ${cause.message}` : ""})`
    : error.message;
}
