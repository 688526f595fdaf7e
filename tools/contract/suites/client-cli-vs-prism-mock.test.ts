/**
 * The client and the built CLI against `prism mock spec --errors`: every operation, parameter
 * and header, both auth modes, pagination and every body shape, with zero request violations
 * (Prism answers 422 with the list otherwise). Prism matches query names in any case and
 * ignores unknown ones, so the names the client puts on the wire are checked here, letter for
 * letter. Negative controls: a client request outside the spec, a misnamed query parameter, and a
 * CLI flag out of range, are each caught.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { createHssClient, type HssClientOptions, type HssResult } from "@hss/client";
import { operationList } from "@hss/client/spec";
import type { RunningPrism } from "@hss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismMock, record, SCAN } from "./helpers.js";

const require = createRequire(import.meta.url);
const HSS = path.join(path.dirname(require.resolve("@hss/cli/package.json")), "dist/hss.cjs");
let prism: RunningPrism;
beforeAll(async () => {
  prism = await prismMock();
});
afterAll(() => prism?.stop());

const credentials: [string, HssClientOptions["credentials"]][] = [
  ["token", { token: "contract-token" }],
  ["aksk", { ak: "AKCONTRACT", sk: "contract-secret" }],
  ["temporary aksk", { ak: "AKCONTRACT", sk: "contract-secret", securityToken: "contract-security-token" }],
];

/** The spec's query parameter names, exactly as written. */
const QUERY_NAMES = new Set(
  operationList().flatMap((op) => op.parameters.filter((p) => p.in === "query").map((p) => p.name)),
);

/** Query names sent that the spec does not have letter for letter (Prism would not say). */
const misnamed: string[] = [];

/** The client's fetch: the request goes to Prism as it is; its query names are checked on the way. */
function checkingFetch(send: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    for (const name of url.searchParams.keys())
      if (!QUERY_NAMES.has(name)) misnamed.push(`${url.pathname}?${name}`);
    return send(input, init);
  };
}

function ok<T>(operationId: string, result: HssResult<T>) {
  record(operationId, result.response?.status ?? "none");
  expect(misnamed, "query names the spec does not have, letter for letter").toEqual([]);
  const listed = result.response?.headers.get("sl-violations");
  expect(result.error?.message, `${result.error?.message} ${listed ?? ""}`).toBeUndefined();
  expect(listed).toBeNull();
}

describe.each(credentials)("client with %s auth", (_name, creds) => {
  const client = () =>
    createHssClient({
      endpoint: prism.url,
      region: "cn-north-4",
      projectId: "p1",
      credentials: creds,
      env: {},
      enterpriseProjectId: "0",
      fetch: checkingFetch(),
    });

  it("ListVulRepoImage with every parameter, at bounds and typical values", async () => {
    const hss = client();
    for (const params of [
      { vul_id: "CVE-2021-44228" },
      { vul_id: "CVE-2021-44228", limit: 10, offset: 0 },
      {
        vul_id: "漏洞 1:2/x",
        limit: 200,
        offset: 2_000_000,
        namespace: "library",
        image_name: "nginx",
        image_id: "12345434445",
        app_name: "log4j-core",
        enterprise_project_id: "all_granted_eps",
      },
      { vul_id: "v", namespace: "", image_name: "a b&c=d+e", enterprise_project_id: "e".repeat(256) },
    ])
      ok("ListVulRepoImage", await hss.listVulRepoImage(params));
  });

  it("pagination through the paginator", async () => {
    const pages = [];
    for await (const page of client().pages.listVulRepoImage(
      { vul_id: "CVE-2021-44228", limit: 10 },
      { prefetch: 4 },
    )) {
      record("ListVulRepoImage", 200);
      pages.push(page);
    }
    expect(misnamed).toEqual([]);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.reduce((n, p) => n + p.items.length, 0)).toBeLessThanOrEqual(pages[0]?.total ?? 0);
  });

  it("BatchScanLocalImage with every body shape and enum value", async () => {
    const hss = client();
    const enums = SCAN.requestBody?.schema.properties ?? {};
    const bodies = [
      { image_info_list: [{ image_id: "c499ab72-7ee9-4ee6-b6b7-5973230e7a7b" }] },
      {
        image_info_list: [
          { image_digest: `sha256:${"a".repeat(64)}` },
          { image_name: "nginx", image_version: "1.25" },
        ],
        operate_all: false,
      },
      {
        operate_all: true,
        image_name: "nginx",
        image_version: "1",
        image_size: 0,
        start_latest_update_time: 0,
        end_latest_update_time: 1,
        start_latest_scan_time: 0,
        end_latest_scan_time: 1,
      },
      ...(enums.scan_status?.enum ?? []).map((scan_status) => ({
        operate_all: true,
        scan_status: scan_status as never,
      })),
      ...(enums.local_image_type?.enum ?? []).map((local_image_type) => ({
        operate_all: true,
        local_image_type: local_image_type as never,
      })),
    ];
    for (const body of bodies)
      ok(
        "BatchScanLocalImage",
        await hss.batchScanLocalImage({ body, enterprise_project_id: "all_granted_eps" }),
      );
  });
});

describe("negative control: a client request outside the spec is caught", () => {
  /** A client of Prism with a token and no retries, and what the control changes. */
  const controlClient = (options: Partial<HssClientOptions>) =>
    createHssClient({
      endpoint: prism.url,
      region: "cn-north-4",
      projectId: "p1",
      credentials: { token: "t" },
      env: {},
      retry: false,
      ...options,
    });

  it("Prism answers with the spec's 400 and lists the violation", async () => {
    const hss = controlClient({ validate: false });
    const result = await hss.listVulRepoImage({ vul_id: "v", limit: 500 });
    expect(result.response?.status).toBe(400);
    expect(result.response?.headers.get("sl-violations")).toMatch(/limit/);
  });

  it("a query name in the wrong case passes Prism, and the name check catches it", async () => {
    // A client that writes `Limit` for `limit`: Prism reads it as limit, so only the check sees it.
    const checked = checkingFetch();
    const renaming: typeof fetch = (input, init) =>
      checked(String(input instanceof Request ? input.url : input).replace("limit=", "Limit="), init);
    const hss = controlClient({ fetch: renaming });
    const seen = misnamed.length;
    const result = await hss.listVulRepoImage({ vul_id: "v", limit: 20 });
    expect(result.response?.status).toBe(200);
    expect(result.response?.headers.get("sl-violations")).toBeNull();
    expect(misnamed.slice(seen)).toEqual(["/v5/p1/image/v/images?Limit"]);
    misnamed.length = seen; // the control's own finding is not a finding of the suite
  });
});

function hss(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [HSS, ...args, "--endpoint", prism.url, "--region", "cn-north-4", "--project-id", "p1"],
      {
        env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", HSS_AUTH_TOKEN: "contract-token" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const requestsSeen = () => (prism.output().match(/Request received/g) ?? []).length;

describe("the CLI against prism mock", () => {
  it.each([
    ["ListVulRepoImage", ["vul-images", "CVE-2021-44228"]],
    [
      "ListVulRepoImage",
      [
        "vul-images",
        "CVE-2021-44228",
        "--limit",
        "200",
        "--offset",
        "2000000",
        "--namespace",
        "ns",
        "--image-name",
        "nginx",
        "--image-id",
        "1",
        "--app-name",
        "openssl",
        "--enterprise-project-id",
        "all_granted_eps",
      ],
    ],
    ["ListVulRepoImage", ["vul-images", "CVE-2021-44228", "--all", "-o", "ndjson"]],
    [
      "BatchScanLocalImage",
      ["scan-local", "--image", "nginx:1.25", "--image-id", "abc", "--digest", `sha256:${"b".repeat(64)}`],
    ],
    [
      "BatchScanLocalImage",
      [
        "scan-local",
        "--all-images",
        "--yes",
        "--scan-status",
        "download_failed",
        "--local-image-type",
        "other_image",
        "--image-size",
        "5",
        "--updated-after",
        "7d",
        "--scanned-before",
        "2026-01-01",
      ],
    ],
  ])("%s: hss %j sends only what the spec allows", async (operationId, args) => {
    const run = await hss([...args, "--debug"]);
    record(operationId, /HTTP (\d{3})/.exec(run.stderr)?.[1] ?? "none");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/sl-violations/i);
  });

  it("negative control: a CLI flag out of range is caught before anything is sent", async () => {
    const before = requestsSeen();
    for (const args of [
      ["vul-images", "CVE-1", "--limit", "500"],
      ["scan-local", "--all-images", "--yes", "--scan-status", "done"],
    ]) {
      const run = await hss(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/must be/);
    }
    expect(requestsSeen()).toBe(before);
  });
});
