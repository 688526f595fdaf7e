/** CLI errors and the documented, stable exit codes. */
import {
  HssApiError,
  HssConfigError,
  type HssError,
  HssRedirectError,
  HssValidationError,
} from "@hss/client";

/** Exit codes. */
export const EXIT = {
  ok: 0,
  /** A bad flag or value; the message names the allowed range. */
  usage: 2,
  /** Missing or rejected credentials or configuration (including API 401/403, and a redirect: the endpoint is wrong). */
  auth: 3,
  /** The API answered another 4xx. */
  client: 4,
  /** The API answered 5xx, or the network failed, after retries. */
  server: 5,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;

/** An error with its exit code; its message is shown as it is, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A usage error (exit 2). */
export const usage = (message: string) => new CliError(message, EXIT.usage);

/** The exit code of a client error. */
export function exitCodeOf(error: HssError): number {
  if (error instanceof HssValidationError) return EXIT.usage;
  if (error instanceof HssConfigError || error instanceof HssRedirectError) return EXIT.auth;
  if (error instanceof HssApiError) {
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    return error.status < 500 ? EXIT.client : EXIT.server;
  }
  if (error.code === "ABORTED") return EXIT.interrupted;
  return EXIT.server;
}
