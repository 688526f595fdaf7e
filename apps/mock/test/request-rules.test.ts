/**
 * Rules the mock works out once per operation and then keeps (which headers a signature must
 * cover, which names are query parameters), checked in one test so that the test which first
 * makes the mock work them out is also the one that checks them. Also what the journal keeps of
 * requests that never reach an operation, and a query pair with an empty name.
 */
import { computeSignature, formatSdkDate } from "@hss/client/sign";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const AK = "RULESAK0000000001";
const SK = "rules-secret-key-0123456789";
const VUL = "CVE-2021-44228";
const LIST = `/v5/p1/image/${VUL}/images`;

describe("per-operation rules", () => {
  it("a signature must cover the project and region headers; only query parameters go in the query; headers named like parameters are ignored", async () => {
    const m = await mock({ auth: "aksk", credentials: { aksk: [{ ak: AK, sk: SK }], tokens: [] } });
    const host = new URL(m.url).host;
    const url = `${m.url}${LIST}?limit=10`;
    const date = formatSdkDate(new Date());
    const signedList = async (
      signed: Record<string, string>,
      unsigned: Record<string, string>,
      target = url,
    ) => {
      const { signature, signedHeaders } = computeSignature(
        { method: "GET", url: target, headers: signed },
        SK,
        date,
      );
      const { host: _sentByFetch, ...headers } = signed;
      const res = await fetch(target, {
        headers: {
          ...headers,
          ...unsigned,
          Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
        },
      });
      return { status: res.status, json: await res.json().catch(() => undefined) };
    };
    const base = { "X-Sdk-Date": date, host };
    const region = await signedList(base, { region: "cn-north-4" });
    expect(region.status).toBe(401);
    expect(region.json.error_msg).toBe(
      "Incorrect IAM authentication information: region is not among the signed headers",
    );
    const project = await signedList({ ...base, region: "cn-north-4" }, { "X-Project-Id": "p1" });
    expect(project.json.error_msg).toBe(
      "Incorrect IAM authentication information: x-project-id is not among the signed headers",
    );
    expect((await signedList({ ...base, region: "cn-north-4", "X-Project-Id": "p1" }, {})).status).toBe(200);
    // Headers named like query or path parameters are not parameters.
    const odd = await signedList({ ...base, limit: "5", project_id: "other", offset: "x" }, {});
    expect(odd.status).toBe(200);
    // Path and header parameters are not query parameters.
    for (const name of ["project_id", "vul_id", "region"]) {
      const refused = await signedList(base, {}, `${m.url}${LIST}?${name}=x`);
      expect(refused.status).toBe(400);
      expect(refused.json.error_msg).toBe(
        `${name}: is not a query parameter of ListVulRepoImage (known: enterprise_project_id, limit, offset, namespace, image_name, image_id, app_name)`,
      );
    }
  });
});

describe("what the journal keeps", () => {
  it("of a request to no operation: its path, no operation, no authentication, its status", async () => {
    const m = await mock();
    await m.call("/v5/p1/nowhere");
    await m.call(LIST, { method: "PUT" });
    const entries = (await m.admin("journal")).json;
    expect(entries.map((e: Record<string, unknown>) => [e.path, e.operation, e.auth, e.status])).toEqual([
      ["/v5/p1/nowhere", null, "none", 404],
      [LIST, null, "none", 405],
    ]);
  });

  it("of a query pair with an empty name: the name is empty, the value kept, and it is refused as unknown", async () => {
    const m = await mock();
    const res = await m.list(VUL, "=x&limit=10");
    expect(res.status).toBe(400);
    expect(res.json.error_msg).toMatch(/^: is not a query parameter of ListVulRepoImage/);
    expect((await m.admin("journal")).json[0].query).toEqual({ "": "x", limit: "10" });
  });
});
