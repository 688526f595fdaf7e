import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.js";
import { canonicalQuery, canonicalUri, computeSignature, formatSdkDate, signRequest } from "./signer.js";
import { parseAuthorization, parseSdkDate, timingSafeEqual, verifySignature } from "./verify.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> };
};

const credentials = { ak: "AccessKey", sk: "SecretKey" };

describe("Huawei SDK signer test vectors", () => {
  // huaweicloud-sdk-python-v3: huaweicloud-sdk-core/tests/test_signer.py (TEST_UNDERSCORE is not signed)
  it.each([
    ["GET", undefined, "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842"],
    ["POST", '{"name":"test","id":1}', "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f"],
  ])("Python SDK %s", (method, body, signature) => {
    const added = signRequest(
      {
        method,
        url: "https://service.endpoint.myhuaweicloud.com/resources?size=1",
        headers: { "X-Sdk-Date": "20200608T023900Z" },
        body,
      },
      credentials,
    );
    expect(added.Authorization).toBe(
      `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=${signature}`,
    );
    expect(added["X-Sdk-Date"]).toBeUndefined();
  });

  // huaweicloud-sdk-go-v3: core/auth/signer/signer_test.go. The Go SDK signs neither host nor
  // Content-Type there, and its JSON body ends with the newline of json.Encoder.
  it.each([
    ["GET", "limit=1", undefined, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"],
    [
      "POST",
      "key=value",
      '{"Name":"test","Id":1}\n',
      "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
    ],
  ])("Go SDK %s", (method, query, body, signature) => {
    const result = computeSignature(
      {
        method,
        url: `https://example.huaweicloud.com/path?${query}`,
        headers: { "X-Sdk-Date": "20060102T150405Z" },
        body,
      },
      "SecretKey",
      "20060102T150405Z",
    );
    expect(result.signedHeaders).toBe("x-sdk-date");
    expect(result.signature).toBe(signature);
  });

  it("canonical query of both SDKs' tests", () => {
    const query = `limit=1&enable=true&test=${encodeURIComponent("一 (&=?!#%.*)")}&path=%2Ftmp%2F123&multi=3&multi=1&multi=2`;
    expect(canonicalQuery(query)).toBe(
      "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
    );
  });
});

describe("canonical forms", () => {
  it("encodes each path segment once, as the gateway and the Python/Go signers do", () => {
    // The URL carries `CVE 2021:1` as `CVE%202021%3A1`; decoded once and encoded once.
    expect(canonicalUri("/v5/p/image/CVE%202021%3A1/images")).toBe("/v5/p/image/CVE%202021%3A1/images/");
    // Huawei's Node signer encodes the already-encoded path again; we deliberately differ here.
    const official = AKSKSigner.sign(
      {
        method: "GET",
        endpoint: "https://hss.cn-north-4.myhuaweicloud.com/v5/p/image/CVE%202021%3A1/images",
        headers: { "X-Sdk-Date": "20240101T000000Z" },
        queryParams: {},
      },
      { getAk: () => "AccessKey", getSk: () => "SecretKey" },
    );
    const ours = signRequest(
      {
        method: "GET",
        url: "https://hss.cn-north-4.myhuaweicloud.com/v5/p/image/CVE%202021%3A1/images",
        headers: { "X-Sdk-Date": "20240101T000000Z" },
      },
      credentials,
    );
    expect(ours.Authorization).not.toBe(official.Authorization);
    const doubleEncoded = computeSignature(
      {
        method: "GET",
        url: "https://hss.cn-north-4.myhuaweicloud.com/v5/p/image/CVE%25202021%253A1/images",
        headers: { "X-Sdk-Date": "20240101T000000Z", host: "hss.cn-north-4.myhuaweicloud.com" },
      },
      "SecretKey",
      "20240101T000000Z",
    );
    expect(official.Authorization).toContain(doubleEncoded.signature);
  });

  it("always ends the canonical URI in a slash, keeps unreserved characters", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/a/b/")).toBe("/a/b/");
    expect(canonicalUri("/A-z_0.9~")).toBe("/A-z_0.9~/");
    expect(canonicalUri("/%E6%BC%8F%E6%B4%9E")).toBe("/%E6%BC%8F%E6%B4%9E/");
  });

  it("sorts by name then value, encodes space as %20, keeps empty values", () => {
    expect(canonicalQuery("?b=2&a=&a=z&c=x%20y&d")).toBe("a=&a=z&b=2&c=x%20y&d=");
    // a raw "+" is a space (Go's SDK sends form encoding); "%2B" is a plus
    expect(canonicalQuery("q=a%2Bb&r=a+b")).toBe("q=a%2Bb&r=a%20b");
    expect(canonicalQuery("")).toBe("");
    expect(canonicalQuery("bad=%E0%A4%A")).toBe("bad=%25E0%25A4%25A");
  });

  it("formats and parses X-Sdk-Date", () => {
    const date = new Date(Date.UTC(2026, 10, 23, 9, 5, 7));
    expect(formatSdkDate(date)).toBe("20261123T090507Z");
    expect(parseSdkDate("20261123T090507Z")?.getTime()).toBe(date.getTime());
    for (const bad of ["2026-11-23T09:05:07Z", "20261323T090507Z", "20261123T250507Z", ""])
      expect(parseSdkDate(bad)).toBeUndefined();
  });

  it("parses the Authorization header and compares in constant time", () => {
    const added = signRequest({ method: "GET", url: "https://h/x", headers: {} }, credentials, new Date(0));
    const parsed = parseAuthorization(added.Authorization as string);
    expect(parsed?.access).toBe("AccessKey");
    expect(parsed?.signedHeaders).toEqual(["host", "x-sdk-date"]);
    expect(parseAuthorization("Bearer x")).toBeUndefined();
    expect(timingSafeEqual("abc", "abc")).toBe(true);
    expect(timingSafeEqual("abc", "abd")).toBe(false);
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
  });

  it("trims header values as HTTP does (and the Python and Go signers; the Node signer does not)", () => {
    const sign = (value: string) =>
      computeSignature(
        { method: "GET", url: "https://h/x", headers: { "x-a": value } },
        "sk",
        "20240101T000000Z",
      );
    expect(sign("  v \t").canonicalRequest).toContain("\nx-a:v\n");
    expect(sign("  v ").signature).toBe(sign("v").signature);
  });

  it("adds X-Security-Token for temporary credentials and signs it", () => {
    const added = signRequest(
      { method: "GET", url: "https://h/x", headers: {} },
      { ...credentials, securityToken: "temp-token" },
      new Date(0),
    );
    expect(added["X-Security-Token"]).toBe("temp-token");
    expect(added.Authorization).toContain("SignedHeaders=host;x-sdk-date;x-security-token,");
  });
});

describe("differential test against @huaweicloud/huaweicloud-sdk-core's AKSKSigner (seeded)", () => {
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(..." +&=!'()*~%/?#:@,;$[]"), maxLength: 8 }),
    fc.constant(""),
  );
  const name = fc.constantFrom(
    "enterprise_project_id",
    "limit",
    "offset",
    "namespace",
    "image_name",
    "image_id",
    "app_name",
  );
  // "." and ".." cannot be path segments of a URL (they are resolved away); the client rejects them.
  const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,24}$/).filter((s) => s !== "." && s !== "..");
  const body = fc.option(
    fc.record(
      {
        operate_all: fc.boolean(),
        image_name: text,
        image_size: fc.nat(),
        image_info_list: fc.array(fc.record({ image_id: text, image_digest: text, image_version: text }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  const header = fc
    .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
    .filter((h) => !["host", "x-sdk-date", "authorization"].includes(h));
  const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
  /** A request of either operation: its path, query, the headers a caller sends, its body, its time. */
  const request = fc
    .record({
      method: fc.constantFrom("GET", "POST"),
      projectId: segment,
      vulId: segment,
      query: fc.dictionary(name, text, { maxKeys: 7 }),
      extraHeaders: fc.dictionary(header, headerValue, { maxKeys: 3 }),
      data: body,
      when: fc.date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
    })
    .map(({ method, projectId, vulId, query, extraHeaders, data, when }) => {
      const headers: Record<string, string> = {
        ...extraHeaders,
        "X-Sdk-Date": formatSdkDate(when),
        "X-Project-Id": projectId,
        region: "cn-north-4",
      };
      if (data !== undefined) headers["Content-Type"] = "application/json";
      const search = Object.entries(query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join("&");
      return {
        method,
        projectId,
        path:
          method === "GET"
            ? `/v5/${projectId}/image/${vulId}/images`
            : `/v5/${projectId}/image/local/batch-scan`,
        query,
        search: search ? `?${search}` : "",
        headers,
        data,
        when,
      };
    });
  const endpoint = "https://hss.cn-north-4.myhuaweicloud.com";
  const officialSign = (r: { method: string; path: string; query: object; data: unknown }, headers: object) =>
    AKSKSigner.sign(
      { method: r.method, endpoint: endpoint + r.path, headers, queryParams: r.query, data: r.data },
      { getAk: () => "AK-EXAMPLE", getSk: () => "sk/secret+value" },
    );

  it("agrees byte for byte on generated requests of both operations", () => {
    fc.assert(
      fc.property(
        request,
        fc.option(fc.stringMatching(/^[A-Za-z0-9+/=_-]{8,60}$/), { nil: undefined }),
        (r, securityToken) => {
          const headers = { ...r.headers, ...(securityToken && { "X-Security-Token": securityToken }) };
          const ours = signRequest(
            {
              method: r.method,
              url: `${endpoint}${r.path}${r.search}`,
              headers,
              body: r.data === undefined ? undefined : JSON.stringify(r.data),
            },
            { ak: "AK-EXAMPLE", sk: "sk/secret+value" },
          );
          expect(ours.Authorization).toBe(officialSign(r, headers).Authorization);
        },
      ),
      { seed: 424242, numRuns: 1000 },
    );
  });

  it("the verifier accepts what the official signer signs, UNSIGNED-PAYLOAD included, and nothing changed after", () => {
    const keys = [{ ak: "AK-EXAMPLE", sk: "sk/secret+value" }];
    const mustSign = ["x-project-id", "region"];
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(request, fc.boolean(), (r, unsigned) => {
        const sent = officialSign(r, {
          ...r.headers,
          ...(unsigned && { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }),
        });
        const arrived = (change: { url?: string; body?: string; drop?: string } = {}) => {
          const lower = new Map(
            Object.entries(sent)
              .filter(([n]) => n.toLowerCase() !== change.drop)
              .map(([n, v]) => [n.toLowerCase(), v]),
          );
          return {
            method: r.method,
            url: change.url ?? `${r.path}${r.search}`,
            header: (n: string) => lower.get(n),
            body: encoder.encode(change.body ?? (r.data === undefined ? "" : JSON.stringify(r.data))),
          };
        };
        const verify = (arrival: ReturnType<typeof arrived>) =>
          verifySignature(arrival, keys, r.when.getTime(), { mustSign });
        expect(verify(arrived())).toEqual({ ok: true, ak: "AK-EXAMPLE" });
        // A query the signer did not see, or another path: refused either way.
        expect(verify(arrived({ url: `${r.path}${r.search ? `${r.search}&` : "?"}limit=999` })).ok).toBe(
          false,
        );
        expect(verify(arrived({ url: `/v5/${r.projectId}x/image/local/batch-scan` })).ok).toBe(false);
        // A changed body is refused unless the signer said the payload is unsigned.
        expect(verify(arrived({ body: '{"operate_all":true}' })).ok).toBe(unsigned);
        if (unsigned) expect(verify(arrived({ drop: "x-sdk-content-sha256" })).ok).toBe(false);
        expect(verify(arrived({ drop: "region" })).ok).toBe(false);
      }),
      { seed: 515151, numRuns: 500 },
    );
  });
});

describe("what a signature must cover (the gateway's rules, and the caller's)", () => {
  const sk = "SecretKey";
  const keys = [{ ak: "AccessKey", sk }];
  const date = "20260101T000000Z";
  const now = Date.UTC(2026, 0, 1);
  const arrive = (headers: Record<string, string>, body = "") => ({
    method: "POST",
    url: "/v5/p/image/local/batch-scan",
    header: (n: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === n)?.[1],
    body: new TextEncoder().encode(body),
  });
  /** Headers as a signer that signs exactly `signed` of `all` would send them. */
  const signedOnly = (all: Record<string, string>, signed: string[], body = "") => {
    const chosen = Object.fromEntries(Object.entries(all).filter(([k]) => signed.includes(k.toLowerCase())));
    const { signature, signedHeaders } = computeSignature(
      { method: "POST", url: `https://${all.host}/v5/p/image/local/batch-scan`, headers: chosen, body },
      sk,
      date,
    );
    return {
      ...all,
      Authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  };
  const base = { host: "hss.example", "X-Sdk-Date": date, region: "cn-north-4" };

  it("host and X-Sdk-Date always; a header the caller names whenever it is sent", () => {
    const only = signedOnly(base, ["x-sdk-date"]);
    expect(verifySignature(arrive(only), keys, now)).toEqual({
      ok: false,
      reason: "host is not among the signed headers",
    });
    const noRegion = signedOnly(base, ["host", "x-sdk-date"]);
    expect(verifySignature(arrive(noRegion), keys, now).ok).toBe(true);
    expect(verifySignature(arrive(noRegion), keys, now, { mustSign: ["region"] })).toEqual({
      ok: false,
      reason: "region is not among the signed headers",
    });
    const all = signedOnly(base, ["host", "x-sdk-date", "region"]);
    expect(verifySignature(arrive(all), keys, now, { mustSign: ["region", "x-project-id"] }).ok).toBe(true);
  });

  it("X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD or the body's hash, and signed", () => {
    const body = '{"operate_all":true}';
    const signedNames = ["host", "x-sdk-date", "region", "x-sdk-content-sha256"];
    const unsigned = signedOnly({ ...base, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, signedNames, body);
    expect(verifySignature(arrive(unsigned, body), keys, now).ok).toBe(true);
    expect(verifySignature(arrive(unsigned, '{"operate_all":false}'), keys, now).ok).toBe(true);
    const hashed = signedOnly({ ...base, "X-Sdk-Content-Sha256": sha256Hex(body) }, signedNames, body);
    expect(verifySignature(arrive(hashed, body), keys, now).ok).toBe(true);
    expect(verifySignature(arrive(hashed, `${body} `), keys, now)).toEqual({
      ok: false,
      reason: "X-Sdk-Content-Sha256 must be UNSIGNED-PAYLOAD or the SHA-256 of the body",
    });
    const notSigned = signedOnly(
      { ...base, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
      ["host", "x-sdk-date"],
      body,
    );
    expect(verifySignature(arrive(notSigned, body), keys, now)).toEqual({
      ok: false,
      reason: "X-Sdk-Content-Sha256 is not among the signed headers",
    });
  });
});
