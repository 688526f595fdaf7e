/**
 * What `hss-mock` does with its arguments, apart from the process around it (bin.ts: the signals
 * and the exit code): usage, a usage error naming the flag (exit 2), or a listening mock with
 * its URL on stdout and, when the admin API takes a token that was not given, that token on
 * stderr; a port it cannot listen on is exit 1 with the reason.
 */
import { parseMockArgs, usage } from "./cli-options.js";
import { type RunningMock, startMockServer } from "./server.js";

/** Where the lines go. */
export interface MainOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** The outcome: an exit code when done, or the mock that now serves (the process keeps it). */
export type MainResult = { exitCode: number; mock?: undefined } | { exitCode?: undefined; mock: RunningMock };

/** Runs `hss-mock` with these arguments (without node and the script) and environment. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: MainOutput,
): Promise<MainResult> {
  const parsed = parseMockArgs(argv, env);
  if (parsed.kind === "help") {
    out.stdout(usage());
    return { exitCode: 0 };
  }
  if (parsed.kind === "error") {
    out.stderr(`hss-mock: ${parsed.message}`);
    return { exitCode: 2 };
  }
  let mock: RunningMock;
  try {
    mock = await startMockServer({ port: 4010, ...parsed.options });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    out.stderr(
      `hss-mock: cannot listen: ${e.code === "EADDRINUSE" ? "the port is in use (try --port 0)" : e.message}`,
    );
    return { exitCode: 1 };
  }
  out.stdout(`hss-mock listening on ${mock.url}`);
  if (mock.adminToken && !parsed.options.adminToken)
    out.stderr(`hss-mock admin token: ${mock.adminToken} (send Authorization: Bearer <token> to /__mock/*)`);
  return { mock };
}
