/**
 * `createHssClient`: the typed HSS client. Two styles: each operation returns
 * `{ data, error, requestId }` (openapi-fetch's style, nothing thrown), and `client.throwing`
 * has the same operations returning the data or throwing an `HssError`. `client.raw` is the
 * underlying openapi-fetch client, fully typed by the spec, with auth, retries and timeouts.
 */
import createClient, { type Client } from "openapi-fetch";
import { authMiddleware } from "./auth.js";
import { type Credentials, defaultEnv, type Env, resolveCredentials, resolveEndpoint } from "./config.js";
import {
  HssApiError,
  HssConfigError,
  HssError,
  HssNetworkError,
  HssValidationError,
  redact,
} from "./errors.js";
import type { paths } from "./generated/hss.js";
import { operations as specOperations } from "./generated/operations.js";
import { type PaginateOptions, paginate, paginatePages, type VulRepoImagePage } from "./paginate.js";
import { createTransport, DEFAULT_RETRY, type DebugEvent, type RetryOptions } from "./transport.js";
import type {
  ListVulRepoImageParams,
  ListVulRepoImageResponseBody,
  LocalImageBatchScanRequestBody,
  VulRepoImageInfo,
} from "./types.js";
import { validateOperationInput } from "./validate.js";

/** Options of `createHssClient`. */
export interface HssClientOptions {
  /** Region id, e.g. `cn-north-4`: gives the endpoint and the `region` header. */
  region?: string;
  /** Overrides the endpoint (a mock, a proxy, another cloud), e.g. `http://127.0.0.1:4010`. */
  endpoint?: string;
  /** IAM project id of the region; default `HUAWEICLOUD_SDK_PROJECT_ID`. */
  projectId?: string;
  /** Default `enterprise_project_id` of every call. */
  enterpriseProjectId?: string;
  /** Credentials; default from the environment (see config.ts for the precedence). */
  credentials?: Credentials;
  /** Environment to read credentials from; default `process.env`. */
  env?: Env;
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Retry policy; `false` turns retries off. */
  retry?: RetryOptions | false;
  /** Per-attempt timeout in ms. Default 30000. */
  timeoutMs?: number;
  /** Validate inputs against the spec before sending. Default true. */
  validate?: boolean;
  /** Sees every attempt, response and retry, with secrets redacted. */
  onDebug?: (event: DebugEvent) => void;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
}

/** A call's outcome: `data` or `error`, never both, and the request id either way. */
export type HssResult<T> =
  | { data: T; error?: undefined; requestId: string | undefined; response: Response }
  | { data?: undefined; error: HssError; requestId: string | undefined; response: Response | undefined };

/** The operations in the throwing style. */
export interface HssThrowingOperations {
  listVulRepoImage(
    params: ListVulRepoImageParams,
    call?: CallOptions,
  ): Promise<ListVulRepoImageResponseBody & { requestId: string | undefined }>;
  batchScanLocalImage(
    body: LocalImageBatchScanRequestBody,
    call?: CallOptions & { enterprise_project_id?: string },
  ): Promise<{ requestId: string | undefined }>;
}

/** The HSS client. */
export interface HssClient {
  /** The openapi-fetch client, typed by the spec; auth, retries and timeouts apply. */
  readonly raw: Client<paths>;
  /** The endpoint requests go to. */
  readonly endpoint: string;
  /** The region id sent in the `region` header, if known. */
  readonly region: string | undefined;
  /** The project id used for `{project_id}`. */
  readonly projectId: string | undefined;
  /** `aksk`, `token` or `none`, and where the credentials came from. Never the secrets. */
  readonly auth: { kind: "aksk" | "token" | "none"; source: string };
  /** ListVulRepoImage: one page of the images affected by a vulnerability. */
  listVulRepoImage(
    params: ListVulRepoImageParams,
    call?: CallOptions,
  ): Promise<HssResult<ListVulRepoImageResponseBody>>;
  /** BatchScanLocalImage: queue a scan of local images. Not retried unless `retryNonIdempotent`. */
  batchScanLocalImage(
    body: LocalImageBatchScanRequestBody,
    call?: CallOptions & { enterprise_project_id?: string },
  ): Promise<HssResult<undefined>>;
  /** Every image affected by a vulnerability, page after page (see PaginateOptions). */
  paginateVulRepoImages(
    params: ListVulRepoImageParams,
    options?: PaginateOptions,
  ): AsyncIterable<VulRepoImageInfo>;
  /** Every page of images affected by a vulnerability. */
  pagesOfVulRepoImages(
    params: ListVulRepoImageParams,
    options?: PaginateOptions,
  ): AsyncIterable<VulRepoImagePage>;
  /** The same operations, returning data or throwing an HssError. */
  readonly throwing: HssThrowingOperations;
}

/** Creates a client. Throws HssConfigError when the configuration cannot work. */
export function createHssClient(options: HssClientOptions = {}): HssClient {
  const env = options.env ?? defaultEnv();
  const { endpoint, region } = resolveEndpoint(options);
  const credentials = resolveCredentials(options.credentials, env);
  const projectId = options.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const defaultRetry =
    options.retry === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0))
    throw new HssConfigError(`timeoutMs must be a positive number of ms (got ${timeoutMs})`);
  const validate = options.validate ?? true;
  const secrets =
    credentials.kind === "aksk"
      ? [credentials.sk, credentials.securityToken]
      : credentials.kind === "token"
        ? [credentials.token]
        : [];

  /** The fetch of one call; `firstAttempt` is the controller its request was built with. */
  const transportFor = (operation: string, call: CallOptions = {}, firstAttempt?: AbortController) =>
    createTransport(
      baseFetch,
      {
        operation,
        retry:
          call.retry === false ? { ...defaultRetry, maxAttempts: 1 } : { ...defaultRetry, ...call.retry },
        timeoutMs: call.timeoutMs ?? timeoutMs,
        signal: call.signal,
        firstAttempt,
      },
      options.onDebug,
    );
  /** openapi-fetch options of one call: its fetch, and the first attempt's signal (no request copy). */
  const callInit = (operation: string, call: CallOptions | undefined) => {
    const firstAttempt = new AbortController();
    return { fetch: transportFor(operation, call, firstAttempt), signal: firstAttempt.signal };
  };

  const raw = createClient<paths>({
    baseUrl: endpoint,
    fetch: transportFor("request"),
    headers: { ...options.headers, ...(region ? { region } : {}) },
  });
  if (credentials.kind !== "none") raw.use(authMiddleware(credentials, projectId));

  const fail = (error: HssError, response?: Response): HssResult<never> => ({
    error,
    requestId: response?.headers.get("x-request-id") ?? undefined,
    response,
  });

  const apiError = (operation: string, response: Response, body: unknown): HssApiError => {
    const errorBody = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const text = typeof body === "string" ? body : "";
    return new HssApiError({
      status: response.status,
      errorCode: typeof errorBody.error_code === "string" ? errorBody.error_code : `HTTP.${response.status}`,
      errorMsg: redact(
        typeof errorBody.error_msg === "string"
          ? errorBody.error_msg
          : text.slice(0, 500) || response.statusText,
        secrets,
      ),
      requestId: response.headers.get("x-request-id") ?? undefined,
      operation,
    });
  };

  const needProject = (override: string | undefined): string => {
    const id = override ?? projectId;
    if (!id)
      throw new HssConfigError("projectId is required (option projectId or HUAWEICLOUD_SDK_PROJECT_ID)");
    return id;
  };

  async function guarded<T>(operation: string, run: () => Promise<HssResult<T>>): Promise<HssResult<T>> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HssError) return fail(error);
      return fail(new HssNetworkError(`${operation}: ${String(error)}`, operation, error));
    }
  }

  const listVulRepoImage: HssClient["listVulRepoImage"] = (params, call) =>
    guarded("ListVulRepoImage", async () => {
      const { vul_id, project_id, ...rest } = params;
      const query = { ...rest };
      if (query.enterprise_project_id === undefined && options.enterpriseProjectId !== undefined)
        query.enterprise_project_id = options.enterpriseProjectId;
      const path = { project_id: needProject(project_id), vul_id };
      const header = region ? { region } : {};
      if (validate) {
        const violations = validateOperationInput(specOperations.ListVulRepoImage, { path, query, header });
        if (violations.length) return fail(new HssValidationError(violations, "ListVulRepoImage"));
      }
      const { data, error, response } = await raw.GET("/v5/{project_id}/image/{vul_id}/images", {
        params: { path, query, header },
        ...callInit("ListVulRepoImage", call),
      });
      if (error !== undefined || !response.ok)
        return fail(apiError("ListVulRepoImage", response, error), response);
      if (data === undefined)
        return fail(apiError("ListVulRepoImage", response, "empty response body"), response);
      return { data, requestId: response.headers.get("x-request-id") ?? undefined, response };
    });

  const batchScanLocalImage: HssClient["batchScanLocalImage"] = (body, call = {}) =>
    guarded("BatchScanLocalImage", async () => {
      const enterprise_project_id = call.enterprise_project_id ?? options.enterpriseProjectId;
      const query = enterprise_project_id === undefined ? {} : { enterprise_project_id };
      const path = { project_id: needProject(undefined) };
      const header = { region: region as string };
      if (validate) {
        const violations = validateOperationInput(specOperations.BatchScanLocalImage, {
          path,
          query,
          header: region ? header : {},
          body,
        });
        if (violations.length) return fail(new HssValidationError(violations, "BatchScanLocalImage"));
      }
      const { error, response } = await raw.POST("/v5/{project_id}/image/local/batch-scan", {
        params: { path, query, header },
        body,
        parseAs: "text",
        ...callInit("BatchScanLocalImage", call),
      });
      if (error !== undefined || !response.ok)
        return fail(apiError("BatchScanLocalImage", response, error), response);
      return { data: undefined, requestId: response.headers.get("x-request-id") ?? undefined, response };
    });

  const throwing: HssThrowingOperations = {
    async listVulRepoImage(params, call) {
      const result = await listVulRepoImage(params, call);
      if (result.error) throw result.error;
      return { ...result.data, requestId: result.requestId };
    },
    async batchScanLocalImage(body, call) {
      const result = await batchScanLocalImage(body, call);
      if (result.error) throw result.error;
      return { requestId: result.requestId };
    },
  };

  return {
    raw,
    endpoint,
    region,
    projectId,
    auth: { kind: credentials.kind, source: credentials.source },
    listVulRepoImage,
    batchScanLocalImage,
    paginateVulRepoImages: (params, paginateOptions) =>
      paginate(throwing.listVulRepoImage, params, paginateOptions),
    pagesOfVulRepoImages: (params, paginateOptions) =>
      paginatePages(throwing.listVulRepoImage, params, paginateOptions),
    throwing,
  };
}
