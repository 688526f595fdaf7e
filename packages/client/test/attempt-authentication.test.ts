/**
 * What authentication adds to each attempt: a token as X-Auth-Token; with AK/SK, X-Project-Id
 * (unless the request has one), a fresh X-Sdk-Date on every attempt, and a signature over the
 * headers that will be sent, except names with "_" (the gateway drops them) and User-Agent
 * (proxies rewrite it).
 */
import { describe, expect, it } from "vitest";
import { authenticator } from "../src/auth.js";
import { verifySignature } from "../src/sign/index.js";

const URL_ = "https://hss.example/v5/p/image/CVE-1/images?limit=10";
const aksk = { kind: "aksk" as const, ak: "AK", sk: "SK-secret", source: "options" };
const attempt = (headers: Record<string, string> = {}) => ({
  method: "GET",
  url: URL_,
  // The transport's plain copy: names in lower case.
  headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  body: undefined,
});
const signedNames = (headers: Record<string, string>) =>
  /SignedHeaders=([^,]+)/.exec(headers.authorization ?? "")?.[1]?.split(";") ?? [];

describe("authentication of an attempt", () => {
  it("no credentials: nothing to add", () => {
    expect(authenticator({ kind: "none", source: "none" }, "p")).toBeUndefined();
  });

  it("a token is sent as X-Auth-Token, nothing signed", () => {
    const auth = authenticator({ kind: "token", token: "iam-token", source: "options" }, "p");
    const request = attempt();
    expect(auth?.(request)).toBeUndefined();
    expect(request.headers["x-auth-token"]).toBe("iam-token");
    expect("authorization" in request.headers).toBe(false);
  });

  it("AK/SK signs host, X-Sdk-Date and X-Project-Id, and returns the signature it sent", () => {
    const auth = authenticator(aksk, "proj-1", () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    const request = attempt({ region: "cn-north-4" });
    const signature = auth?.(request);
    expect(request.headers["x-project-id"]).toBe("proj-1");
    expect(request.headers["x-sdk-date"]).toBe("20260102T030405Z");
    expect(signedNames(request.headers)).toEqual(["host", "region", "x-project-id", "x-sdk-date"]);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers.authorization).toContain(`Signature=${signature}`);
    const verified = verifySignature(
      {
        method: "GET",
        url: "/v5/p/image/CVE-1/images?limit=10",
        header: (n) => (n === "host" ? "hss.example" : request.headers[n]),
        body: new Uint8Array(),
      },
      [{ ak: "AK", sk: "SK-secret" }],
      Date.UTC(2026, 0, 2, 3, 4, 5),
      { mustSign: ["x-project-id", "region"] },
    );
    expect(verified).toEqual({ ok: true, ak: "AK" });
  });

  it("a project id the request carries is kept; without a project id none is added", () => {
    const auth = authenticator(aksk, "proj-1");
    const own = attempt({ "X-Project-Id": "proj-2" });
    auth?.(own);
    expect(own.headers["x-project-id"]).toBe("proj-2");
    const none = attempt();
    authenticator(aksk, undefined)?.(none);
    expect("x-project-id" in none.headers).toBe(false);
    expect(signedNames(none.headers)).toEqual(["host", "x-sdk-date"]);
  });

  it("each attempt gets a fresh X-Sdk-Date, replacing the one before", () => {
    let t = Date.UTC(2026, 0, 1);
    const auth = authenticator(aksk, "p", () => new Date(t));
    const request = attempt({ "X-Sdk-Date": "20200101T000000Z" });
    auth?.(request);
    expect(request.headers["x-sdk-date"]).toBe("20260101T000000Z");
    t += 61_000;
    auth?.(request);
    expect(request.headers["x-sdk-date"]).toBe("20260101T000101Z");
  });

  it("headers with '_' and User-Agent are sent but not signed", () => {
    const request = attempt({ "User-Agent": "ua/1", x_custom: "v", "x-custom": "w" });
    authenticator(aksk, "p")?.(request);
    const names = signedNames(request.headers);
    expect(names).toContain("x-custom");
    expect(names).not.toContain("x_custom");
    expect(names).not.toContain("user-agent");
    expect(request.headers["user-agent"]).toBe("ua/1");
  });

  it("temporary credentials add X-Security-Token and sign it", () => {
    const request = attempt();
    authenticator({ ...aksk, securityToken: "session-token" }, "p")?.(request);
    expect(request.headers["x-security-token"]).toBe("session-token");
    expect(signedNames(request.headers)).toContain("x-security-token");
  });
});
