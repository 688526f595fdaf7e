/** The built `hss` as a process against the real mock: commands, formats, paging, exit codes, secrets. */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningMock, startMockServer } from "@hss/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalOf, type Run, type RunOptions, runHss } from "./harness.js";

const VUL = "CVE-2021-44228";
let mock: RunningMock;
let home: string;

beforeAll(async () => {
  // Scans stay `scanning` for an hour: a loaded machine must not finish one before the test looks.
  mock = await startMockServer({
    port: 0,
    seed: "cli-e2e",
    images: 400,
    localImages: 60,
    scanDurationMs: 3_600_000,
  });
  home = await mkdtemp(path.join(tmpdir(), "hss-cli-"));
});
afterAll(async () => {
  await mock?.close();
  await rm(home, { recursive: true, force: true });
});

function hss(args: string[], options: Omit<RunOptions, "home"> = {}): Promise<Run> {
  return runHss(args, { home, ...options });
}

const at = () => ["--endpoint", mock.url, "--region", "cn-north-4", "--project-id", "p1"];
const journal = () => journalOf(mock.url);

describe("list-vul-repo-image", () => {
  it("prints one page as JSON matching the API, and the alias works", async () => {
    const run = await hss(["vul-images", VUL, ...at(), "--limit", "20"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.data_list).toHaveLength(20);
    const direct = await (await fetch(`${mock.url}/v5/p1/image/${VUL}/images?limit=20`)).json();
    expect(doc).toEqual(direct);
    const long = await hss(["list-vul-repo-image", VUL, ...at(), "--limit", "20"]);
    expect(long.stdout).toBe(run.stdout);
  });

  it.each(["table", "csv", "ndjson", "yaml"])("--output %s", async (output) => {
    const run = await hss(["vul-images", VUL, ...at(), "--output", output, "--limit", "10"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse((await hss(["vul-images", VUL, ...at(), "--limit", "10"])).stdout);
    const tags = doc.data_list.reduce(
      (n: number, i: { data_list: unknown[] }) => n + Math.max(1, i.data_list.length),
      0,
    );
    const lines = run.stdout.trimEnd().split("\n");
    if (output === "table") {
      expect(lines[0]).toMatch(
        /^NAMESPACE\s+IMAGE_NAME\s+IMAGE_ID\s+IMAGE_TYPE\s+APP_NAME\s+VERSION\s+TAG_NAME\s+TAG_ID\s+SIZE$/,
      );
      expect(lines).toHaveLength(tags + 1);
    } else if (output === "csv") {
      expect(lines[0]).toBe("namespace,image_name,image_id,image_type,app_name,version,tag_name,tag_id,size");
      expect(lines).toHaveLength(tags + 1);
    } else if (output === "ndjson") {
      expect(lines.map((l) => JSON.parse(l))).toEqual(doc.data_list);
    } else {
      expect(run.stdout).toContain(`total_num: ${doc.total_num}`);
    }
  });

  it("--query applies JMESPath to the result", async () => {
    const run = await hss([
      "vul-images",
      VUL,
      ...at(),
      "--query",
      "data_list[0].image_name",
      "--limit",
      "10",
    ]);
    const doc = JSON.parse((await hss(["vul-images", VUL, ...at(), "--limit", "10"])).stdout);
    expect(JSON.parse(run.stdout)).toBe(doc.data_list[0].image_name);
    const bad = await hss(["vul-images", VUL, ...at(), "--query", "data_list[?"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hss: --query: /);
  });

  it("--all returns exactly total_num images, in every streaming format; --max-items stops early", async () => {
    const total = JSON.parse(
      (await hss(["vul-images", VUL, ...at(), "--enterprise-project-id", "all_granted_eps"])).stdout,
    ).total_num;
    expect(total).toBeGreaterThan(100);
    const ndjson = await hss([
      "vul-images",
      VUL,
      ...at(),
      "--enterprise-project-id",
      "all_granted_eps",
      "--all",
      "-o",
      "ndjson",
      "--limit",
      "50",
    ]);
    const items = ndjson.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => `${i.namespace}/${i.image_id}`)).size).toBe(total);
    const json = JSON.parse(
      (await hss(["vul-images", VUL, ...at(), "--enterprise-project-id", "all_granted_eps", "--all"])).stdout,
    );
    expect(json.total_num).toBe(total);
    expect(json.data_list).toEqual(items);
    const max = await hss([
      "vul-images",
      VUL,
      ...at(),
      "--enterprise-project-id",
      "all_granted_eps",
      "--max-items",
      "25",
      "-o",
      "ndjson",
    ]);
    expect(max.stdout.trimEnd().split("\n")).toHaveLength(25);
  });

  it("--mock needs no account and no environment", async () => {
    const run = await hss(["vul-images", VUL, "--mock", "--output", "table"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toContain("NAMESPACE");
  });
});

describe("batch-scan-local-image", () => {
  const state = async () =>
    (await (await fetch(`${mock.url}/__mock/state`)).json()).local_images as {
      image_id: string;
      image_name: string;
      image_version: string;
      scan_status: string;
      enterprise_project_id: string;
    }[];

  it("scans images by --image name:version and --image-id, printing the request id as a receipt", async () => {
    const [a, b] = (await state()).filter((i) => i.enterprise_project_id === "0");
    const run = await hss([
      "scan-local",
      ...at(),
      "--image",
      `${a?.image_name}:${a?.image_version}`,
      "--image-id",
      b?.image_id as string,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      status: "queued",
      request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const after = await state();
    expect(after.find((i) => i.image_id === b?.image_id)?.scan_status).toBe("scanning");
  });

  it("--input - reads the body from stdin; --generate-skeleton prints a template", async () => {
    const [c] = (await state()).filter((i) => i.enterprise_project_id === "0").slice(5);
    const run = await hss(["scan-local", ...at(), "--input", "-", "-o", "table"], {
      stdin: JSON.stringify({ image_info_list: [{ image_id: c?.image_id }] }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^STATUS\s+REQUEST_ID\nqueued\s+[0-9a-f]{32}$/m);
    const skeleton = JSON.parse((await hss(["scan-local", "--generate-skeleton"])).stdout);
    expect(Object.keys(skeleton)).toEqual(
      expect.arrayContaining(["operate_all", "image_info_list", "scan_status", "end_latest_scan_time"]),
    );
    expect(skeleton.image_info_list[0]).toEqual({
      image_id: "",
      image_digest: "",
      image_name: "",
      image_version: "",
    });
  });

  it("operate_all needs --yes when stdin is not a terminal", async () => {
    const before = (await journal()).length;
    const refused = await hss(["scan-local", ...at(), "--all-images", "--scan-status", "unscan"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("add --yes to confirm (stdin is not a terminal)");
    expect((await journal()).length).toBe(before);
    const yes = await hss(["scan-local", ...at(), "--all-images", "--scan-status", "unscan", "--yes"]);
    expect(yes.code).toBe(0);
  });

  it("--dry-run prints the exact request with secrets masked and sends nothing", async () => {
    const before = (await journal()).length;
    const run = await hss(["scan-local", ...at(), "--all-images", "--updated-after", "7d", "--dry-run"], {
      env: {
        HUAWEICLOUD_SDK_AK: "AKDRYRUN",
        HUAWEICLOUD_SDK_SK: "SK-must-not-leak-123456",
        HUAWEICLOUD_SDK_SECURITY_TOKEN: "STS-must-not-leak-987654",
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^POST ${mock.url}/v5/p1/image/local/batch-scan\n`));
    expect(run.stdout).toMatch(
      /authorization: SDK-HMAC-SHA256 Access=AKDRYRUN, SignedHeaders=[^,]+, Signature=\*\*\*/,
    );
    expect(run.stdout).toContain("x-security-token: ***");
    expect(JSON.parse(run.stdout.split("\n\n")[1] as string)).toMatchObject({
      operate_all: true,
      start_latest_update_time: expect.any(Number),
    });
    expect(run.stdout + run.stderr).not.toMatch(/must-not-leak/);
    expect((await journal()).length).toBe(before);
  });
});

describe("exit codes and secrets", () => {
  it("2: usage errors, without a stack trace", async () => {
    for (const args of [
      ["vul-images", VUL, "--limit", "5"],
      ["bogus"],
      ["scan-local", ...at()],
      ["scan-local", "--image", "nginx"],
    ]) {
      const run = await hss(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^hss: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("3: configuration and authentication errors", async () => {
    const noRegion = await hss(["vul-images", VUL, "--project-id", "p1"]);
    expect(noRegion.code).toBe(3);
    expect(noRegion.stderr).toContain(
      "no region: give --region (e.g. cn-north-4), set HSS_REGION, or run hss configure",
    );
    const tokenMock = await startMockServer({
      port: 0,
      auth: "token",
      credentials: { aksk: [], tokens: ["good-token"] },
    });
    try {
      const bad = await hss([
        "vul-images",
        VUL,
        "--endpoint",
        tokenMock.url,
        "--region",
        "cn-north-4",
        "--project-id",
        "p",
        "--token",
        "IAM-TOKEN-must-not-leak",
        "--debug",
      ]);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain("APIGW.0301");
      expect(bad.stderr).toMatch(/request id [0-9a-f]{32}/);
      expect(bad.stderr).toContain("x-auth-token: ***");
      expect(bad.stdout + bad.stderr).not.toContain("IAM-TOKEN-must-not-leak");
      const good = await hss(
        ["vul-images", VUL, "--endpoint", tokenMock.url, "--region", "cn-north-4", "--project-id", "p"],
        { env: { HSS_AUTH_TOKEN: "good-token" } },
      );
      expect(good.code).toBe(0);
    } finally {
      await tokenMock.close();
    }
    const noProfile = await hss(["vul-images", VUL, ...at(), "--profile", "nope"]);
    expect(noProfile.code).toBe(3);
  });

  it("4: an API 4xx; 5: an API 5xx or a network failure after retries", async () => {
    const missing = await hss(["scan-local", ...at(), "--image-id", "no-such-image"]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("HSS.0001");
    await fetch(`${mock.url}/__mock/faults/ListVulRepoImage`, {
      method: "PUT",
      body: JSON.stringify({ errorRate: 1, errorStatus: 503 }),
    });
    try {
      const failing = await hss(["vul-images", VUL, ...at(), "--retries", "1", "--debug"]);
      expect(failing.code).toBe(5);
      expect(failing.stderr.match(/attempt \d: GET/g)).toHaveLength(2);
    } finally {
      await fetch(`${mock.url}/__mock/faults`, { method: "DELETE" });
    }
    const refused = await hss([
      "vul-images",
      VUL,
      "--endpoint",
      "http://127.0.0.1:1",
      "--region",
      "cn-north-4",
      "--project-id",
      "p",
      "--retries",
      "0",
    ]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain("NETWORK_ERROR".length ? "fetch failed" : "");
  });

  it("130: interrupted", async () => {
    await fetch(`${mock.url}/__mock/faults/ListVulRepoImage`, {
      method: "PUT",
      body: JSON.stringify({ latencyMs: 10_000 }),
    });
    try {
      const run = await hss(["vul-images", VUL, ...at()], { kill: { afterMs: 700 } });
      expect(run.code).toBe(130);
    } finally {
      await fetch(`${mock.url}/__mock/faults`, { method: "DELETE" });
    }
  });

  it("--debug shows request ids and masks the SK, the token and the security token", async () => {
    const env = {
      HUAWEICLOUD_SDK_AK: "AKDEBUG",
      HUAWEICLOUD_SDK_SK: "SK-must-not-leak-123456",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "STS-must-not-leak-987654",
    };
    const run = await hss(["vul-images", VUL, ...at(), "--debug", "--limit", "10"], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/HTTP 200 in \d+ ms, request id [0-9a-f]{32}/);
    expect(run.stderr).toContain("Signature=***");
    expect(run.stdout + run.stderr).not.toMatch(/must-not-leak/);
  });
});

describe("configure, completion, version", () => {
  it("writes a profile with mode 0600, lists it masked, and uses it", async () => {
    const dir = await mkdtemp(path.join(home, "hss-home-"));
    const env = { XDG_CONFIG_HOME: dir };
    const set = await hss(
      [
        "configure",
        "--profile",
        "dev",
        "--endpoint",
        mock.url,
        "--region",
        "cn-north-4",
        "--project-id",
        "p1",
        "--ak",
        "AKPROFILE",
        "--sk",
        "SK-profile-must-not-leak",
      ],
      { env },
    );
    expect(set.code, set.stderr).toBe(0);
    const file = path.join(dir, "hss", "config.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8")).profiles.dev.region).toBe("cn-north-4");
    const list = await hss(["configure", "list", "--profile", "dev"], { env });
    expect(list.stdout).toContain("AKPROFILE");
    expect(list.stdout).toContain("****leak");
    expect(list.stdout).not.toContain("SK-profile-must-not-leak");
    const use = await hss(["vul-images", VUL, "--profile", "dev", "--limit", "10", "--debug"], { env });
    expect(use.code, use.stderr).toBe(0);
    expect(use.stderr).toContain("Access=AKPROFILE");
    const notTty = await hss(["configure"], { env });
    expect(notTty.code).toBe(2);
  });

  it("prints completion scripts; bash's parses", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const run = await hss(["completion", shell]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("vul-images");
      expect(run.stdout).toContain("image-name");
    }
    const script = path.join(home, "c.bash");
    await writeFile(script, (await hss(["completion", "bash"])).stdout);
    const check = await new Promise<number | null>((resolve) =>
      spawn("bash", ["-n", script]).on("exit", resolve),
    );
    expect(check).toBe(0);
    expect((await hss(["completion", "powershell"])).code).toBe(2);
  });

  it("--version and --help", async () => {
    expect((await hss(["--version"])).stdout).toMatch(/^hss \d+\.\d+\.\d+\n$/);
    const help = await hss(["vul-images", "--help"]);
    expect(help.code).toBe(0);
    for (const text of ["--limit <integer>", "an integer from 10 to 200", "[default 10]", "Examples:"])
      expect(help.stdout).toContain(text);
    const scanHelp = await hss(["scan-local", "--help"]);
    expect(scanHelp.stdout).toContain(
      "--scan-status <unscan|success|scanning|failed|download_failed|image_oversized>",
    );
  });
});
