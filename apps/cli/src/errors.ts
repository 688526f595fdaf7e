/**
 * CLI errors and the documented, stable exit codes. Errors are recognised by their name and
 * code, not their class: the commands run from a file of their own (see chunks.ts), and an
 * error thrown there must map to the same exit code as one thrown here.
 */

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
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A usage error (exit 2). */
export const usage = (message: string) => new CliError(message, EXIT.usage);

/** Thrown by the dry-run fetch once the request is printed. */
export class DryRunDone extends Error {
  override readonly name = "DryRunDone";
}

type Named = Error & { code?: unknown; status?: unknown; exitCode?: unknown };

/** A CliError, from this file or the commands'. */
export const isCliError = (error: unknown): error is CliError =>
  error instanceof Error && error.name === "CliError" && typeof (error as Named).exitCode === "number";

/** An error of @hss/client (HssApiError, HssValidationError, ...). */
export const isHssError = (error: unknown): error is Named & { code: string } =>
  error instanceof Error && error.name.startsWith("Hss") && typeof (error as Named).code === "string";

/** Whether the error is the dry run's end (a request printed, nothing sent). */
export const isDryRun = (error: unknown): boolean =>
  error instanceof Error && (error.cause as Error | undefined)?.name === "DryRunDone";

/** The exit code of a client error. */
export function exitCodeOf(error: Named & { code: string }): number {
  switch (error.name) {
    case "HssValidationError":
      return EXIT.usage;
    case "HssConfigError":
    case "HssRedirectError":
      return EXIT.auth;
    case "HssApiError": {
      const status = Number(error.status);
      if (status === 401 || status === 403) return EXIT.auth;
      return status < 500 ? EXIT.client : EXIT.server;
    }
  }
  return error.code === "ABORTED" ? EXIT.interrupted : EXIT.server;
}
