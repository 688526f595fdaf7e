/**
 * What an AK/SK signature must cover on the mock, as Huawei's gateway demands: a header sent but
 * left out of SignedHeaders could be changed under a valid signature, so the request is refused
 * with 401 naming the header. Each case signs correctly over everything else it sends.
 */
import { computeSignature, formatSdkDate } from "@hss/client/sign";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const AK = "HSSMOCKAK0000000009";
const SK = "mock-secret-key-for-signed-headers";
const credentials = {
  aksk: [
    { ak: AK, sk: SK },
    { ak: "TEMPAK9", sk: "temp-sk-9", securityToken: "temp-security-token-9" },
  ],
  tokens: [],
};

/** POSTs a scan whose signature covers exactly `signed`; `unsigned` headers are sent beside it. */
async function scanSigned(
  m: Awaited<ReturnType<typeof mock>>,
  signed: Record<string, string>,
  unsigned: Record<string, string>,
  key: { ak: string; sk: string } = { ak: AK, sk: SK },
) {
  const url = `${m.url}/v5/p1/image/local/batch-scan`;
  const body = JSON.stringify({ operate_all: true });
  const date = signed["X-Sdk-Date"] ?? unsigned["X-Sdk-Date"] ?? formatSdkDate(new Date());
  const { signature, signedHeaders } = computeSignature(
    { method: "POST", url, headers: signed, body },
    key.sk,
    date,
  );
  const { host: _sentByFetch, ...headers } = signed;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      ...headers,
      ...unsigned,
      Authorization: `SDK-HMAC-SHA256 Access=${key.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, message: text ? (JSON.parse(text).error_msg as string) : "" };
}

describe("headers an AK/SK signature must cover", () => {
  it("X-Sdk-Date: a date sent outside the signature is refused, the same request with it signed passes", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const host = new URL(m.url).host;
    const date = formatSdkDate(new Date());
    const rest = { host, region: "cn-north-4", "Content-Type": "application/json" };
    expect(await scanSigned(m, rest, { "X-Sdk-Date": date })).toEqual({
      status: 401,
      message: "Incorrect IAM authentication information: X-Sdk-Date is not among the signed headers",
    });
    expect((await scanSigned(m, { ...rest, "X-Sdk-Date": date }, {})).status).toBe(200);
  });

  it("X-Project-Id: sent unsigned it is refused naming it; signed it passes", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const host = new URL(m.url).host;
    const signed = {
      host,
      region: "cn-north-4",
      "Content-Type": "application/json",
      "X-Sdk-Date": formatSdkDate(new Date()),
    };
    expect(await scanSigned(m, signed, { "X-Project-Id": "p1" })).toEqual({
      status: 401,
      message: "Incorrect IAM authentication information: x-project-id is not among the signed headers",
    });
    expect((await scanSigned(m, { ...signed, "X-Project-Id": "p1" }, {})).status).toBe(200);
  });

  it("X-Security-Token of temporary credentials: sent but unsigned is refused; signed it passes", async () => {
    const m = await mock({ auth: "aksk", credentials });
    const host = new URL(m.url).host;
    const temp = { ak: "TEMPAK9", sk: "temp-sk-9" };
    const signed = {
      host,
      region: "cn-north-4",
      "Content-Type": "application/json",
      "X-Sdk-Date": formatSdkDate(new Date()),
    };
    const token = { "X-Security-Token": "temp-security-token-9" };
    const refused = await scanSigned(m, signed, token, temp);
    expect(refused).toEqual({
      status: 401,
      message: "Incorrect IAM authentication information: X-Security-Token is not among the signed headers",
    });
    expect(refused.message).not.toContain("temp-security-token-9");
    expect((await scanSigned(m, { ...signed, ...token }, {}, temp)).status).toBe(200);
    expect((await scanSigned(m, signed, {}, temp)).message).toBe(
      "Incorrect IAM authentication information: X-Security-Token is missing or not valid",
    );
  });
});
