/**
 * @hss/client: a typed client for Huawei Cloud HSS v5, generated from spec/hss.openapi.yaml.
 * The spec's runtime (operation table, types, validator) is `@hss/client/spec`; request signing
 * and its verification are `@hss/client/sign`.
 */
export {
  type ContextParameter,
  type HssResult,
  type OperationArgs,
  type OperationInput,
  send,
  sendAny,
  sendOrThrow,
  sendOrThrowAny,
  type ThrowingResult,
} from "./call.js";
export {
  createHssClient,
  type HssClient,
  type HssItemIterators,
  type HssOperations,
  type HssPageIterators,
  type HssThrowingOperations,
  type MethodName,
  methodName,
} from "./client.js";
export {
  CREDENTIAL_VARIABLES,
  type Credentials,
  defaultEnv,
  type Env,
  endpointForRegion,
  type ResolvedCredentials,
  resolveCredentials,
  resolveEndpoint,
  type TokenCredentials,
} from "./config.js";
export { type CallOptions, createHssCore, type HssClientOptions, type HssCore } from "./core.js";
export {
  HssAbortError,
  HssApiError,
  HssConfigError,
  HssError,
  HssNetworkError,
  HssRedirectError,
  HssResponseError,
  HssTimeoutError,
  HssValidationError,
} from "./errors.js";
export type * from "./generated/hss.js";
export type { operations as OperationTypes } from "./generated/hss.js";
export {
  items,
  MAX_PREFETCH,
  type Page,
  type PageArgs,
  type PaginateOptions,
  pages,
  reachableItems,
  walkItems,
  walkPages,
} from "./paginate.js";
export { redact, redactHeaders, SECRET_HEADERS, safeUrl } from "./redact.js";
export type { AkSkCredentials } from "./sign/signer.js";
export type {
  OperationId,
  PagedOperationId,
  PageItem,
  RequestBody,
  ResponseBody,
  SchemaOf,
} from "./spec/types.js";
export type { Violation } from "./spec/validate.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  type DebugEvent,
  parseRetryAfter,
  type RetryOptions,
} from "./transport.js";
