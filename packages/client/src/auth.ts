/**
 * Authentication as openapi-fetch middleware: adds `X-Auth-Token`, or signs the request with
 * AK/SK over the exact bytes and headers that will be sent (plus `host`, `X-Sdk-Date`,
 * `X-Project-Id`, and `X-Security-Token` with temporary credentials).
 */
import type { Middleware } from "openapi-fetch";
import type { ResolvedCredentials } from "./config.js";
import { signRequest } from "./signer.js";

/**
 * Header names the gateway does not pass on (it drops names with `_`), so they are never
 * signed, as in Huawei's Python and Go signers.
 */
function signable(name: string): boolean {
  return !name.includes("_");
}

/** The auth middleware for resolved credentials; `now` is injectable for tests. */
export function authMiddleware(
  credentials: ResolvedCredentials,
  projectId: string | undefined,
  now: () => Date = () => new Date(),
): Middleware {
  return {
    async onRequest({ request }) {
      if (credentials.kind === "none") return undefined;
      const headers = new Headers(request.headers);
      if (credentials.kind === "token") {
        headers.set("X-Auth-Token", credentials.token);
        return new Request(request, { headers });
      }
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      if (projectId) headers.set("X-Project-Id", projectId);
      const toSign: Record<string, string> = {};
      for (const [name, value] of headers) if (signable(name)) toSign[name] = value;
      const added = signRequest(
        { method: request.method, url: request.url, headers: toSign, body },
        credentials,
        now(),
      );
      for (const [name, value] of Object.entries(added)) headers.set(name, value);
      return new Request(request.url, {
        method: request.method,
        headers,
        body,
        redirect: request.redirect,
        signal: request.signal,
      });
    },
  };
}
