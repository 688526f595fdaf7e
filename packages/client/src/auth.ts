/**
 * Authentication of one attempt, applied by the transport right before the request leaves
 * (after any user middleware, and again on each retry so `X-Sdk-Date` is always fresh): adds
 * `X-Auth-Token`, or signs with AK/SK over the exact bytes and headers that will be sent (plus
 * `host`, `X-Sdk-Date`, `X-Project-Id`, and `X-Security-Token` with temporary credentials).
 */
import type { ResolvedCredentials } from "./config.js";
import { signWithSignature } from "./sign/signer.js";

/** One attempt's request, whose headers authentication may add to. */
export interface OutgoingRequest {
  method: string;
  url: string;
  /** The headers that will be sent, by lower-case name (the transport's plain copy). */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

/** Adds credentials to an attempt; returns the signature sent, if any (to redact echoes of it). */
export type Authenticate = (request: OutgoingRequest) => string | undefined;

/**
 * Header names that are never signed: names with `_`, which the gateway drops (as Huawei's
 * Python and Go signers skip them), and `user-agent`, which proxies may rewrite.
 */
function signable(name: string): boolean {
  return !name.includes("_") && name !== "user-agent";
}

/** The authenticator of resolved credentials; `now` is injectable for tests. */
export function authenticator(
  credentials: ResolvedCredentials,
  projectId: string | undefined,
  now: () => Date = () => new Date(),
): Authenticate | undefined {
  if (credentials.kind === "none") return undefined;
  if (credentials.kind === "token") {
    const { token } = credentials;
    return ({ headers }) => {
      headers["x-auth-token"] = token;
      return undefined;
    };
  }
  return ({ method, url, headers, body }) => {
    if (projectId && headers["x-project-id"] === undefined) headers["x-project-id"] = projectId;
    delete headers["x-sdk-date"];
    const toSign: Record<string, string> = {};
    for (const name in headers) if (signable(name)) toSign[name] = headers[name] as string;
    const { added, signature } = signWithSignature(
      { method, url, headers: toSign, body },
      credentials,
      now(),
    );
    for (const name in added) headers[name.toLowerCase()] = added[name] as string;
    return signature;
  };
}
