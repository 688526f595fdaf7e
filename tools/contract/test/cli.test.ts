/**
 * `hss-contract` as a process: bad input is a usage error naming the flag (exit 2) before
 * anything starts, an unreachable target is "could not run" (exit 3), a server that breaks the
 * spec is "contract violations" (exit 1) with the reports written, and no secret is ever shown.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startMockServer } from "@hss/mock";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "..", "bin", "hss-contract.mjs");
const SECRET = "s3cret-Value-never-shown";

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), NO_COLOR: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("usage errors: exit 2, one line naming the flag as typed, nothing started", () => {
  it.each([
    [["--tagret", "http://127.0.0.1:1"], /unknown option --tagret .*did you mean --target\?/],
    [["--target", "ftp://127.0.0.1"], /^hss-contract: --target: must be an http\(s\) base URL/],
    [
      ["--target", `http://u:${SECRET}@127.0.0.1:8080`],
      /--target: .*got http:\/\/u:\*\*\*@127\.0\.0\.1:8080/,
    ],
    [["--target", "http://127.0.0.1:8080/api"], /--target: must be .* no path/],
    [["--target", "http://127.0.0.1:8080", "--ak", "AK"], /--ak and --sk must be given together/],
    [["--target", "http://127.0.0.1:8080", "--sk", SECRET], /--ak and --sk must be given together/],
    [["--target", "http://127.0.0.1:8080", "--token", SECRET, "--ak", "A", "--sk", SECRET], /give one/],
    [["--token", SECRET], /--token needs --target/],
    [["--report", "xml=out.xml"], /--report: must be junit=<file> or json=<file> \(got "xml=out\.xml"\)/],
    [
      ["--report", "junit=/no/such/folder/out.xml"],
      /--report junit=.*: the folder \/no\/such\/folder does not exist/,
    ],
    [["--spec", "/no/such/spec.yaml"], /--spec: cannot read \/no\/such\/spec\.yaml \(ENOENT\)/],
    [["--spec", BIN], /--spec: .* is not YAML or JSON|--spec: .* not an OpenAPI document/],
    [["--project-id", "a/b", "--target", "http://127.0.0.1:8080"], /--project-id: must be 1-64 letters/],
    [["--suite", "basline"], /--suite: must be one of: baseline, .* did you mean baseline\?/],
    [
      ["--target", "http://127.0.0.1:8080", "--suite", "client-cli-vs-prism-mock"],
      /--suite client-cli-vs-prism-mock checks this toolkit's own client and CLI, not --target/,
    ],
  ])("%j", async (args, message) => {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  });

  it("a secret in the environment is not shown either", async () => {
    const r = await run([], { HSS_CONTRACT_SK: SECRET });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--ak and --sk must be given together \(or HSS_CONTRACT_AK and HSS_CONTRACT_SK\)/,
    );
    expect(r.stderr).not.toContain(SECRET);
  });

  it("--help lists every flag and the exit codes", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of [
      "--target",
      "--token",
      "--ak",
      "--sk",
      "--security-token",
      "--spec",
      "--report",
      "--out",
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/Exit codes: 0 conforms; 1 contract violations/);
  });
});

describe("a target that cannot be reached", () => {
  it("is 'could not run' (exit 3), named, before Prism or vitest start", async () => {
    const mock = await startMockServer({ port: 0 });
    const url = mock.url;
    await mock.close();
    const r = await run(["--target", url, "--token", SECRET]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`could not reach --target ${url} \\(ECONNREFUSED\\)`));
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toContain(SECRET);
  });
});

describe("a server that breaks the spec", () => {
  it("is 'contract violations' (exit 1): the failed checks in JUnit and JSON, the secret nowhere", async () => {
    const mock = await startMockServer({ port: 0, seed: "broken", images: 50, localImages: 10 });
    await fetch(`${mock.url}/__mock/faults/ListVulRepoImage`, {
      method: "PUT",
      body: JSON.stringify({ malformed: true }),
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), "hss-contract-test-"));
    try {
      const r = await run([
        "--target",
        mock.url,
        "--token",
        SECRET,
        "--report",
        `junit=${dir}/out.xml`,
        "--report",
        `json=${dir}/summary.json`,
      ]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/contract violations: [1-9]\d* check\(s\) failed/);
      const summary = JSON.parse(readFileSync(`${dir}/summary.json`, "utf8"));
      expect(summary.result).toBe("violations");
      expect(summary.failures.length).toBeGreaterThan(0);
      expect(JSON.stringify(summary.failures)).toMatch(/total_num|image_type/);
      const xml = readFileSync(`${dir}/out.xml`, "utf8");
      expect(XMLValidator.validate(xml)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
      const missing = summary.coverage.filter((c: { state: string }) => c.state === "missing").length;
      expect(Number(doc.testsuites.failures)).toBe(summary.failures.length + missing);
      for (const text of [r.stdout, r.stderr, xml, JSON.stringify(summary)])
        expect(text).not.toContain(SECRET);
    } finally {
      await mock.close();
    }
  });
});
