/**
 * Authentication as Huawei's API gateway does it: `token` checks X-Auth-Token; `aksk` rebuilds
 * the canonical request from what arrived and verifies the SDK-HMAC-SHA256 signature (known
 * AK, X-Sdk-Date within 15 minutes, constant-time compare); `any` accepts either. Failure
 * messages say which check failed and never echo a secret.
 */
import type { IncomingHttpHeaders } from "node:http";
import { computeSignature, parseAuthorization, parseSdkDate, timingSafeEqual } from "@hss/client";

/** Auth modes. */
export const AUTH_MODES = ["none", "token", "aksk", "any"] as const;
/** One auth mode. */
export type AuthMode = (typeof AUTH_MODES)[number];

/** The credentials the mock accepts. */
export interface MockCredentials {
  aksk: { ak: string; sk: string; securityToken?: string | undefined }[];
  tokens: string[];
}

/** The largest clock skew the gateway accepts, ms. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** The outcome of the check. */
export type AuthResult = { ok: true; kind: "none" | "token" | "aksk" } | { ok: false; message: string };

const fail = (detail: string): AuthResult => ({
  ok: false,
  message: `Incorrect IAM authentication information: ${detail}`,
});

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Checks a request's credentials. `url` is the request target as it arrived (path and query). */
export function authenticate(
  mode: AuthMode,
  credentials: MockCredentials,
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Uint8Array },
  now: number,
): AuthResult {
  if (mode === "none") return { ok: true, kind: "none" };
  const authorization = header(request.headers, "authorization");
  const token = header(request.headers, "x-auth-token");
  if (mode === "token" || (mode === "any" && !authorization)) {
    if (!token)
      return fail(mode === "any" ? "no X-Auth-Token and no AK/SK signature" : "X-Auth-Token is missing");
    return credentials.tokens.some((t) => timingSafeEqual(t, token))
      ? { ok: true, kind: "token" }
      : fail("the token is not valid");
  }
  if (!authorization) return fail("Authorization (AK/SK signature) is missing");
  const parsed = parseAuthorization(authorization);
  if (!parsed) return fail("Authorization is not an SDK-HMAC-SHA256 signature");
  const key = credentials.aksk.find((c) => timingSafeEqual(c.ak, parsed.access));
  if (!key) return fail("the access key (AK) is not known");
  const dateText = header(request.headers, "x-sdk-date");
  if (!dateText) return fail("X-Sdk-Date is missing");
  const date = parseSdkDate(dateText);
  if (!date) return fail("X-Sdk-Date must be YYYYMMDDTHHMMSSZ (UTC)");
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS)
    return fail("X-Sdk-Date is more than 15 minutes from the server's time");
  if (!parsed.signedHeaders.includes("x-sdk-date")) return fail("X-Sdk-Date is not among the signed headers");
  if (key.securityToken) {
    const sent = header(request.headers, "x-security-token");
    if (!sent || !timingSafeEqual(sent, key.securityToken))
      return fail("X-Security-Token is missing or not valid");
    if (!parsed.signedHeaders.includes("x-security-token"))
      return fail("X-Security-Token is not among the signed headers");
  }
  const signed: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return fail(`signed header ${name} is missing`);
    signed[name] = value;
  }
  let url: URL;
  try {
    url = new URL(request.url, "http://mock.invalid");
  } catch {
    return fail("the request target cannot be parsed");
  }
  const { signature } = computeSignature(
    { method: request.method, url, headers: signed, body: request.body },
    key.sk,
    dateText,
  );
  return timingSafeEqual(signature, parsed.signature)
    ? { ok: true, kind: "aksk" }
    : fail("verify aksk signature fail");
}
