/**
 * What the client shows of secrets: debug headers masked by name (a signature keeps its AK and
 * signed header names but not its hex), secrets and signatures cut out of server text, and URLs
 * or endpoints shown without user name or password.
 */
import { describe, expect, it } from "vitest";
import { redact, redactHeaders, SECRET_HEADERS, safeUrl } from "../src/index.js";
import { endpointProblem } from "../src/spec/endpoint.js";

describe("redactHeaders", () => {
  it("masks every secret header by name, in any case, and keeps the others", () => {
    const headers: Record<string, string> = { "Content-Type": "application/json", region: "cn-north-4" };
    for (const name of SECRET_HEADERS) headers[name.toUpperCase()] = `value-of-${name}`;
    const out = redactHeaders(headers);
    for (const name of SECRET_HEADERS) expect(out[name.toUpperCase()], name).toBe("***");
    expect(out["Content-Type"]).toBe("application/json");
    expect(out.region).toBe("cn-north-4");
    expect(SECRET_HEADERS).toEqual([
      "authorization",
      "x-auth-token",
      "x-security-token",
      "proxy-authorization",
      "cookie",
      "set-cookie",
    ]);
  });

  it("an AK/SK Authorization keeps its AK and signed header names; only the signature is masked", () => {
    const value =
      "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=0123456789abcdefABCDEF";
    expect(redactHeaders(new Headers({ Authorization: value }))).toEqual({
      authorization: "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=***",
    });
    expect(redactHeaders({ Authorization: "Bearer SDK-HMAC-SHA256 Signature=00" })).toEqual({
      Authorization: "***",
    });
  });
});

describe("redact", () => {
  it("cuts every occurrence of each secret of 4 characters or more", () => {
    expect(redact("token abcd and abcd again, sk wxyz", ["abcd", "wxyz", undefined])).toBe(
      "token *** and *** again, sk ***",
    );
    expect(redact("short abc stays", ["abc"])).toBe("short abc stays");
  });

  it("cuts any AK/SK signature of 16 hex digits or more, secrets given or not", () => {
    expect(redact("echo Signature=0123456789abcdef0123 end", [])).toBe("echo Signature=*** end");
    expect(redact("a Signature=0123456789abcdef b Signature=fedcba9876543210", [])).toBe(
      "a Signature=*** b Signature=***",
    );
    expect(redact("Signature=0123456789abcde is too short", [])).toBe(
      "Signature=0123456789abcde is too short",
    );
  });
});

describe("URLs and endpoints as shown", () => {
  it("safeUrl masks a user name and a password, each only when present", () => {
    expect(safeUrl("https://user:pass@h.example/p?q=1")).toBe("https://***:***@h.example/p?q=1");
    expect(safeUrl("https://user@h.example/")).toBe("https://***@h.example/");
    expect(safeUrl(new URL("https://:pass@h.example/"))).toBe("https://:***@h.example/");
    expect(safeUrl("https://h.example/x")).toBe("https://h.example/x");
    expect(safeUrl("not a url")).toBe("(not a URL)");
  });

  it("endpointProblem accepts absolute http(s) URLs and names what is wrong with the rest, never a password", () => {
    expect(endpointProblem("https://hss.cn-north-4.myhuaweicloud.com")).toBeUndefined();
    expect(endpointProblem("http://127.0.0.1:4010/base")).toBeUndefined();
    expect(endpointProblem("hss.example")).toBe('must be an absolute http(s) URL (got "hss.example")');
    expect(endpointProblem("ftp://h.example")).toBe("must use http or https (got ftp:)");
    expect(endpointProblem("https://h.example/p?x=1")).toBe(
      "must not have a query or fragment (got https://h.example/p?...)",
    );
    expect(endpointProblem("https://h.example/p#top")).toBe(
      "must not have a query or fragment (got https://h.example/p?...)",
    );
    const withPassword = endpointProblem("https://u:secret-pw@h.example/") as string;
    expect(withPassword).toBe(
      "must not carry a user name or password (got https://***:***@h.example/); use credentials instead",
    );
    expect(endpointProblem("https://u@h.example/")).toBe(
      "must not carry a user name or password (got https://***@h.example/); use credentials instead",
    );
    const unparsable = endpointProblem("//u:secret-pw@h.example") as string;
    expect(unparsable).not.toContain("secret-pw");
    expect(unparsable).toBe('must be an absolute http(s) URL (got "//***@h.example")');
  });
});
