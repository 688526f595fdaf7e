/**
 * The client's core: configuration resolved once (endpoint, region, project, credentials,
 * policies) and the openapi-fetch client everything is sent through. It knows no operation;
 * `send` (call.ts) runs any operation of the table over it.
 */
import createClient, { type Client, createQuerySerializer, type Middleware } from "openapi-fetch";
import { authenticator } from "./auth.js";
import { type Credentials, defaultEnv, type Env, resolveCredentials, resolveEndpoint } from "./config.js";
import { HssConfigError } from "./errors.js";
import { specVersion } from "./generated/components.js";
import type { paths } from "./generated/hss.js";
import {
  createTransport,
  DEFAULT_RETRY,
  type DebugEvent,
  type RetryOptions,
  type TransportSettings,
} from "./transport.js";

/** Options of `createHssClient` and `createHssCore`. */
export interface HssClientOptions {
  /** Region id, e.g. `cn-north-4`: gives the endpoint and the `region` header. */
  region?: string;
  /** Overrides the endpoint (a mock, a proxy, another cloud), e.g. `http://127.0.0.1:4010`. */
  endpoint?: string;
  /** IAM project id of the region; default `HUAWEICLOUD_SDK_PROJECT_ID`. */
  projectId?: string;
  /** Default `enterprise_project_id` of every call that takes one. */
  enterpriseProjectId?: string;
  /** Credentials; default from the environment (see config.ts for the precedence). */
  credentials?: Credentials;
  /** Environment to read credentials from; default `process.env`. */
  env?: Env;
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Retry policy; `false` turns retries off. */
  retry?: RetryOptions | false;
  /** Deadline of each attempt, response headers and body, in ms. Default 30000. */
  timeoutMs?: number;
  /** Deadline of a whole call, retries and backoff included, in ms. Default: none. */
  totalTimeoutMs?: number;
  /** Validate inputs against the spec before sending. Default true. */
  validate?: boolean;
  /** Check 2xx bodies against the spec's schema (`HssResponseError` when they break it). Default false. */
  validateResponses?: boolean;
  /** Largest response body accepted, bytes. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Sees every attempt, response and retry, with secrets redacted. */
  onDebug?: (event: DebugEvent) => void;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Prepended to the `User-Agent` (e.g. `my-tool/1.2`). */
  userAgent?: string;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  retry?: RetryOptions | false;
}

/** What every call of one client shares (kept off the enumerable surface: never printed). */
export interface CoreInternals {
  settings: TransportSettings;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  totalTimeoutMs: number | undefined;
  validate: boolean;
  validateResponses: boolean;
  /** Secrets to redact from any text the service sends back. */
  secrets: readonly (string | undefined)[];
  /** Headers of every request (the `headers` option and the region). */
  baseHeaders: Record<string, string>;
  /** openapi-fetch's query serializer, as `client.raw` uses it. */
  querySerializer: (query: Record<string, unknown>) => string;
  /** Middleware added with `client.raw.use`: while there is any, operations go through openapi-fetch's pipeline. */
  middleware: Set<Middleware>;
}

/** The configured core of a client. */
export interface HssCore {
  /** The openapi-fetch client, typed by the spec; auth, retries, deadlines and redirects apply. */
  readonly raw: Client<paths>;
  /** The endpoint requests go to. */
  readonly endpoint: string;
  /** The region id sent in the `region` header, if known. */
  readonly region: string | undefined;
  /** The project id used for `{project_id}`. */
  readonly projectId: string | undefined;
  /** The default `enterprise_project_id`. */
  readonly enterpriseProjectId: string | undefined;
  /** `aksk`, `token` or `none`, and where the credentials came from. Never the secrets. */
  readonly auth: { kind: "aksk" | "token" | "none"; source: string };
}

/** Each core's internals, off the object itself, so no inspection of a client can reach a secret. */
const INTERNALS = new WeakMap<HssCore, CoreInternals>();

/** The internals of a core (for `send` and the paginators). */
export function internals(core: HssCore): CoreInternals {
  const found = INTERNALS.get(core);
  if (!found) throw new TypeError("not a client made by createHssClient or createHssCore");
  return found;
}

const positive = (value: number | undefined, name: string, fallback: number | undefined, unit = "ms") => {
  if (value === undefined) return fallback;
  if (!(value > 0 && Number.isFinite(value)))
    throw new HssConfigError(`${name} must be a positive number${unit ? ` of ${unit}` : ""} (got ${value})`);
  return value;
};

/** A retry policy with every number checked: a NaN delay would retry with no wait at all. */
function retryPolicy(base: Required<RetryOptions>, given: RetryOptions | false | undefined, where: string) {
  if (given === false) return { ...base, maxAttempts: 1 };
  const out = { ...base, ...given };
  if (!Number.isInteger(out.maxAttempts) || out.maxAttempts < 1 || out.maxAttempts > 100)
    throw new HssConfigError(
      `${where}.maxAttempts must be an integer from 1 to 100 (got ${out.maxAttempts})`,
    );
  if (!(out.baseDelayMs >= 0 && Number.isFinite(out.baseDelayMs)))
    throw new HssConfigError(
      `${where}.baseDelayMs must be a number of ms of at least 0 (got ${out.baseDelayMs})`,
    );
  positive(out.maxDelayMs, `${where}.maxDelayMs`, undefined);
  return out;
}

function defaultUserAgent(extra: string | undefined): string | undefined {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  const own = `hss-client/${specVersion} (+@hss/client${node ? `; node/${node}` : ""})`;
  return extra ? `${extra} ${own}` : own;
}

/** Creates the core. Throws HssConfigError when the configuration cannot work. */
export function createHssCore(options: HssClientOptions = {}): HssCore {
  const env = options.env ?? defaultEnv();
  const { endpoint, region } = resolveEndpoint(options);
  const credentials = resolveCredentials(options.credentials, env);
  const projectId = options.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retry = retryPolicy(DEFAULT_RETRY, options.retry, "retry");
  const settings: TransportSettings = {
    fetch: baseFetch,
    authenticate: authenticator(credentials, projectId),
    onDebug: options.onDebug,
    maxResponseBytes: positive(
      options.maxResponseBytes,
      "maxResponseBytes",
      32 * 1024 * 1024,
      "bytes",
    ) as number,
    userAgent: defaultUserAgent(options.userAgent),
    ownFetch: options.fetch !== undefined,
  };
  const shared: CoreInternals = {
    settings,
    retry,
    timeoutMs: positive(options.timeoutMs, "timeoutMs", 30_000) as number,
    totalTimeoutMs: positive(options.totalTimeoutMs, "totalTimeoutMs", undefined),
    validate: options.validate ?? true,
    validateResponses: options.validateResponses ?? false,
    secrets:
      credentials.kind === "aksk"
        ? [credentials.sk, credentials.securityToken]
        : credentials.kind === "token"
          ? [credentials.token]
          : [],
    baseHeaders: { ...options.headers, ...(region ? { region } : {}) },
    querySerializer: createQuerySerializer(),
    middleware: new Set(),
  };
  const raw = createClient<paths>({
    baseUrl: endpoint,
    fetch: (request: Request) => createTransport(settings, policy(shared, "request"))(request),
    headers: shared.baseHeaders,
  });
  const use = raw.use.bind(raw);
  const eject = raw.eject.bind(raw);
  raw.use = (...middleware) => {
    for (const m of middleware) if (m) shared.middleware.add(m);
    use(...middleware);
  };
  raw.eject = (...middleware) => {
    for (const m of middleware) shared.middleware.delete(m);
    eject(...middleware);
  };
  const core: HssCore = {
    raw,
    endpoint,
    region,
    projectId,
    enterpriseProjectId: options.enterpriseProjectId,
    auth: { kind: credentials.kind, source: credentials.source },
  };
  INTERNALS.set(core, shared);
  return core;
}

/** The policy of one call: the client's, with the call's overrides. */
export function policy(shared: CoreInternals, operation: string, call: CallOptions = {}) {
  return {
    operation,
    retry: retryPolicy(shared.retry, call.retry, "call retry"),
    timeoutMs: positive(call.timeoutMs, "timeoutMs", shared.timeoutMs) as number,
    totalTimeoutMs: positive(call.totalTimeoutMs, "totalTimeoutMs", shared.totalTimeoutMs),
    signal: call.signal,
  };
}
