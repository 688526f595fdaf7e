/** Keeping secrets out of what the client shows: debug headers, error messages, URLs. */

/** Header names whose values are secrets. */
export const SECRET_HEADERS = [
  "authorization",
  "x-auth-token",
  "x-security-token",
  "proxy-authorization",
  "cookie",
  "set-cookie",
] as const;

/** A copy of headers with secret values masked, for logs and debug output. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === "authorization" && /^SDK-HMAC-SHA256 /.test(value))
      out[name] = value.replace(/Signature=[0-9a-fA-F]*/, "Signature=***");
    else out[name] = (SECRET_HEADERS as readonly string[]).includes(lower) ? "***" : value;
  }
  return out;
}

/** Replaces every occurrence of the given secrets, and any AK/SK signature, in text with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("***");
  return out.replace(/Signature=[0-9a-fA-F]{16,}/g, "Signature=***");
}

/** A URL as it may be shown: user name and password masked. */
export function safeUrl(url: string | URL): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? "***" : "";
      parsed.password = parsed.password ? "***" : "";
    }
    return parsed.href;
  } catch {
    return "(not a URL)";
  }
}
