/**
 * Both operations through the client against `prism mock spec/hss.openapi.yaml --errors`:
 * Prism must report no request violation, and the responses must match the spec's schemas.
 */
import { type RunningPrism, startPrism } from "@hss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHssClient, type HssClientOptions } from "../src/index.js";
import { operations, validateValue } from "../src/spec/index.js";

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism({ mode: "mock", errors: true });
});
afterAll(async () => {
  await prism?.stop();
});

const auths: [string, HssClientOptions["credentials"]][] = [
  ["token", { token: "an-iam-token" }],
  ["aksk", { ak: "AKEXAMPLE", sk: "sk-example-secret" }],
  ["temporary aksk", { ak: "AKEXAMPLE", sk: "sk-example-secret", securityToken: "security-token" }],
];

describe.each(auths)("against prism mock --errors with %s auth", (_name, credentials) => {
  const client = () =>
    createHssClient({
      endpoint: prism.url,
      region: "cn-north-4",
      projectId: "project-1",
      credentials,
      env: {},
    });

  it("ListVulRepoImage: no request violation, response matches the schema", async () => {
    const result = await client().listVulRepoImage({
      vul_id: "CVE-2021-44228",
      limit: 50,
      offset: 0,
      namespace: "library",
      image_name: "nginx",
      image_id: "12345434445",
      app_name: "log4j-core",
      enterprise_project_id: "all_granted_eps",
    });
    expect(result.error, `${result.error?.message}\n${prism.output()}`).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(result.response?.headers.get("sl-violations")).toBeNull();
    const schema = operations.ListVulRepoImage.responses["200"].schema;
    expect(validateValue(schema, result.data, "", "response")).toEqual([]);
    expect(result.data?.data_list[0]?.tag_count).toBeTypeOf("number");
  });

  it("BatchScanLocalImage: no request violation, empty 200 returns cleanly", async () => {
    for (const body of [
      {
        image_info_list: [
          {
            image_id: "c499ab72-7ee9-4ee6-b6b7-5973230e7a7b",
            image_digest: "sha256:05b5081012e562d14c374de2a4c74511f9e8e0adc572d3b35fb3df06de0da63b",
            image_name: "swr.cn-north-7.myhuaweicloud.com/scc_hss_container/install-hss-agent",
            image_version: "1.0.10.x86_64",
          },
        ],
        operate_all: false,
      },
      {
        operate_all: true,
        image_name: "nginx",
        image_version: "1.25",
        local_image_type: "swr_image" as const,
        scan_status: "unscan" as const,
        image_size: 1000,
        start_latest_update_time: 1_700_000_000_000,
        end_latest_update_time: 1_800_000_000_000,
        start_latest_scan_time: 1_700_000_000_000,
        end_latest_scan_time: 1_800_000_000_000,
      },
    ]) {
      const result = await client().batchScanLocalImage({ body, enterprise_project_id: "0" });
      expect(result.error, `${result.error?.message}\n${prism.output()}`).toBeUndefined();
      expect(result.response?.status).toBe(200);
      expect(result.response?.headers.get("sl-violations")).toBeNull();
      expect(result.data).toBeUndefined();
    }
  });
});

describe("the suite can fail (negative controls)", () => {
  it("Prism reports a request outside the spec", async () => {
    // validate: false lets the out-of-range limit through the client, so Prism must catch it.
    const client = createHssClient({
      endpoint: prism.url,
      region: "cn-north-4",
      projectId: "project-1",
      credentials: { token: "t" },
      env: {},
      validate: false,
    });
    const result = await client.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 5 });
    expect(result.error?.code).toBe("API_ERROR");
    expect(result.response?.status).toBeGreaterThanOrEqual(400);
    expect(result.response?.headers.get("sl-violations") ?? "").toContain("limit");
  });

  it("Prism rejects a request without credentials", async () => {
    const client = createHssClient({ endpoint: prism.url, region: "cn-north-4", projectId: "p", env: {} });
    const result = await client.listVulRepoImage({ vul_id: "CVE-2021-44228" });
    expect(result.response?.status).toBe(401);
  });
});
