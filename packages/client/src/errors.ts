/**
 * The client's errors. Each has a stable `code`; none ever holds a secret: messages are built
 * from known fields, and text from the server passes through `redact` first.
 */

import type { Violation } from "./spec/validate.js";

/** Base class of every error the client throws or returns. */
export class HssError extends Error {
  /** The class's name, stated (bundlers rename classes; `name` must survive them). */
  override name = "HssError";
  /** Stable machine-readable kind: `API_ERROR`, `RESPONSE_ERROR`, `REDIRECT`, `NETWORK_ERROR`, `TIMEOUT`, `ABORTED`, `VALIDATION_ERROR`, `CONFIG_ERROR`. */
  readonly code: string;
  /** The operationId of the call, when there is one. */
  readonly operation: string | undefined;
  constructor(code: string, message: string, operation?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.operation = operation;
  }
}

/** The service answered with an error status (4xx/5xx). */
export class HssApiError extends HssError {
  override name = "HssApiError";
  /** HTTP status. */
  readonly status: number;
  /** HSS or gateway error code, e.g. `APIGW.0301`; `HTTP.<status>` when the body had none. */
  readonly errorCode: string;
  /** The service's message. */
  readonly errorMsg: string;
  /** The `X-Request-Id` of the failed request; quote it to support. */
  readonly requestId: string | undefined;
  constructor(init: {
    status: number;
    errorCode: string;
    errorMsg: string;
    requestId: string | undefined;
    operation: string;
  }) {
    super(
      "API_ERROR",
      `${init.operation} failed: HTTP ${init.status} ${init.errorCode}: ${init.errorMsg}` +
        (init.requestId ? ` (request id ${init.requestId})` : ""),
      init.operation,
    );
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMsg = init.errorMsg;
    this.requestId = init.requestId;
  }
}

/**
 * A success status whose body breaks the spec (a field of the wrong type, missing, or not JSON),
 * or a body larger than the client accepts: nothing is passed on as typed data.
 */
export class HssResponseError extends HssError {
  override name = "HssResponseError";
  /** HTTP status. */
  readonly status: number;
  /** Every way the body breaks the spec's schema (empty when it was not JSON or too large). */
  readonly violations: readonly Violation[];
  /** The `X-Request-Id` of the request. */
  readonly requestId: string | undefined;
  constructor(init: {
    status: number;
    operation: string;
    reason: string;
    violations?: readonly Violation[];
    requestId: string | undefined;
  }) {
    super(
      "RESPONSE_ERROR",
      `${init.operation}: the service answered HTTP ${init.status} with ${init.reason}` +
        (init.requestId ? ` (request id ${init.requestId})` : ""),
      init.operation,
    );
    this.status = init.status;
    this.violations = init.violations ?? [];
    this.requestId = init.requestId;
  }
}

/**
 * The endpoint answered a redirect. The client never follows one: a redirect to another host
 * would carry the token, the signature and the body there.
 */
export class HssRedirectError extends HssError {
  override name = "HssRedirectError";
  /** HTTP status (301, 302, 303, 307, 308), or 0 where the runtime hides it (browsers). */
  readonly status: number;
  /** Where it pointed: scheme, host and path only (no credentials, no query). */
  readonly location: string | undefined;
  constructor(status: number, location: string | undefined, operation: string) {
    super(
      "REDIRECT",
      `${operation}: the endpoint answered a redirect (HTTP ${status}${location ? ` to ${location}` : ""}); ` +
        "redirects are not followed, so credentials never go to another host. If that is the right " +
        "endpoint, configure it instead",
      operation,
    );
    this.status = status;
    this.location = location;
  }
}

/** The request did not reach the service or the connection broke (after all retries). */
export class HssNetworkError extends HssError {
  override name = "HssNetworkError";
  constructor(message: string, operation?: string, cause?: unknown) {
    super("NETWORK_ERROR", message, operation, { cause });
  }
}

/** An attempt took longer than the timeout (after all retries). */
export class HssTimeoutError extends HssError {
  override name = "HssTimeoutError";
  /** The timeout that expired, in milliseconds: `timeoutMs` of an attempt, or the call's `totalTimeoutMs`. */
  readonly timeoutMs: number;
  /** Which of the two expired. */
  readonly which: "timeoutMs" | "totalTimeoutMs";
  constructor(timeoutMs: number, operation?: string, which: "timeoutMs" | "totalTimeoutMs" = "timeoutMs") {
    super(
      "TIMEOUT",
      `${operation ?? "request"} timed out after ${timeoutMs} ms${which === "totalTimeoutMs" ? " (totalTimeoutMs, retries included)" : ""}`,
      operation,
    );
    this.timeoutMs = timeoutMs;
    this.which = which;
  }
}

/** The caller's AbortSignal fired. */
export class HssAbortError extends HssError {
  override name = "HssAbortError";
  constructor(operation?: string, cause?: unknown) {
    super("ABORTED", `${operation ?? "request"} was aborted`, operation, { cause });
  }
}

/** The input breaks the spec; nothing was sent. */
export class HssValidationError extends HssError {
  override name = "HssValidationError";
  /** Every problem found, each naming the field and what is allowed. */
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[], operation?: string) {
    super(
      "VALIDATION_ERROR",
      `${operation ? `${operation}: ` : ""}invalid input: ${violations.map((v) => `${v.field}: ${v.message}`).join("; ")}`,
      operation,
    );
    this.violations = violations;
  }
}

/** The client is not configured well enough to send (no region or endpoint, half a key pair, ...). */
export class HssConfigError extends HssError {
  override name = "HssConfigError";
  constructor(message: string) {
    super("CONFIG_ERROR", message);
  }
}
