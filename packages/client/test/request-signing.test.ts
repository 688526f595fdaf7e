/**
 * AK/SK signing at its edges (`@hss/client/sign`): what the signature covers when the caller sets
 * Host or X-Sdk-Content-Sha256 itself, how odd query strings are put in canonical form, the HMAC key
 * sizes around SHA-256's block, and how strictly the Authorization header is read. Expected values
 * come from node:crypto, from Huawei's Node SDK signer, or from the verifier accepting (or refusing)
 * what the signer produced as the request would arrive over HTTP.
 */
import { createHash, createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  computeSignature,
  hmacSha256,
  parseAuthorization,
  sha256Hex,
  signRequest,
  verifySignature,
} from "../src/sign/index.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> };
};

const credentials = { ak: "AK-EDGE", sk: "edge/secret+key" };
const keys = [credentials];
const date = "20260301T101500Z";
const now = Date.UTC(2026, 2, 1, 10, 15, 0);
const encoder = new TextEncoder();

/** The request as a server receives it: header names lowercased, values trimmed as HTTP delivers them. */
function arrived(target: string, headers: Record<string, string>, body = "", method = "POST") {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  return { method, url: target, header: (n: string) => lower.get(n), body: encoder.encode(body) };
}

describe("HMAC-SHA256 keys around the 64-byte block size agree with node:crypto", () => {
  it.each([0, 1, 63, 64, 65, 100, 200])("a %d-byte key", (length) => {
    const key = "k".repeat(length);
    for (const message of ["", "SDK-HMAC-SHA256\n20260301T101500Z\nabc", "x".repeat(200)])
      expect(Buffer.from(hmacSha256(key, message)).toString("hex")).toBe(
        createHmac("sha256", key).update(message).digest("hex"),
      );
  });

  it("a key of bytes (not text) is used as those bytes", () => {
    const key = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    expect(Buffer.from(hmacSha256(key, "m")).toString("hex")).toBe(
      createHmac("sha256", key).update("m").digest("hex"),
    );
  });

  it("SHA-256 of byte arrays at the padding boundaries agrees with node:crypto", () => {
    for (const length of [55, 56, 57, 63, 64, 119, 120, 4096]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31) & 0xff);
      expect(sha256Hex(bytes), String(length)).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });
});

describe("the Host that is signed", () => {
  const url = "https://hss.cn-north-4.myhuaweicloud.com:8443/v5/p/image/local/batch-scan";
  const target = "/v5/p/image/local/batch-scan";

  it("without a Host header, the URL's host with its port is signed, as Huawei's Node SDK signs it", () => {
    const headers = { "X-Sdk-Date": date, "Content-Type": "application/json" };
    const body = '{"operate_all":true}';
    const ours = signRequest({ method: "POST", url, headers, body }, credentials);
    const official = AKSKSigner.sign(
      { method: "POST", endpoint: url, headers, queryParams: {}, data: { operate_all: true } },
      { getAk: () => credentials.ak, getSk: () => credentials.sk },
    );
    expect(ours.Authorization).toBe(official.Authorization);
    const host = "hss.cn-north-4.myhuaweicloud.com:8443";
    expect(verifySignature(arrived(target, { ...headers, ...ours, host }, body), keys, now)).toEqual({
      ok: true,
      ak: credentials.ak,
    });
    const withoutPort = { ...headers, ...ours, host: "hss.cn-north-4.myhuaweicloud.com" };
    expect(verifySignature(arrived(target, withoutPort, body), keys, now)).toEqual({
      ok: false,
      reason: "verify aksk signature fail",
    });
  });

  it.each(["Host", "host", "HOST"])(
    "a %s header the caller sets (a proxy's name) is signed once, with its value, not the URL's",
    (name) => {
      const headers = { [name]: "proxy.example", "X-Sdk-Date": date };
      const added = signRequest({ method: "POST", url, headers, body: "{}" }, credentials);
      expect(parseAuthorization(added.Authorization as string)?.signedHeaders).toEqual([
        "host",
        "x-sdk-date",
      ]);
      expect(verifySignature(arrived(target, { ...headers, ...added }, "{}"), keys, now).ok).toBe(true);
      const urlHost = { ...headers, ...added, [name]: "hss.cn-north-4.myhuaweicloud.com:8443" };
      expect(verifySignature(arrived(target, urlHost, "{}"), keys, now).ok).toBe(false);
    },
  );
});

describe("a body hash the caller declares in X-Sdk-Content-Sha256", () => {
  const url = "https://hss.example/v5/p/image/local/batch-scan";
  const target = "/v5/p/image/local/batch-scan";

  it("stands for the body as the header arrives, surrounding blanks trimmed", () => {
    const body = '{"operate_all":true}';
    for (const declared of [" UNSIGNED-PAYLOAD ", `\t${sha256Hex(body)} `]) {
      const headers = { host: "hss.example", "X-Sdk-Date": date, "X-Sdk-Content-Sha256": declared };
      const added = signRequest({ method: "POST", url, headers, body }, credentials);
      expect(verifySignature(arrived(target, { ...headers, ...added }, body), keys, now), declared).toEqual({
        ok: true,
        ak: credentials.ak,
      });
    }
  });

  it("UNSIGNED-PAYLOAD leaves the body out of the signature; the body's own hash does not", () => {
    const headers = { host: "hss.example", "X-Sdk-Date": date, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" };
    const a = computeSignature({ method: "POST", url, headers, body: "one" }, credentials.sk, date);
    const b = computeSignature({ method: "POST", url, headers, body: "two" }, credentials.sk, date);
    expect(a.signature).toBe(b.signature);
    const plain = { host: "hss.example", "X-Sdk-Date": date };
    expect(
      computeSignature({ method: "POST", url, headers: plain, body: "one" }, credentials.sk, date).signature,
    ).not.toBe(
      computeSignature({ method: "POST", url, headers: plain, body: "two" }, credentials.sk, date).signature,
    );
  });
});

describe("canonical query strings of unusual queries", () => {
  it("empty parameters (`&&`, a leading or trailing `&`) are no parameters, as URLSearchParams reads them", () => {
    expect(canonicalQuery("?&b=2&&a=1&")).toBe("a=1&b=2");
    expect([...new URLSearchParams("?&b=2&&a=1&").keys()]).toEqual(["b", "a"]);
  });

  it("a parameter written `=x` has an empty name and the value x", () => {
    expect(canonicalQuery("b=1&=x")).toBe("=x&b=1");
    expect(canonicalQuery("=")).toBe("=");
  });

  it("a malformed escape is kept as text (`%` encoded as %25); ASCII escapes beside it are decoded", () => {
    // %E0%A4 is the start of a three-byte character cut short: decodeURIComponent throws on it.
    expect(canonicalQuery("q=%41%E0%A4%A")).toBe("q=A%25E0%25A4%25A");
    // %7F is ASCII (decoded, then encoded again); %80 alone is no character (kept as text).
    expect(canonicalQuery("q=%7F%80%7e")).toBe("q=%7F%2580~");
    expect(canonicalQuery("%4a%ZZ=1")).toBe("J%25ZZ=1");
  });
});

describe("reading the Authorization header", () => {
  const signature = "0123456789abcdef".repeat(4);

  it("whitespace around and between its parts is allowed, as long as the commas are there", () => {
    for (const text of [
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=${signature}`,
      `  SDK-HMAC-SHA256  Access=AK,SignedHeaders=host;x-sdk-date,  Signature=${signature} `,
      `SDK-HMAC-SHA256\tAccess=AK,\t\tSignedHeaders=host;x-sdk-date,Signature=${signature}`,
    ])
      expect(parseAuthorization(text), text).toEqual({
        access: "AK",
        signedHeaders: ["host", "x-sdk-date"],
        signature,
      });
  });

  it.each([
    [
      "another scheme in front",
      `Bearer SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}`,
    ],
    ["no blank after the scheme", `SDK-HMAC-SHA256Access=AK, SignedHeaders=host, Signature=${signature}`],
    [
      "a signature longer than 64 hex digits",
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}0`,
    ],
    [
      "a signature shorter than 64 hex digits",
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature.slice(1)}`,
    ],
    [
      "an uppercase signature",
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature.toUpperCase()}`,
    ],
    [
      "text after the signature",
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}, x=y`,
    ],
    ["no comma between parts", `SDK-HMAC-SHA256 Access=AK SignedHeaders=host, Signature=${signature}`],
    ["an empty AK", `SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=${signature}`],
  ])("is refused with %s", (_what, text) => {
    expect(parseAuthorization(text)).toBeUndefined();
  });

  it("a signed request whose Authorization arrives with surrounding blanks still verifies", () => {
    const url = "https://hss.example/v5/p/image/local/batch-scan";
    const headers = { host: "hss.example", "X-Sdk-Date": date };
    const added = signRequest({ method: "POST", url, headers, body: "{}" }, credentials);
    const lower = new Map<string, string>([
      ["host", "hss.example"],
      ["x-sdk-date", date],
      ["authorization", `  ${added.Authorization}  `],
    ]);
    const request = {
      method: "POST",
      url: "/v5/p/image/local/batch-scan",
      header: (n: string) => lower.get(n),
      body: encoder.encode("{}"),
    };
    expect(verifySignature(request, keys, now)).toEqual({ ok: true, ak: credentials.ak });
  });
});

describe("what the verifier makes of a request as a server hands it over", () => {
  const url = "https://hss.example/v5/p/image/local/batch-scan";
  const target = "/v5/p/image/local/batch-scan";
  const signedRequest = (extra: Record<string, string> = {}) => {
    const headers = { host: "hss.example", "X-Sdk-Date": date, ...extra };
    return { ...headers, ...signRequest({ method: "POST", url, headers, body: "{}" }, credentials) };
  };

  it("a request target that is no URL is refused as such, after the signature's other checks pass", () => {
    const request = arrived("http://[/v5/p/image/local/batch-scan", signedRequest(), "{}");
    expect(verifySignature(request, keys, now)).toEqual({
      ok: false,
      reason: "the request target cannot be parsed",
    });
  });

  it("a request that carries no Host header at all is still refused unless host was signed", () => {
    const headers = { "X-Sdk-Date": date };
    const { signature, signedHeaders } = computeSignature(
      { method: "POST", url, headers, body: "{}" },
      credentials.sk,
      date,
    );
    expect(signedHeaders).toBe("x-sdk-date");
    const authorization = `SDK-HMAC-SHA256 Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    const request = arrived(target, { ...headers, authorization }, "{}");
    expect(request.header("host")).toBeUndefined();
    expect(verifySignature(request, keys, now)).toEqual({
      ok: false,
      reason: "host is not among the signed headers",
    });
  });

  it("a target given as a full URL is read for its path and query only", () => {
    const request = arrived(`http://elsewhere.example${target}`, signedRequest(), "{}");
    expect(verifySignature(request, keys, now)).toEqual({ ok: true, ak: credentials.ak });
  });
});
