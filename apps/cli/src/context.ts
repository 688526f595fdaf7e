/**
 * Builds what an operation runs with: the client (flags over environment over profile), the
 * embedded mock for `--mock`, and the `--debug` / `--dry-run` hooks. Missing settings are
 * reported by the flag, variable or profile key a user can set; secrets never reach stderr.
 */

import { readFile } from "node:fs/promises";
import { flagValue, maskUserinfo, UsageError } from "@hss/args";
import {
  CREDENTIAL_VARIABLES,
  type Credentials,
  createHssClient,
  type DebugEvent,
  type HssClient,
  redactHeaders,
  resolveCredentials,
} from "@hss/client";
import pkg from "../package.json" with { type: "json" };
import { loadMock } from "./chunks/mock.js";
import { loadProxy } from "./chunks/proxy.js";
import type { Io } from "./io.js";

export type { Io };

import { CliError, DryRunDone, EXIT, usage } from "./errors.js";
import { GLOBAL_FLAGS, OUTPUTS, type Output } from "./flags.js";
import { type Style, styleOf } from "./output.js";
import { type Profile, readProfiles } from "./profiles.js";
import { sanitize, unsendable } from "./text.js";

/** The seed of the embedded mock: `--mock` and `hss mock ...` see the same data. */
export const MOCK_SEED = "hss-cli-mock";

/** What an operation's command runs with. */
export interface Context extends Io {
  client: HssClient;
  output: Output;
  dryRun: boolean;
  /** How tables are drawn on this stdout. */
  style: Style;
  /** Stops the embedded mock, if one was started. */
  close(): Promise<void>;
}

/** The output format from `--output` or `HSS_OUTPUT`. */
export function outputOf(
  globals: Record<string, unknown>,
  env: Io["env"],
  fallback: Output = "json",
): Output {
  const output = (globals.output as Output | undefined) ?? (env.HSS_OUTPUT as Output | undefined) ?? fallback;
  if (!OUTPUTS.includes(output))
    throw new CliError(
      `HSS_OUTPUT: must be one of: ${OUTPUTS.join(", ")} (got ${JSON.stringify(String(output).slice(0, 40))})`,
      EXIT.auth,
    );
  return output;
}

/** A setting's value and where it came from, named as the user would name that place. */
interface Sourced {
  value: string;
  source: string;
}

/** The first of the candidates that has a value. */
function first(...candidates: [string | undefined, string][]): Sourced | undefined {
  for (const [value, source] of candidates) if (value !== undefined && value !== "") return { value, source };
  return undefined;
}

/**
 * A setting from the environment or a profile, checked as its flag would be (a flag's own value
 * was checked when the line was parsed); an error names where the value came from (exit 3).
 */
function checked(setting: Sourced | undefined, flagKey: string): string | undefined {
  if (!setting || setting.source.startsWith("--")) return setting?.value;
  const flag = GLOBAL_FLAGS.find((f) => f.key === flagKey);
  if (flag)
    try {
      flagValue(flag, setting.value, setting.source);
    } catch (error) {
      if (error instanceof UsageError) throw new CliError(error.message, EXIT.auth);
      throw error;
    }
  return setting.value;
}

/** The settings a flag, the environment or a profile give, in the order they are looked up. */
const SETTINGS = [
  { key: "endpoint", flag: "endpoint", env: ["HSS_ENDPOINT"], profile: "endpoint" },
  { key: "region", flag: "region", env: ["HSS_REGION"], profile: "region" },
  {
    key: "projectId",
    flag: "project-id",
    env: ["HSS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    profile: "project_id",
  },
  { key: "enterpriseProjectId", flag: "enterprise-project-id", env: [], profile: "enterprise_project_id" },
] as const satisfies readonly { key: string; flag: string; env: readonly string[]; profile: keyof Profile }[];
type SettingKey = (typeof SETTINGS)[number]["key"];

/**
 * The settings, each from the first place that has it: flag, environment, profile. With
 * `--mock` no profile is read (the embedded mock needs none, and a broken config file must not
 * stop it).
 */
async function settings(globals: Record<string, unknown>, env: Io["env"]) {
  const named = (globals.profile as string | undefined) ?? env.HSS_PROFILE;
  if (globals.mock && globals.profile !== undefined)
    throw usage("--mock and --profile cannot be used together: the embedded mock takes no profile");
  const profileName = named ?? "default";
  const profiles = globals.mock ? {} : await readProfiles(env);
  const profile: Profile = (Object.hasOwn(profiles, profileName) && profiles[profileName]) || {};
  if (!globals.mock && named !== undefined && !Object.hasOwn(profiles, profileName))
    throw new CliError(
      `no profile ${JSON.stringify(profileName)}; create it with: hss configure --profile ${profileName}`,
      EXIT.auth,
    );
  const resolved: Partial<Record<SettingKey, string>> = {};
  for (const { key, flag, env: names, profile: field } of SETTINGS)
    resolved[key] = checked(
      first(
        [globals[key] as string | undefined, `--${flag}`],
        ...names.map((name): [string | undefined, string] => [env[name], name]),
        [profile[field], `profile ${profileName} (${field})`],
      ),
      key,
    );
  return { profile, profileName, ...resolved };
}

/** Credentials: `--token`, then the environment, then the profile. */
function credentialsOf(
  globals: Record<string, unknown>,
  env: Io["env"],
  profile: Profile,
  profileWhere: (key: string) => string,
): Credentials | undefined {
  if (globals.token) return { token: globals.token as string };
  if (resolveCredentials(undefined, env).kind !== "none") return undefined; // the client reads the environment
  for (const key of ["ak", "sk", "security_token", "token"] as const) {
    const value = profile[key];
    // As for variables: a value a header cannot carry is named by where it is, never shown.
    if (value !== undefined && unsendable(value))
      throw new CliError(
        `${profileWhere(key)} contains a space, a line break or another character a header cannot carry; the value is not shown`,
        EXIT.auth,
      );
  }
  if (profile.security_token && !(profile.ak && profile.sk))
    throw new CliError(`${profileWhere("security_token")} needs ak and sk in the same profile`, EXIT.auth);
  if (profile.ak && profile.sk)
    return { ak: profile.ak, sk: profile.sk, securityToken: profile.security_token };
  if (profile.token) return { token: profile.token };
  return undefined;
}

/** The environment without the variables the client takes credentials from. */
function withoutCredentials(env: Io["env"]): Io["env"] {
  const out = { ...env };
  for (const name of CREDENTIAL_VARIABLES) delete out[name];
  return out;
}

/** Proxy variables, in the order undici reads them (lower case first, as curl). */
const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"] as const;

/**
 * The fetch of a real endpoint: Node's own, or, behind a proxy (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY) or with `--ca-bundle`, Node's fetch through undici's proxy agent (a chunk loaded only
 * then). Every value is checked before anything is sent; errors name the variable or flag.
 */
async function networkFetch(globals: Record<string, unknown>, io: Io): Promise<typeof fetch | undefined> {
  const { env } = io;
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {}
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
      throw new CliError(
        `${name}: must be a proxy URL such as http://proxy.example.com:8080 (got ${JSON.stringify(maskUserinfo(value).slice(0, 80))})`,
        EXIT.auth,
      );
  }
  const proxy = PROXY_VARIABLES.some((name) => env[name]);
  const bundle = first(
    [globals.caBundle as string | undefined, "--ca-bundle"],
    [env.HSS_CA_BUNDLE, "HSS_CA_BUNDLE"],
  );
  if (!proxy && !bundle) return undefined;
  let ca: string | undefined;
  if (bundle) {
    const code = bundle.source === "--ca-bundle" ? EXIT.usage : EXIT.auth;
    try {
      ca = await readFile(bundle.value, "utf8");
    } catch (error) {
      throw new CliError(
        `${bundle.source}: cannot read ${bundle.value} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        code,
      );
    }
    const pems = ca.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    const { X509Certificate } = await import("node:crypto");
    for (const [i, pem] of pems.entries())
      try {
        new X509Certificate(pem);
      } catch (error) {
        throw new CliError(
          `${bundle.source}: certificate ${i + 1} of ${bundle.value} cannot be read (${(error as Error).message})`,
          code,
        );
      }
    if (pems.length === 0)
      throw new CliError(
        `${bundle.source}: ${bundle.value} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
        code,
      );
  }
  const { createAgent } = await loadProxy();
  const dispatcher = createAgent({
    proxy,
    ...(ca !== undefined && { ca }),
    httpProxy: env.http_proxy || env.HTTP_PROXY || "",
    httpsProxy: env.https_proxy || env.HTTPS_PROXY || "",
    // This machine is never reached through a proxy (a proxy's 127.0.0.1 is its own), so what
    // counts as local for credentials and warnings is also what goes direct.
    noProxy: [env.no_proxy || env.NO_PROXY, ...LOOPBACK_NAMES].filter(Boolean).join(","),
  });
  if (globals.debug === true)
    io.stderr.write(
      `[debug] ${proxy ? `proxy from ${PROXY_VARIABLES.filter((n) => env[n]).join(", ")}` : "no proxy"}${bundle ? `; CA bundle ${bundle.value}` : ""}\n`,
    );
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, dispatcher } as RequestInit)) as typeof fetch;
}

/** Host names that always go direct. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];

/** Whether a host name is this machine (127.0.0.0/8, ::1, localhost). */
const isLoopback = (host: string) =>
  /^127\.\d+\.\d+\.\d+$/.test(host) ||
  host === "[::1]" ||
  host === "localhost" ||
  host.endsWith(".localhost");

/**
 * Before anything is sent to a real endpoint: no credentials is a configuration error (unless
 * `--no-sign-request`, `--dry-run` which sends nothing, or the endpoint is this machine: a local
 * mock or a signing proxy), and
 * credentials over plain http to another host get a warning.
 */
function warnOrRefuse(
  globals: Record<string, unknown>,
  endpoint: string | undefined,
  signed: boolean,
  io: Io,
): void {
  const url = endpoint === undefined ? undefined : new URL(endpoint);
  const local = url !== undefined && isLoopback(url.hostname);
  if (!signed && !local && globals.noSignRequest !== true && globals.dryRun !== true)
    throw new CliError(
      "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or HSS_AUTH_TOKEN, give --token, or run hss configure (--no-sign-request sends the request unsigned)",
      EXIT.auth,
    );
  if (signed && url?.protocol === "http:" && !local)
    io.stderr.write(
      `hss: warning: credentials go to ${url.host} over plain http, readable on the way; use an https endpoint\n`,
    );
}

/** Resolves settings and creates the client. */
export async function createContext(globals: Record<string, unknown>, io: Io): Promise<Context> {
  const { env } = io;
  const output = outputOf(globals, env);
  const found = await settings(globals, env);
  let { endpoint, region, projectId } = found;
  let credentials = credentialsOf(
    globals,
    env,
    found.profile,
    (key) => `profile ${found.profileName} (${key})`,
  );
  // --no-sign-request: no credentials from anywhere (the client would read the environment's).
  const clientEnv = globals.noSignRequest === true ? withoutCredentials(env) : env;
  if (globals.noSignRequest === true) credentials = undefined;
  let close = async () => {};
  if (globals.mock) {
    if (globals.endpoint !== undefined)
      throw usage("--mock and --endpoint cannot be used together: --mock starts its own endpoint");
    const { startMockServer } = await loadMock();
    const mock = await startMockServer({ port: 0, seed: MOCK_SEED });
    endpoint = mock.url;
    region ??= "cn-north-4";
    projectId ??= "mock-project";
    credentials = undefined;
    close = () => mock.close();
  } else {
    if (!endpoint && !region)
      throw new CliError(
        "no region: give --region (e.g. cn-north-4), set HSS_REGION, or run hss configure; or give --endpoint",
        EXIT.auth,
      );
    if (!projectId)
      throw new CliError(
        "no project id: give --project-id, set HSS_PROJECT_ID (or HUAWEICLOUD_SDK_PROJECT_ID), or run hss configure",
        EXIT.auth,
      );
  }
  if (!globals.mock)
    warnOrRefuse(globals, endpoint, resolveCredentials(credentials, clientEnv).kind !== "none", io);
  const dryRun = globals.dryRun === true;
  const network = globals.mock || dryRun ? undefined : await networkFetch(globals, io);
  const client = createHssClient({
    ...(region !== undefined && { region }),
    ...(endpoint !== undefined && { endpoint }),
    ...(projectId !== undefined && { projectId }),
    ...(found.enterpriseProjectId !== undefined && { enterpriseProjectId: found.enterpriseProjectId }),
    ...(credentials && { credentials }),
    env: globals.mock ? {} : clientEnv,
    timeoutMs: Math.round(((globals.timeout as number | undefined) ?? 30) * 1000),
    retry: dryRun ? false : { maxAttempts: ((globals.retries as number | undefined) ?? 2) + 1 },
    validateResponses: true,
    userAgent: `hss-cli/${pkg.version}`,
    ...(globals.debug === true && {
      onDebug: (event: DebugEvent) => io.stderr.write(`${formatDebug(event)}\n`),
    }),
    ...(dryRun ? { fetch: dryRunFetch(io.stdout) } : network && { fetch: network }),
  });
  return { ...io, client, output, dryRun, style: await styleOf(globals, io, output), close };
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
    .map(([k, v]) => `[debug]   ${k}: ${sanitize(v)}`)
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
