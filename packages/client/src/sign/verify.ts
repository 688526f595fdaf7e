/**
 * Verifying `SDK-HMAC-SHA256` signatures as Huawei's API gateway does: the server's side of
 * signer.ts, used by the mock and by anyone who fakes or fronts HSS. The canonical request is
 * rebuilt from what arrived (method, target, the signed headers, the body bytes), the AK must be
 * known, `X-Sdk-Date` within 15 minutes, the security token of temporary credentials present
 * and signed, and the signature is compared in constant time. Messages say which check failed
 * and never hold a secret.
 */
import { digestHex } from "./sha256.js";
import {
  type AkSkCredentials,
  CONTENT_SHA256,
  computeSignature,
  formatSdkDate,
  SIGNING_ALGORITHM,
  UNSIGNED_PAYLOAD,
} from "./signer.js";

/** The largest clock skew the gateway accepts, ms. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** Parses an `X-Sdk-Date` value; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) || formatSdkDate(date) !== value ? undefined : date;
}

/** The parts of an `Authorization: SDK-HMAC-SHA256 ...` header; undefined when malformed. */
export function parseAuthorization(
  value: string,
): { access: string; signedHeaders: string[]; signature: string } | undefined {
  const m =
    /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      value.trim(),
    );
  if (!m) return undefined;
  return { access: m[1] as string, signedHeaders: (m[2] as string).split(";"), signature: m[3] as string };
}

/** Compares two strings in time independent of where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** A request as it arrived, for verification. */
export interface ArrivedRequest {
  method: string;
  /** The request target as it arrived (path and query), or a full URL. */
  url: string;
  /** Header values by lowercase name (repeated headers joined with ", "). */
  header(name: string): string | undefined;
  /** The exact body bytes. */
  body: Uint8Array;
}

/** What a verifier demands beyond the gateway's own rules. */
export interface VerifyOptions {
  /**
   * Headers that must be signed when the request carries them (lowercase names), e.g. the
   * operation's header parameters: a header that changes what a request means cannot be changed
   * under a valid signature. `host` and `x-sdk-date` are always required.
   */
  mustSign?: readonly string[];
}

/** The outcome: the AK that signed, or what failed. */
export type Verification = { ok: true; ak: string } | { ok: false; reason: string };

/**
 * Verifies a request's AK/SK signature against the known keys at time `now` (epoch ms).
 *
 * As Huawei's gateway and SDKs have it: `host` and `X-Sdk-Date` are signed; a signed
 * `X-Sdk-Content-Sha256` stands for the body, either `UNSIGNED-PAYLOAD` (the body is then not
 * covered, as Huawei's Python, Go, Java and Node signers send for non-JSON bodies) or the body's
 * SHA-256 hex, which must match the bytes that arrived.
 */
export function verifySignature(
  request: ArrivedRequest,
  keys: readonly AkSkCredentials[],
  now: number,
  options: VerifyOptions = {},
): Verification {
  const fail = (reason: string): Verification => ({ ok: false, reason });
  const authorization = request.header("authorization");
  if (!authorization) return fail("Authorization (AK/SK signature) is missing");
  if (!authorization.trimStart().startsWith(SIGNING_ALGORITHM))
    return fail(`Authorization is not an ${SIGNING_ALGORITHM} signature`);
  const parsed = parseAuthorization(authorization);
  if (!parsed) return fail(`Authorization is not an ${SIGNING_ALGORITHM} signature`);
  const key = keys.find((c) => timingSafeEqual(c.ak, parsed.access));
  if (!key) return fail("the access key (AK) is not known");
  const dateText = request.header("x-sdk-date");
  if (!dateText) return fail("X-Sdk-Date is missing");
  const date = parseSdkDate(dateText);
  if (!date) return fail("X-Sdk-Date must be YYYYMMDDTHHMMSSZ (UTC)");
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS)
    return fail("X-Sdk-Date is more than 15 minutes from the server's time");
  if (!parsed.signedHeaders.includes("x-sdk-date")) return fail("X-Sdk-Date is not among the signed headers");
  if (key.securityToken) {
    const sent = request.header("x-security-token");
    if (!sent || !timingSafeEqual(sent, key.securityToken))
      return fail("X-Security-Token is missing or not valid");
    if (!parsed.signedHeaders.includes("x-security-token"))
      return fail("X-Security-Token is not among the signed headers");
  }
  for (const name of ["host", ...(options.mustSign ?? [])])
    if ((name === "host" || request.header(name) !== undefined) && !parsed.signedHeaders.includes(name))
      return fail(`${name} is not among the signed headers`);
  const declared = request.header(CONTENT_SHA256);
  if (declared !== undefined) {
    if (!parsed.signedHeaders.includes(CONTENT_SHA256))
      return fail("X-Sdk-Content-Sha256 is not among the signed headers");
    const value = declared.trim();
    if (value !== UNSIGNED_PAYLOAD && !timingSafeEqual(value, digestHex(request.body)))
      return fail(`X-Sdk-Content-Sha256 must be ${UNSIGNED_PAYLOAD} or the SHA-256 of the body`);
  }
  const signed: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = request.header(name);
    if (value === undefined) return fail(`signed header ${name} is missing`);
    signed[name] = value;
  }
  let url: URL;
  try {
    url = new URL(request.url, "http://verify.invalid");
  } catch {
    return fail("the request target cannot be parsed");
  }
  const { signature } = computeSignature(
    { method: request.method, url, headers: signed, body: request.body },
    key.sk,
    dateText,
  );
  return timingSafeEqual(signature, parsed.signature)
    ? { ok: true, ak: key.ak }
    : fail("verify aksk signature fail");
}
