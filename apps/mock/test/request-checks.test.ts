/**
 * What the mock's checks of an HSS request accept and how they refuse: an AK/SK signature must
 * cover only host, X-Sdk-Date, X-Project-Id and the operation's header parameters (other headers
 * may go unsigned, as on Huawei's gateway), a header sent on two lines is verified as its values
 * joined, any one of several tokens passes, the journal names the credential that passed, and a
 * request with several bad parameters is told of each.
 *
 * The first test is the one that makes the mock work out, per operation, which headers a
 * signature must cover (it keeps them): it must stay first.
 */
import { once } from "node:events";
import { connect } from "node:net";
import { computeSignature, formatSdkDate } from "@hss/client/sign";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const AK = "CHECKSAK000000001";
const SK = "checks-secret-key-0123456789";
const aksk = { aksk: [{ ak: AK, sk: SK }], tokens: [] };
const VUL = "CVE-2021-44228";
const LIST = `/v5/p1/image/${VUL}/images`;
const SCAN = "/v5/p1/image/local/batch-scan";

/** Sends a request whose signature covers exactly `signed` (host included); `unsigned` go beside it. */
async function signedCall(
  m: Awaited<ReturnType<typeof mock>>,
  target: string,
  signed: Record<string, string>,
  unsigned: Record<string, string>,
  body?: string,
) {
  const url = `${m.url}${target}`;
  const date = formatSdkDate(new Date());
  const headers = { host: new URL(m.url).host, "X-Sdk-Date": date, ...signed };
  const method = body === undefined ? "GET" : "POST";
  const { signature, signedHeaders } = computeSignature({ method, url, headers, body }, SK, date);
  const { host: _sentByFetch, ...sent } = headers;
  const res = await fetch(url, {
    method,
    headers: {
      ...sent,
      ...unsigned,
      Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    message: text ? (JSON.parse(text).error_msg as string | undefined) : undefined,
  };
}

describe("headers an AK/SK signature need not cover", () => {
  it("headers named like the operation's path or query parameters are not header parameters: they may go unsigned", async () => {
    const m = await mock({ auth: "aksk", credentials: aksk });
    const list = await signedCall(
      m,
      `${LIST}?limit=10`,
      { region: "cn-north-4" },
      { vul_id: "CVE-1", project_id: "p2", offset: "5", enterprise_project_id: "0", "X-Trace": "t" },
    );
    expect(list).toEqual({ status: 200, message: undefined });
    const scan = await signedCall(
      m,
      SCAN,
      { region: "cn-north-4", "Content-Type": "application/json" },
      { project_id: "p2", enterprise_project_id: "0" },
      JSON.stringify({ operate_all: true }),
    );
    expect(scan).toEqual({ status: 200, message: undefined });
    // The operation's own header parameter still must be signed when sent.
    const region = await signedCall(m, `${LIST}?limit=10`, {}, { region: "cn-north-4" });
    expect(region).toEqual({
      status: 401,
      message: "Incorrect IAM authentication information: region is not among the signed headers",
    });
  });
});

describe("credentials", () => {
  it("a header sent on two lines (Set-Cookie, which Node keeps as a list) is verified as its values joined by ', '", async () => {
    const m = await mock({ auth: "aksk", credentials: aksk });
    const { hostname, port, host } = new URL(m.url);
    const date = formatSdkDate(new Date());
    const target = `${LIST}?limit=10`;
    const { signature, signedHeaders } = computeSignature(
      {
        method: "GET",
        url: `${m.url}${target}`,
        headers: { host, "X-Sdk-Date": date, "set-cookie": "a=1, b=2" },
      },
      SK,
      date,
    );
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {});
    socket.end(
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nX-Sdk-Date: ${date}\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n` +
        `Authorization: SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}\r\n` +
        "Connection: close\r\n\r\n",
    );
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    await once(socket, "close");
    const answer = Buffer.concat(chunks).toString("utf8");
    expect(answer.slice(0, 12), answer).toBe("HTTP/1.1 200");
  });

  it("token mode accepts any one of several configured tokens, and no other", async () => {
    const m = await mock({ auth: "token", credentials: { aksk: [], tokens: ["token-one", "token-two"] } });
    for (const token of ["token-one", "token-two"])
      expect((await m.call(LIST, { headers: { "x-auth-token": token } })).status, token).toBe(200);
    const other = await m.call(LIST, { headers: { "x-auth-token": "token-three" } });
    expect(other.status).toBe(401);
    expect(other.json.error_msg).toBe("Incorrect IAM authentication information: the token is not valid");
  });

  it("the journal names the credential that passed: aksk for a signature, token for a token", async () => {
    const m = await mock({ auth: "any", credentials: { ...aksk, tokens: ["any-token"] } });
    expect((await signedCall(m, `${LIST}?limit=10`, { region: "cn-north-4" }, {})).status).toBe(200);
    expect((await m.call(LIST, { headers: { "x-auth-token": "any-token" } })).status).toBe(200);
    const journal = (await m.admin("journal")).json as { auth: string; status: number }[];
    expect(journal.map((e) => [e.auth, e.status])).toEqual([
      ["aksk", 200],
      ["token", 200],
    ]);
  });
});

describe("a request with several bad parameters", () => {
  it("is told of each, in one message, separated by '; '", async () => {
    const m = await mock();
    const res = await m.list(VUL, "limit=5&offset=-1");
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error_code: "HSS.0001",
      error_msg: "limit: must be an integer from 10 to 200; offset: must be an integer from 0 to 2000000",
    });
  });
});
