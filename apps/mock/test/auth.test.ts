/** The mock's auth modes, with requests signed by Huawei's official Node SDK signer and by @hss/client. */
import { createRequire } from "node:module";
import { createHssClient } from "@hss/client";
import { computeSignature, formatSdkDate } from "@hss/client/sign";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> };
};
const AK = "HSSMOCKAK0000000001";
const SK = "mock-secret-key-for-tests-0123456789";
const credentials = {
  aksk: [
    { ak: AK, sk: SK },
    { ak: "TEMPAK", sk: "temp-sk", securityToken: "temp-security-token" },
  ],
  tokens: ["iam-token-1"],
};

/** Signs with the official SDK signer; `tamper` may change what is sent afterwards. */
function officialRequest(
  base: string,
  op: {
    method: "GET" | "POST";
    path: string;
    query: Record<string, string>;
    body?: object;
    headers?: Record<string, string>;
  },
  key = { ak: AK, sk: SK },
) {
  const headers: Record<string, string> = { region: "cn-north-4", "X-Project-Id": "p1", ...op.headers };
  if (op.body) headers["Content-Type"] = "application/json";
  const signed = AKSKSigner.sign(
    { method: op.method, endpoint: base + op.path, headers, queryParams: op.query, data: op.body },
    { getAk: () => key.ak, getSk: () => key.sk },
  );
  const { host: _host, ...send } = signed;
  const search = new URLSearchParams(op.query).toString().replace(/\+/g, "%20");
  return {
    url: `${base}${op.path}${search ? `?${search}` : ""}`,
    init: { method: op.method, headers: send, body: op.body ? JSON.stringify(op.body) : undefined },
  };
}

const LIST = {
  method: "GET" as const,
  path: "/v5/p1/image/CVE-2021-44228/images",
  query: { limit: "20", image_name: "ngin x+&=!'()*ü", enterprise_project_id: "all_granted_eps" },
};
const SCAN = {
  method: "POST" as const,
  path: "/v5/p1/image/local/batch-scan",
  query: { enterprise_project_id: "all_granted_eps" },
  body: { operate_all: true, scan_status: "unscan" },
};

async function send(req: { url: string; init: RequestInit }) {
  const res = await fetch(req.url, req.init);
  return { status: res.status, body: await res.text() };
}

describe("aksk mode", () => {
  it("accepts requests signed by @huaweicloud/huaweicloud-sdk-core, both operations", async () => {
    const m = await mock({ auth: "aksk", credentials });
    for (const op of [LIST, SCAN]) {
      const res = await send(officialRequest(m.url, op));
      expect(res.status, res.body).toBe(200);
    }
    // Huawei's Go SDK sends spaces as "+" (form encoding) and signs them as %20; the gateway accepts that.
    const formEncoded = officialRequest(m.url, LIST);
    expect(formEncoded.url).toContain("%20");
    formEncoded.url = formEncoded.url.replace(/%20/g, "+");
    expect((await send(formEncoded)).status).toBe(200);
  });

  it("rejects a change of one byte in the body, a query value or a signed header", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const body = officialRequest(m.url, SCAN);
    body.init.body = (body.init.body as string).replace("unscan", "unscaN");
    const query = officialRequest(m.url, LIST);
    query.url = query.url.replace("limit=20", "limit=21");
    const header = officialRequest(m.url, LIST);
    (header.init.headers as Record<string, string>)["X-Project-Id"] = "p2";
    for (const req of [body, query, header]) {
      const res = await send(req);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual({
        error_code: "APIGW.0301",
        error_msg: "Incorrect IAM authentication information: verify aksk signature fail",
      });
    }
  });

  it("honours X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD as Huawei's SDKs send it (the body is then not covered)", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const unsigned = officialRequest(m.url, {
      ...SCAN,
      headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
    });
    expect((await send(unsigned)).status).toBe(200);
    unsigned.init.body = JSON.stringify({ operate_all: true, scan_status: "success" });
    expect((await send(unsigned)).status).toBe(200);
    const list = officialRequest(m.url, { ...LIST, headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" } });
    expect((await send(list)).status).toBe(200);
  });

  it("refuses a signature that leaves host, the project or the operation's region header unsigned", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const date = formatSdkDate(new Date());
    const host = new URL(m.url).host;
    const url = `${m.url}${SCAN.path}?enterprise_project_id=all_granted_eps`;
    const body = JSON.stringify(SCAN.body);
    const sendSigned = async (signed: Record<string, string>, extra: Record<string, string>) => {
      const { signature, signedHeaders } = computeSignature(
        { method: "POST", url, headers: signed, body },
        SK,
        date,
      );
      const { host: _sentByFetch, ...headers } = signed;
      return send({
        url,
        init: {
          method: "POST",
          headers: {
            ...headers,
            ...extra,
            Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
          },
          body,
        },
      });
    };
    const common = { "X-Sdk-Date": date, "Content-Type": "application/json" };
    const cases: [Record<string, string>, Record<string, string>, string][] = [
      [{ ...common }, { region: "cn-north-4" }, "host is not among the signed headers"],
      [{ ...common, host }, { region: "cn-north-4" }, "region is not among the signed headers"],
      [
        { ...common, host, region: "cn-north-4" },
        { "X-Project-Id": "p1" },
        "x-project-id is not among the signed headers",
      ],
    ];
    for (const [signed, extra, reason] of cases) {
      const answer = await sendSigned(signed, extra);
      expect(answer.status, reason).toBe(401);
      expect(JSON.parse(answer.body).error_msg).toBe(`Incorrect IAM authentication information: ${reason}`);
    }
    expect((await sendSigned({ ...common, host, region: "cn-north-4" }, {})).status).toBe(200);
  });

  it("says which check failed, and never echoes a secret", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const stale = officialRequest(m.url, {
      ...LIST,
      headers: { "X-Sdk-Date": formatSdkDate(new Date(Date.now() - 16 * 60_000)) },
    });
    const future = officialRequest(m.url, {
      ...LIST,
      headers: { "X-Sdk-Date": formatSdkDate(new Date(Date.now() + 16 * 60_000)) },
    });
    const unknown = officialRequest(m.url, LIST, { ak: "NOSUCHAK", sk: SK });
    const wrongSk = officialRequest(m.url, LIST, { ak: AK, sk: "not-the-secret" });
    const noAuth = { url: `${m.url}${LIST.path}`, init: {} };
    const garbage = { url: `${m.url}${LIST.path}`, init: { headers: { Authorization: "Basic abc" } } };
    const noTempToken = officialRequest(m.url, LIST, { ak: "TEMPAK", sk: "temp-sk" });
    const cases: [{ url: string; init: RequestInit }, string][] = [
      [stale, "X-Sdk-Date is more than 15 minutes from the server's time"],
      [future, "X-Sdk-Date is more than 15 minutes from the server's time"],
      [unknown, "the access key (AK) is not known"],
      [wrongSk, "verify aksk signature fail"],
      [noAuth, "Authorization (AK/SK signature) is missing"],
      [garbage, "Authorization is not an SDK-HMAC-SHA256 signature"],
      [noTempToken, "X-Security-Token is missing or not valid"],
    ];
    for (const [req, message] of cases) {
      const res = await send(req);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error_msg).toBe(`Incorrect IAM authentication information: ${message}`);
      for (const secret of [SK, "temp-sk", "not-the-secret"]) expect(res.body).not.toContain(secret);
    }
    const withTemp = officialRequest(
      m.url,
      { ...LIST, headers: { "X-Security-Token": "temp-security-token" } },
      { ak: "TEMPAK", sk: "temp-sk" },
    );
    expect((await send(withTemp)).status).toBe(200);
  });

  it("accepts @hss/client, plain and with temporary credentials, in aksk and any modes", async () => {
    for (const auth of ["aksk", "any"] as const) {
      const m = await mock({ auth, credentials });
      for (const creds of [
        { ak: AK, sk: SK },
        { ak: "TEMPAK", sk: "temp-sk", securityToken: "temp-security-token" },
      ]) {
        const hss = createHssClient({
          endpoint: m.url,
          region: "cn-north-4",
          projectId: "p1",
          credentials: creds,
          env: {},
        });
        const list = await hss.listVulRepoImage({
          vul_id: "CVE 2021:44228/x",
          image_name: "a b",
          enterprise_project_id: "all_granted_eps",
        });
        expect(list.error, list.error?.message).toBeUndefined();
        const scan = await hss.batchScanLocalImage({
          body: { operate_all: true },
          enterprise_project_id: "all_granted_eps",
        });
        expect(scan.error, scan.error?.message).toBeUndefined();
      }
    }
  });
});

describe("token and any modes", () => {
  it("token: checks X-Auth-Token", async () => {
    const m = await mock({ auth: "token", credentials });
    const call = (headers: Record<string, string>) => fetch(`${m.url}${LIST.path}`, { headers });
    expect((await call({ "X-Auth-Token": "iam-token-1" })).status).toBe(200);
    const bad = await call({ "X-Auth-Token": "iam-token-2" });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error_msg).toBe(
      "Incorrect IAM authentication information: the token is not valid",
    );
    expect((await (await call({})).json()).error_msg).toContain("X-Auth-Token is missing");
    const signedOnly = await send(officialRequest(m.url, LIST));
    expect(signedOnly.status).toBe(401);
  });

  it("any: a valid token or a valid signature", async () => {
    const m = await mock({ auth: "any", credentials });
    expect((await fetch(`${m.url}${LIST.path}`, { headers: { "X-Auth-Token": "iam-token-1" } })).status).toBe(
      200,
    );
    expect((await send(officialRequest(m.url, LIST))).status).toBe(200);
    const none = await fetch(`${m.url}${LIST.path}`);
    expect((await none.json()).error_msg).toContain("no X-Auth-Token and no AK/SK signature");
  });

  it("none (the default): no credentials needed", async () => {
    const m = await mock();
    expect((await fetch(`${m.url}${LIST.path}`)).status).toBe(200);
  });
});
