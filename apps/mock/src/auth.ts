/**
 * Authentication as Huawei's API gateway does it: `token` checks X-Auth-Token; `aksk` verifies
 * the SDK-HMAC-SHA256 signature (`@hss/client/sign`'s verifier: known AK, X-Sdk-Date within 15
 * minutes, host, X-Sdk-Date, X-Project-Id and the operation's header parameters signed when sent,
 * X-Sdk-Content-Sha256 honoured, constant-time compare); `any` accepts either. Failure messages say which check
 * failed and never echo a secret.
 */
import type { IncomingHttpHeaders } from "node:http";
import { timingSafeEqual, verifySignature } from "@hss/client/sign";

/** Auth modes. */
export const AUTH_MODES = ["none", "token", "aksk", "any"] as const;
/** One auth mode. */
export type AuthMode = (typeof AUTH_MODES)[number];

/** The credentials the mock accepts. */
export interface MockCredentials {
  aksk: { ak: string; sk: string; securityToken?: string | undefined }[];
  tokens: string[];
}

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
  /** Headers that must be signed when present (the operation's header parameters). */
  mustSign: readonly string[] = [],
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
  const verified = verifySignature(
    {
      method: request.method,
      url: request.url,
      body: request.body,
      header: (name) => header(request.headers, name),
    },
    credentials.aksk,
    now,
    { mustSign },
  );
  return verified.ok ? { ok: true, kind: "aksk" } : fail(verified.reason);
}
