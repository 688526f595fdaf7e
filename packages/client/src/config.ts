/**
 * Resolves the client's configuration: the endpoint from the region (the spec's server
 * templates), and credentials from options or the environment.
 *
 * Credential precedence, first match wins:
 *  1. `credentials` in the options (`{ ak, sk, securityToken? }` or `{ token }`);
 *  2. `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` (+ `HUAWEICLOUD_SDK_SECURITY_TOKEN`);
 *  3. `CLOUD_SDK_AK` + `CLOUD_SDK_SK` (the names Huawei's API Explorer samples use);
 *  4. `HSS_AUTH_TOKEN` (an IAM token, sent as `X-Auth-Token`);
 *  5. none: requests go unauthenticated (fine for the mock's `--auth none`).
 * Every secret is checked before anything is sent: a control character (a newline from a file,
 * a `\r` from Windows) or an over-long token is a configuration error naming where the value
 * came from, never showing it.
 */
import { HssConfigError } from "./errors.js";
import { servers, specComponents } from "./generated/components.js";
import type { AkSkCredentials } from "./sign/signer.js";
import { endpointProblem } from "./spec/endpoint.js";
import type { Schema } from "./spec/schema.js";
import { describeSchema, validateValue } from "./spec/validate.js";

/** An IAM token, sent as `X-Auth-Token`. */
export interface TokenCredentials {
  token: string;
}

/** Either kind of credentials. */
export type Credentials = AkSkCredentials | TokenCredentials;

/** The resolved credentials, tagged with where they came from (for `hss configure list` and debugging). */
export type ResolvedCredentials =
  | { kind: "aksk"; ak: string; sk: string; securityToken?: string | undefined; source: string }
  | { kind: "token"; token: string; source: string }
  | { kind: "none"; source: "none" };

/** A source of environment variables (`process.env` by default, where there is one). */
export type Env = Record<string, string | undefined>;

/** The default environment: `process.env` in Node, Bun and Deno (with env permission), `{}` elsewhere. */
export function defaultEnv(): Env {
  const proc = (globalThis as { process?: { env?: Env } }).process;
  return proc?.env ?? {};
}

const TOKEN_SCHEMA: Schema = specComponents.securitySchemes.token?.schema ?? { type: "string", minLength: 1 };

/**
 * Checks a secret without ever showing it: printable ASCII only (what a header can carry and
 * what Huawei's keys and tokens are made of), and the token's length from the spec.
 */
function checkSecret(value: string, name: string, schema?: Schema): void {
  if (!value) throw new HssConfigError(`${name} is empty`);
  if (/[^\x21-\x7e]/.test(value))
    throw new HssConfigError(
      `${name} contains a space, a line break or another character a header cannot carry ` +
        "(was it read from a file with a trailing newline or \\r?); the value is not shown",
    );
  if (schema && validateValue(schema, value, name, "credentials").length)
    throw new HssConfigError(`${name} must be ${describeSchema(schema)}; the value is not shown`);
}

function checked(
  credentials: ResolvedCredentials,
  names: { ak: string; sk: string; token: string; st: string },
) {
  if (credentials.kind === "token") checkSecret(credentials.token, names.token, TOKEN_SCHEMA);
  if (credentials.kind === "aksk") {
    checkSecret(credentials.ak, names.ak);
    checkSecret(credentials.sk, names.sk);
    if (credentials.securityToken !== undefined) checkSecret(credentials.securityToken, names.st);
  }
  return credentials;
}

/** The prefixes of the AK/SK variables, in the order they are read. */
const AKSK_PREFIXES = ["HUAWEICLOUD_SDK_", "CLOUD_SDK_"] as const;

/** Every environment variable credentials are read from (to clear them, e.g. for unsigned requests). */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  ...AKSK_PREFIXES.flatMap((p) => [`${p}AK`, `${p}SK`, `${p}SECURITY_TOKEN`]),
  "HSS_AUTH_TOKEN",
];

/** Resolves credentials by the precedence above. Half a key pair is an error, never a silent fallback. */
export function resolveCredentials(explicit: Credentials | undefined, env: Env): ResolvedCredentials {
  if (explicit) {
    const names = {
      ak: "credentials.ak",
      sk: "credentials.sk",
      token: "credentials.token",
      st: "credentials.securityToken",
    };
    if ("token" in explicit)
      return checked({ kind: "token", token: explicit.token, source: "options" }, names);
    if (!explicit.ak || !explicit.sk) throw new HssConfigError("credentials need both ak and sk");
    return checked({ kind: "aksk", ...explicit, source: "options" }, names);
  }
  for (const prefix of AKSK_PREFIXES) {
    const ak = env[`${prefix}AK`];
    const sk = env[`${prefix}SK`];
    if (ak || sk) {
      if (!ak || !sk) throw new HssConfigError(`${prefix}AK and ${prefix}SK must be set together`);
      const securityToken = env[`${prefix}SECURITY_TOKEN`] || undefined;
      const names = { ak: `${prefix}AK`, sk: `${prefix}SK`, token: "", st: `${prefix}SECURITY_TOKEN` };
      return checked({ kind: "aksk", ak, sk, securityToken, source: `env:${prefix}AK` }, names);
    }
  }
  const token = env.HSS_AUTH_TOKEN;
  if (token) {
    const names = { ak: "", sk: "", token: "HSS_AUTH_TOKEN", st: "" };
    return checked({ kind: "token", token, source: "env:HSS_AUTH_TOKEN" }, names);
  }
  return { kind: "none", source: "none" };
}

/** A region id as the spec's `region` header states it (`cn-north-4`, `eu-west-101`); it becomes a host name. */
const REGION_ID = new RegExp(
  (specComponents.parameters as Record<string, { name: string; schema: Schema }>).region_required?.schema
    .pattern ?? "^[a-z]{2,}(-[a-z0-9]+)+$",
  "u",
);

/** The server template for a region: the one whose `region` enum lists it, else the first open one. */
function serverFor(region: string) {
  return (
    servers.find((s) =>
      (s.variables?.region as { enum?: readonly string[] } | undefined)?.enum?.includes(region),
    ) ??
    servers.find((s) => !(s.variables?.region as { enum?: readonly string[] } | undefined)?.enum) ??
    servers[0]
  );
}

/** The HSS endpoint of a region, from the spec's `servers` templates. */
export function endpointForRegion(region: string): string {
  if (!REGION_ID.test(region))
    throw new HssConfigError(`region must be a region id such as cn-north-4 (got ${JSON.stringify(region)})`);
  return serverFor(region).url.replace("{region}", region);
}

/** Host names of the spec's servers as patterns (`hss.{region}.myhuaweicloud.com`), to read a region off an endpoint. */
const SERVER_HOSTS = servers.map((s) => {
  const host = new URL(s.url.replace("{region}", "region-placeholder")).hostname;
  const source = host.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("region-placeholder", "([a-z0-9-]+)");
  return new RegExp(`^${source}$`);
});

/** Resolves endpoint and region: `endpoint` wins; the region is taken from it when it is an HSS host. */
export function resolveEndpoint(options: { region?: string | undefined; endpoint?: string | undefined }): {
  endpoint: string;
  region: string | undefined;
} {
  if (options.endpoint) {
    const problem = endpointProblem(options.endpoint);
    if (problem) throw new HssConfigError(`endpoint ${problem}`);
    const url = new URL(options.endpoint);
    const region = options.region ?? SERVER_HOSTS.map((p) => p.exec(url.hostname)?.[1]).find(Boolean);
    if (options.region !== undefined) checkRegion(options.region);
    return { endpoint: url.href.replace(/\/+$/, ""), region };
  }
  if (!options.region) throw new HssConfigError("either region (e.g. cn-north-4) or endpoint is required");
  return { endpoint: endpointForRegion(options.region), region: options.region };
}

/** A region given with an explicit endpoint is only a header value: it must still be a region id. */
function checkRegion(region: string): void {
  if (!REGION_ID.test(region))
    throw new HssConfigError(`region must be a region id such as cn-north-4 (got ${JSON.stringify(region)})`);
}
