/**
 * AK/SK request signing, `SDK-HMAC-SHA256`, as Huawei Cloud's API gateway verifies it and
 * Huawei's SDKs compute it (see shared/API-NOTES.md). Pure functions over plain data, shared
 * by the client (to sign) and the mock (to verify).
 *
 * Deliberate choice: the canonical URI is built by decoding each path segment once and
 * encoding it once (RFC 3986 unreserved characters kept), as the gateway and the Python and
 * Go signers do. Huawei's Node signer encodes the already-encoded path again, so for a
 * segment with a space or `:` it signs `%2520`/`%253A`; that differs on purpose.
 */
import { digestHex, hmacHex } from "./sha256.js";

/** The signing algorithm's name, first word of the Authorization header. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
/** Hex SHA-256 of the empty body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The header whose value, when signed, replaces the body's hash in the canonical request. */
export const CONTENT_SHA256 = "x-sdk-content-sha256";

/** Its value for a body the signature does not cover (Huawei's SDKs send it for non-JSON bodies). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** What the signature covers. Header names may be in any case; values as sent. */
export interface SignableRequest {
  method: string;
  /** The full URL as sent (scheme, host, path, query). */
  url: string | URL;
  /** The headers to sign (the caller chooses which). */
  headers: Record<string, string>;
  /** The exact body bytes sent, or a string sent as UTF-8; absent or empty for no body. */
  body?: Uint8Array | string | undefined;
}

/** AK/SK credentials; `securityToken` for temporary credentials. */
export interface AkSkCredentials {
  ak: string;
  sk: string;
  securityToken?: string | undefined;
}

/** Only RFC 3986 unreserved characters: what decoding and encoding both leave as it is. */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** Percent-encodes a string's UTF-8 bytes, keeping only RFC 3986 unreserved characters. */
export function encodeRfc3986(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes percent-escapes; a malformed escape is kept literally rather than thrown. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : m;
    });
  }
}

/** safeDecode, skipped for text without escapes. */
const decodeComponent = (value: string) => (value.includes("%") ? safeDecode(value) : value);

/** Canonical URI: each segment decoded, then encoded once; always ends in `/`. */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split("/")
    .map((segment) => (UNRESERVED.test(segment) ? segment : encodeRfc3986(safeDecode(segment))))
    .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * Canonical query: parameters decoded from the query string as sent, sorted by name then
 * value (code point order), each name and value encoded per RFC 3986, joined with `&`.
 * A raw `+` is a space, as the gateway reads it: Huawei's Go SDK sends spaces as `+` (form
 * encoding) but signs them as `%20`. (This client always sends `%20` and `%2B`.)
 */
export function canonicalQuery(search: string): string {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query) return "";
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const plain = part.includes("+") ? part.replace(/\+/g, " ") : part;
    const name = decodeComponent(eq < 0 ? plain : plain.slice(0, eq));
    const value = eq < 0 ? "" : decodeComponent(plain.slice(eq + 1));
    pairs.push([name, value]);
  }
  pairs.sort(([an, av], [bn, bv]) => compareCodePoints(an, bn) || compareCodePoints(av, bv));
  return pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join("&");
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Code point order. UTF-16 code unit order is the same except where a surrogate (half of a code
 * point above U+FFFF) meets a unit from U+E000 up: that unit sorts first by code point, so the
 * first differing units decide unless exactly one of them is a surrogate.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate against a unit below it (< U+D800) or above it (>= U+E000): its code point is larger.
    if (isSurrogate(x) !== isSurrogate(y)) return isSurrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Lowercased, sorted header names and the canonical header block (`name:value\n` each). */
export function canonicalHeaders(headers: Record<string, string>): { names: string; block: string } {
  const lower = new Map<string, string>();
  for (const name of Object.keys(headers)) lower.set(name.toLowerCase(), String(headers[name]).trim());
  const names = [...lower.keys()].sort();
  return { names: names.join(";"), block: names.map((n) => `${n}:${lower.get(n)}\n`).join("") };
}

/**
 * The canonical request, string to sign and signature of a request at `date`
 * (`YYYYMMDDTHHMMSSZ`), over exactly the headers given.
 */
export function computeSignature(
  request: SignableRequest,
  sk: string,
  date: string,
): { canonicalRequest: string; stringToSign: string; signature: string; signedHeaders: string } {
  return signatureOf(request, typeof request.url === "string" ? new URL(request.url) : request.url, sk, date);
}

/** computeSignature over a URL already parsed. */
function signatureOf(
  request: SignableRequest,
  url: URL,
  sk: string,
  date: string,
): { canonicalRequest: string; stringToSign: string; signature: string; signedHeaders: string } {
  const { names, block } = canonicalHeaders(request.headers);
  const body = request.body;
  // As Huawei's SDKs do: a signed X-Sdk-Content-Sha256 (`UNSIGNED-PAYLOAD`, or the body's hash
  // computed elsewhere) stands for the body in the canonical request.
  let declared: string | undefined;
  for (const name of Object.keys(request.headers))
    if (name.toLowerCase() === CONTENT_SHA256) {
      declared = request.headers[name];
      break;
    }
  const payloadHash =
    declared !== undefined
      ? declared.trim()
      : body === undefined || body.length === 0
        ? EMPTY_BODY_SHA256
        : digestHex(body);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    block,
    names,
    payloadHash,
  ].join("\n");
  const stringToSign = `${SIGNING_ALGORITHM}\n${date}\n${digestHex(canonicalRequest)}`;
  const signature = hmacHex(sk, stringToSign);
  return { canonicalRequest, stringToSign, signature, signedHeaders: names };
}

let lastSecond = Number.NaN;
let lastDate = "";

/** Formats a time as the `X-Sdk-Date` value, `YYYYMMDDTHHMMSSZ` in UTC (the last second's text reused). */
export function formatSdkDate(time: Date): string {
  const second = Math.floor(time.getTime() / 1000);
  if (second !== lastSecond) {
    lastDate = `${time.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
    lastSecond = second;
  }
  return lastDate;
}

/**
 * Signs a request: returns the headers to add (`X-Sdk-Date` unless given, `X-Security-Token`
 * for temporary credentials, and `Authorization`). Every header in `request.headers` is signed,
 * plus the added ones and `host` (from the URL, as the HTTP client will send it) when absent.
 */
export function signRequest(
  request: SignableRequest,
  credentials: AkSkCredentials,
  now: Date = new Date(),
): Record<string, string> {
  return signWithSignature(request, credentials, now).added;
}

/** signRequest, also returning the signature itself (what the client redacts from echoes). */
export function signWithSignature(
  request: SignableRequest,
  credentials: AkSkCredentials,
  now: Date = new Date(),
): { added: Record<string, string>; signature: string } {
  const added: Record<string, string> = {};
  let given: string | undefined;
  let hasHost = false;
  for (const name of Object.keys(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === "x-sdk-date") given ??= request.headers[name];
    else if (lower === "host") hasHost = true;
  }
  const date = given ?? formatSdkDate(now);
  if (!given) added["X-Sdk-Date"] = date;
  if (credentials.securityToken) added["X-Security-Token"] = credentials.securityToken;
  const headers: Record<string, string> = { ...request.headers, ...added };
  const url = typeof request.url === "string" ? new URL(request.url) : request.url;
  if (!hasHost) headers.host = url.host;
  const { signature, signedHeaders } = signatureOf({ ...request, headers }, url, credentials.sk, date);
  added.Authorization = `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { added, signature };
}
