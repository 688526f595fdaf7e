/**
 * @hss/client: a typed client for Huawei Cloud HSS v5 ListVulRepoImage and
 * BatchScanLocalImage, generated from spec/hss.openapi.yaml.
 */
export {
  type CallOptions,
  createHssClient,
  type HssClient,
  type HssClientOptions,
  type HssResult,
  type HssThrowingOperations,
} from "./client.js";
export {
  type Credentials,
  defaultEnv,
  type Env,
  endpointForRegion,
  type ResolvedCredentials,
  resolveCredentials,
  resolveEndpoint,
  type TokenCredentials,
} from "./config.js";
export {
  HssAbortError,
  HssApiError,
  HssConfigError,
  HssError,
  HssNetworkError,
  HssTimeoutError,
  HssValidationError,
  redact,
  redactHeaders,
  SECRET_HEADERS,
  type Violation,
} from "./errors.js";
export type { components, operations as OperationTypes, paths } from "./generated/hss.js";
export { operations, servers, specVersion } from "./generated/operations.js";
export type { PaginateOptions, VulRepoImagePage } from "./paginate.js";
export {
  type AkSkCredentials,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  computeSignature,
  EMPTY_BODY_SHA256,
  encodeRfc3986,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  SIGNING_ALGORITHM,
  type SignableRequest,
  signRequest,
  timingSafeEqual,
} from "./signer.js";
export type * from "./spec-types.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  type DebugEvent,
  parseRetryAfter,
  type RetryOptions,
} from "./transport.js";
export type * from "./types.js";
export {
  describeSchema,
  type OperationInput,
  parameterDefault,
  parameterSchema,
  parseParameter,
  validateOperationInput,
  validateValue,
} from "./validate.js";
