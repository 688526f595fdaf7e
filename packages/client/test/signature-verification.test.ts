/**
 * The verifier's refusals (`@hss/client/sign`, used by the mock and by anyone fronting HSS), one
 * check at a time: each request is correctly signed except for the one thing under test, and the
 * refusal names that check and never a secret.
 */
import { describe, expect, it } from "vitest";
import {
  computeSignature,
  formatSdkDate,
  MAX_SKEW_MS,
  parseSdkDate,
  verifySignature,
} from "../src/sign/index.js";

const SK = "verifier-secret-key";
const keys = [
  { ak: "AK-ONE", sk: SK },
  { ak: "AK-TEMP", sk: "temp-secret", securityToken: "temp-session-token" },
];
const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const URL_ = "https://hss.example/v5/p/image/local/batch-scan?enterprise_project_id=all_granted_eps";

/** A request as it would arrive, signed over exactly `signed` (names as given), plus `extra` headers. */
function arrive(
  signed: Record<string, string>,
  {
    extra = {},
    ak = "AK-ONE",
    sk = SK,
    body = "{}",
    date = signed["X-Sdk-Date"] ?? formatSdkDate(new Date(now)),
    url = URL_,
  } = {} as {
    extra?: Record<string, string>;
    ak?: string;
    sk?: string;
    body?: string;
    date?: string;
    url?: string;
  },
) {
  const { signature, signedHeaders } = computeSignature(
    { method: "POST", url, headers: signed, body },
    sk,
    date,
  );
  const headers: Record<string, string> = {
    ...signed,
    ...extra,
    authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: "POST",
    url: new URL(url).pathname + new URL(url).search,
    header: (name: string) => lower[name],
    body: new TextEncoder().encode(body),
  };
}

const base = () => ({ host: "hss.example", "X-Sdk-Date": formatSdkDate(new Date(now)) });
const reason = (request: ReturnType<typeof arrive>, at = now) => {
  const v = verifySignature(request, keys, at);
  return v.ok ? "ok" : v.reason;
};

describe("signature verification, check by check", () => {
  it("a correct signature passes and names its AK", () => {
    expect(verifySignature(arrive(base()), keys, now)).toEqual({ ok: true, ak: "AK-ONE" });
  });

  it("X-Sdk-Date must be among the signed headers, even when sent", () => {
    const { "X-Sdk-Date": date, ...rest } = base();
    expect(reason(arrive(rest, { extra: { "X-Sdk-Date": date }, date }))).toBe(
      "X-Sdk-Date is not among the signed headers",
    );
  });

  it("X-Sdk-Date: missing, malformed, or more than 15 minutes either side of the server's time", () => {
    const { "X-Sdk-Date": _date, ...rest } = base();
    expect(reason(arrive(rest, { date: formatSdkDate(new Date(now)) }))).toBe("X-Sdk-Date is missing");
    expect(reason(arrive({ ...base(), "X-Sdk-Date": "2026-06-01T12:00:00Z" }))).toBe(
      "X-Sdk-Date must be YYYYMMDDTHHMMSSZ (UTC)",
    );
    const request = arrive(base());
    expect(reason(request, now + MAX_SKEW_MS)).toBe("ok");
    expect(reason(request, now - MAX_SKEW_MS)).toBe("ok");
    expect(reason(request, now + MAX_SKEW_MS + 1000)).toBe(
      "X-Sdk-Date is more than 15 minutes from the server's time",
    );
    expect(reason(request, now - MAX_SKEW_MS - 1000)).toBe(
      "X-Sdk-Date is more than 15 minutes from the server's time",
    );
    expect(MAX_SKEW_MS).toBe(15 * 60 * 1000);
  });

  it("parseSdkDate takes only real UTC times in the compact form", () => {
    expect(parseSdkDate("20260601T120000Z")?.getTime()).toBe(now);
    for (const bad of [
      "20260601T120000",
      "20261301T120000Z",
      "20260230T120000Z",
      "20260601T250000Z",
      "x20260601T120000Z",
    ])
      expect(parseSdkDate(bad), bad).toBeUndefined();
  });

  it("Authorization: missing, another scheme, or malformed", () => {
    const request = arrive(base());
    const without = {
      ...request,
      header: (n: string) => (n === "authorization" ? undefined : request.header(n)),
    };
    expect(reason(without)).toBe("Authorization (AK/SK signature) is missing");
    const other = {
      ...request,
      header: (n: string) => (n === "authorization" ? "Bearer abc" : request.header(n)),
    };
    expect(reason(other)).toBe("Authorization is not an SDK-HMAC-SHA256 signature");
    const short = {
      ...request,
      header: (n: string) =>
        n === "authorization" ? "SDK-HMAC-SHA256 Access=AK-ONE, Signature=abc" : request.header(n),
    };
    expect(reason(short)).toBe("Authorization is not an SDK-HMAC-SHA256 signature");
  });

  it("an unknown AK, or a signature by another SK, is refused without naming either", () => {
    expect(reason(arrive(base(), { ak: "AK-NOBODY" }))).toBe("the access key (AK) is not known");
    const forged = reason(arrive(base(), { sk: "not-the-secret" }));
    expect(forged).toBe("verify aksk signature fail");
  });

  it("temporary credentials: the security token must be sent, be right, and be signed", () => {
    const temp = { ak: "AK-TEMP", sk: "temp-secret" };
    expect(reason(arrive(base(), temp))).toBe("X-Security-Token is missing or not valid");
    expect(reason(arrive({ ...base(), "X-Security-Token": "another-token" }, temp))).toBe(
      "X-Security-Token is missing or not valid",
    );
    expect(reason(arrive(base(), { ...temp, extra: { "X-Security-Token": "temp-session-token" } }))).toBe(
      "X-Security-Token is not among the signed headers",
    );
    expect(
      verifySignature(arrive({ ...base(), "X-Security-Token": "temp-session-token" }, temp), keys, now),
    ).toEqual({
      ok: true,
      ak: "AK-TEMP",
    });
  });

  it("a header named in SignedHeaders but not sent is refused, naming it", () => {
    const request = arrive({ ...base(), region: "cn-north-4" });
    const dropped = { ...request, header: (n: string) => (n === "region" ? undefined : request.header(n)) };
    expect(reason(dropped)).toBe("signed header region is missing");
  });

  it("a changed method, path, query or body breaks the signature", () => {
    const request = arrive(base());
    expect(reason({ ...request, method: "PUT" })).toBe("verify aksk signature fail");
    expect(reason({ ...request, url: request.url.replace("all_granted_eps", "0") })).toBe(
      "verify aksk signature fail",
    );
    expect(reason({ ...request, body: new TextEncoder().encode('{"operate_all":true}') })).toBe(
      "verify aksk signature fail",
    );
  });
});
