/**
 * Builds what a command runs with: the client (flags over environment over profile), the
 * embedded mock for `--mock`, and the `--debug` / `--dry-run` hooks. Secrets never reach stderr.
 */
import {
  type Credentials,
  createHssClient,
  type DebugEvent,
  type HssClient,
  redactHeaders,
  resolveCredentials,
} from "@hss/client";
import { CliError, EXIT } from "./errors.js";
import { OUTPUTS, type Output } from "./flags.js";
import { type Profile, readProfiles } from "./profiles.js";

/** What every command gets. */
export interface Context {
  client: HssClient;
  output: Output;
  query: string | undefined;
  dryRun: boolean;
  signal: AbortSignal;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Stops the embedded mock, if one was started. */
  close(): Promise<void>;
}

/** Thrown by the dry-run fetch once the request is printed. */
export class DryRunDone extends Error {}

/** Process-level inputs of the CLI (tests pass their own). */
export interface Io {
  env: Record<string, string | undefined>;
  stdout: Context["stdout"];
  stderr: Context["stderr"];
  stdin: Context["stdin"];
  signal: AbortSignal;
}

/** Resolves options and creates the client. */
export async function createContext(globals: Record<string, unknown>, io: Io): Promise<Context> {
  const { env } = io;
  const profileName = (globals.profile as string | undefined) ?? env.HSS_PROFILE ?? "default";
  const profiles = await readProfiles(env);
  const profile: Profile = profiles[profileName] ?? {};
  if ((globals.profile || env.HSS_PROFILE) && !profiles[profileName])
    throw new CliError(
      `no profile ${JSON.stringify(profileName)}; create it with: hss configure --profile ${profileName}`,
      EXIT.auth,
    );
  const output = (globals.output as Output | undefined) ?? (env.HSS_OUTPUT as Output | undefined) ?? "json";
  if (!OUTPUTS.includes(output))
    throw new CliError(`HSS_OUTPUT: must be one of: ${OUTPUTS.join(", ")}`, EXIT.usage);

  let endpoint = (globals.endpoint as string | undefined) ?? env.HSS_ENDPOINT ?? profile.endpoint;
  let region = (globals.region as string | undefined) ?? env.HSS_REGION ?? profile.region;
  let projectId =
    (globals.projectId as string | undefined) ??
    env.HSS_PROJECT_ID ??
    env.HUAWEICLOUD_SDK_PROJECT_ID ??
    profile.project_id;
  let close = async () => {};
  if (globals.mock) {
    const { startMockServer } = await import("@hss/mock");
    const mock = await startMockServer({ port: 0, seed: "hss-cli-mock" });
    endpoint = mock.url;
    region ??= "cn-north-4";
    projectId ??= "mock-project";
    close = () => mock.close();
  }
  let credentials: Credentials | undefined;
  if (globals.token) credentials = { token: globals.token as string };
  else if (resolveCredentials(undefined, env).kind === "none") {
    if (profile.ak && profile.sk)
      credentials = { ak: profile.ak, sk: profile.sk, securityToken: profile.security_token };
    else if (profile.token) credentials = { token: profile.token };
  }
  const debug = globals.debug === true;
  const dryRun = globals.dryRun === true;
  const client = createHssClient({
    ...(region !== undefined && { region }),
    ...(endpoint !== undefined && { endpoint }),
    ...(projectId !== undefined && { projectId }),
    ...(profile.enterprise_project_id !== undefined && {
      enterpriseProjectId: profile.enterprise_project_id,
    }),
    ...(globals.enterprise_project_id !== undefined && {
      enterpriseProjectId: globals.enterprise_project_id as string,
    }),
    ...(credentials && { credentials }),
    env,
    timeoutMs: Math.round(((globals.timeout as number | undefined) ?? 30) * 1000),
    retry: dryRun ? false : { maxAttempts: ((globals.retries as number | undefined) ?? 2) + 1 },
    ...(debug && { onDebug: (event: DebugEvent) => io.stderr.write(`${formatDebug(event)}\n`) }),
    ...(dryRun && { fetch: dryRunFetch(io.stdout) }),
  });
  return {
    client,
    output,
    query: globals.query as string | undefined,
    dryRun,
    signal: io.signal,
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    env,
    close,
  };
}

function formatDebug(event: DebugEvent): string {
  switch (event.type) {
    case "request":
      return `[debug] ${event.operation} attempt ${event.attempt}: ${event.method} ${event.url}\n${headerLines(event.headers)}`;
    case "response":
      return `[debug] ${event.operation} attempt ${event.attempt}: HTTP ${event.status} in ${event.durationMs} ms, request id ${event.requestId ?? "-"}\n${headerLines(event.headers)}`;
    case "retry":
      return `[debug] ${event.operation}: retrying in ${event.delayMs} ms after ${event.reason}`;
    case "error":
      return `[debug] ${event.operation} attempt ${event.attempt}: ${event.error}`;
  }
}

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `[debug]   ${k}: ${v}`)
    .join("\n");

/** A fetch that prints the exact request (secrets masked) and sends nothing. */
function dryRunFetch(stdout: NodeJS.WritableStream): typeof fetch {
  return (async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body ? await request.text() : undefined;
    const headers = redactHeaders(request.headers);
    const lines = [
      `${request.method} ${request.url}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    stdout.write(`${lines.join("\n")}\n${body === undefined ? "" : `\n${body}\n`}`);
    throw new DryRunDone("dry run");
  }) as typeof fetch;
}
