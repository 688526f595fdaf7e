/**
 * Resolves the client's configuration: endpoint from region (the spec's server template),
 * project id, and credentials from options or the environment.
 *
 * Credential precedence, first match wins:
 *  1. `credentials` in the options (`{ ak, sk, securityToken? }` or `{ token }`);
 *  2. `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` (+ `HUAWEICLOUD_SDK_SECURITY_TOKEN`);
 *  3. `CLOUD_SDK_AK` + `CLOUD_SDK_SK` (the names Huawei's API Explorer samples use);
 *  4. `HSS_AUTH_TOKEN` (an IAM token, sent as `X-Auth-Token`);
 *  5. none: requests go unauthenticated (fine for the mock's `--auth none`).
 * Project id: `projectId` option, then `HUAWEICLOUD_SDK_PROJECT_ID`.
 */
import { HssConfigError } from "./errors.js";
import { servers } from "./generated/operations.js";
import type { AkSkCredentials } from "./signer.js";

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

/** Resolves credentials by the precedence above. Half a key pair is an error, never a silent fallback. */
export function resolveCredentials(explicit: Credentials | undefined, env: Env): ResolvedCredentials {
  if (explicit) {
    if ("token" in explicit) {
      if (!explicit.token) throw new HssConfigError("credentials.token is empty");
      return { kind: "token", token: explicit.token, source: "options" };
    }
    if (!explicit.ak || !explicit.sk) throw new HssConfigError("credentials need both ak and sk");
    return { kind: "aksk", ...explicit, source: "options" };
  }
  for (const prefix of ["HUAWEICLOUD_SDK_", "CLOUD_SDK_"]) {
    const ak = env[`${prefix}AK`];
    const sk = env[`${prefix}SK`];
    if (ak || sk) {
      if (!ak || !sk) throw new HssConfigError(`${prefix}AK and ${prefix}SK must be set together`);
      const securityToken = env[`${prefix}SECURITY_TOKEN`] || undefined;
      return { kind: "aksk", ak, sk, securityToken, source: `env:${prefix}AK` };
    }
  }
  const token = env.HSS_AUTH_TOKEN;
  if (token) return { kind: "token", token, source: "env:HSS_AUTH_TOKEN" };
  return { kind: "none", source: "none" };
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const ENDPOINT_HOST = /^hss\.([a-z0-9-]+)\.myhuaweicloud\.com$/;

/** The HSS endpoint of a region, from the spec's `servers` template. */
export function endpointForRegion(region: string): string {
  if (!REGION_ID.test(region))
    throw new HssConfigError(`region must be a region id such as cn-north-4 (got ${JSON.stringify(region)})`);
  const server = servers[0];
  return server.url.replace("{region}", region);
}

/** Resolves endpoint and region: `endpoint` wins; the region is taken from it when it is an HSS host. */
export function resolveEndpoint(options: { region?: string | undefined; endpoint?: string | undefined }): {
  endpoint: string;
  region: string | undefined;
} {
  if (options.endpoint) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new HssConfigError(
        `endpoint must be an absolute http(s) URL (got ${JSON.stringify(options.endpoint)})`,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new HssConfigError(`endpoint must use http or https (got ${url.protocol})`);
    const region = options.region ?? ENDPOINT_HOST.exec(url.hostname)?.[1];
    return { endpoint: url.href.replace(/\/+$/, ""), region };
  }
  if (!options.region) throw new HssConfigError("either region (e.g. cn-north-4) or endpoint is required");
  return { endpoint: endpointForRegion(options.region), region: options.region };
}
