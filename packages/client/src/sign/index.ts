/**
 * `@hss/client/sign`: SDK-HMAC-SHA256 request signing as Huawei's SDKs compute it, and its
 * verification as Huawei's API gateway does it. Pure TypeScript (SHA-256 and HMAC included), no
 * Node-only API, so it runs wherever the client runs.
 */
export { hmacSha256, sha256Hex } from "./sha256.js";
export {
  type AkSkCredentials,
  CONTENT_SHA256,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  computeSignature,
  EMPTY_BODY_SHA256,
  encodeRfc3986,
  formatSdkDate,
  SIGNING_ALGORITHM,
  type SignableRequest,
  signRequest,
  UNSIGNED_PAYLOAD,
} from "./signer.js";
export {
  type ArrivedRequest,
  MAX_SKEW_MS,
  parseAuthorization,
  parseSdkDate,
  timingSafeEqual,
  type Verification,
  type VerifyOptions,
  verifySignature,
} from "./verify.js";
