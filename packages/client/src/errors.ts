/**
 * The client's errors. Each has a stable `code`; none ever holds a secret: messages are built
 * from known fields, and text from the server passes through `redact` first.
 */

/** Where a validation problem is: `query.limit`, `body.image_info_list[0].image_id`, ... */
export interface Violation {
  /** Dotted path of the field, e.g. `limit` or `image_info_list[1].image_id`. */
  field: string;
  /** `path`, `query`, `header` or `body`. */
  location: string;
  /** What is allowed, e.g. `must be an integer from 10 to 200`. */
  message: string;
}

/** Base class of every error the client throws or returns. */
export class HssError extends Error {
  /** Stable machine-readable kind: `API_ERROR`, `NETWORK_ERROR`, `TIMEOUT`, `ABORTED`, `VALIDATION_ERROR`, `CONFIG_ERROR`. */
  readonly code: string;
  /** The operationId of the call, when there is one. */
  readonly operation: string | undefined;
  constructor(code: string, message: string, operation?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.operation = operation;
  }
}

/** The service answered with an error status (4xx/5xx). */
export class HssApiError extends HssError {
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

/** The request did not reach the service or the connection broke (after all retries). */
export class HssNetworkError extends HssError {
  constructor(message: string, operation?: string, cause?: unknown) {
    super("NETWORK_ERROR", message, operation, { cause });
  }
}

/** An attempt took longer than the timeout (after all retries). */
export class HssTimeoutError extends HssError {
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  constructor(timeoutMs: number, operation?: string) {
    super("TIMEOUT", `${operation ?? "request"} timed out after ${timeoutMs} ms`, operation);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class HssAbortError extends HssError {
  constructor(operation?: string, cause?: unknown) {
    super("ABORTED", `${operation ?? "request"} was aborted`, operation, { cause });
  }
}

/** The input breaks the spec; nothing was sent. */
export class HssValidationError extends HssError {
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
  constructor(message: string) {
    super("CONFIG_ERROR", message);
  }
}

/** Header names whose values are secrets. */
export const SECRET_HEADERS = ["authorization", "x-auth-token", "x-security-token"] as const;

/** A copy of headers with secret values masked, for logs and debug output. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === "authorization") out[name] = value.replace(/Signature=[0-9a-fA-F]+/, "Signature=***");
    else out[name] = (SECRET_HEADERS as readonly string[]).includes(lower) ? "***" : value;
  }
  return out;
}

/** Replaces every occurrence of the given secrets, and any AK/SK signature, in text with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("***");
  return out.replace(/Signature=[0-9a-fA-F]{16,}/g, "Signature=***");
}
