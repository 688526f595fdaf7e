/**
 * `hss-contract` as a process: bad input is a usage error naming the flag (exit 2) before
 * anything starts, an unreachable target is "could not run" (exit 3), a server that breaks the
 * spec is "contract violations" (exit 1) with the reports written, and no secret is ever shown.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
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
    [["--target", "http://127.0.0.1:8080", "--ak", "AK"], /--ak needs --sk \(or HSS_CONTRACT_SK\) too/],
    [["--target", "http://127.0.0.1:8080", "--sk", SECRET], /--sk needs --ak \(or HSS_CONTRACT_AK\) too/],
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
    [["--out", BIN], /--out .*: exists and is not a folder/],
    [["--report", `junit=${os.tmpdir()}`], /--report junit=.*: .* is a folder; name a file/],
    [["--timeout", "0"], /--timeout: must be an integer from 1 to 600 \(got "0"\)/],
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

  it("a setting from the environment is named by its variable", async () => {
    const r = await run([], { HSS_CONTRACT_TARGET: "not a url" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hss-contract: HSS_CONTRACT_TARGET: must be an http\(s\) base URL/);
  });

  it("a secret in the environment is not shown either", async () => {
    const r = await run([], { HSS_CONTRACT_SK: SECRET });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HSS_CONTRACT_SK needs --ak \(or HSS_CONTRACT_AK\) too/);
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
    expect(r.stderr).toMatch(new RegExp(`could not reach --target ${url}: GET .* got ECONNREFUSED`));
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toContain(SECRET);
  });
});

/** A server on 127.0.0.1 answering every request with `answer`. */
async function server(answer: (headers: Record<string, unknown>) => [number, string]) {
  const srv = createServer((req, res) => {
    const [status, body] = answer(req.headers);
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () => {
      srv.closeAllConnections();
      return new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

describe("credentials the target refuses", () => {
  it("end the run before any suite starts: exit 3 naming the flag to check", async () => {
    const mock = await startMockServer({
      port: 0,
      auth: "token",
      credentials: { aksk: [], tokens: ["right"] },
    });
    try {
      const r = await run(["--target", mock.url, "--token", SECRET]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(
        /refused the credentials \(GET \/v5\/p1\/image\/CVE-2021-44228\/images answered 401\): check --token/,
      );
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toContain(SECRET);
    } finally {
      await mock.close();
    }
  });
});

describe("a target that echoes the request's headers into its answers", () => {
  it("gets no secret into the output or the reports: masked as ***", async () => {
    // A 500 for everything: the check of a request breaking the spec quotes the body it got.
    const echo = await server((h) => [
      500,
      JSON.stringify({ error_code: "E", error_msg: `token=${String(h["x-auth-token"])}` }),
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "hss-contract-test-"));
    try {
      const r = await run([
        ...["--target", echo.url, "--token", SECRET, "--suite", "baseline"],
        ...["--report", `junit=${dir}/o.xml`, "--report", `json=${dir}/o.json`],
      ]);
      expect(r.code, r.stderr).toBe(1);
      const reports = [readFileSync(`${dir}/o.xml`, "utf8"), readFileSync(`${dir}/o.json`, "utf8")];
      const all = [r.stdout, r.stderr, ...reports].join("\n");
      expect(all).toContain("token=***");
      expect(all).not.toContain(SECRET);
    } finally {
      await echo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Prism's own answers", () => {
  it("never count as statuses the target produced", async () => {
    // 200 with a body that is not the spec's, whatever the request: Prism answers its own 500s.
    const hello = await server(() => [200, '{"hello":"world"}']);
    const dir = mkdtempSync(path.join(os.tmpdir(), "hss-contract-test-"));
    try {
      const r = await run(["--target", hello.url, "--suite", "baseline", "--report", `json=${dir}/o.json`]);
      expect(r.code, r.stderr).toBe(1);
      const summary = JSON.parse(readFileSync(`${dir}/o.json`, "utf8"));
      const cell = (status: string) =>
        summary.coverage.find(
          (c: { operation: string; status: string }) =>
            c.operation === "ListVulRepoImage" && c.status === status,
        );
      expect(cell("500").state).toBe("skipped");
      expect(cell("200").tests.length).toBeGreaterThan(0);
      expect(JSON.stringify(summary.failures)).toMatch(/VIOLATIONS/);
    } finally {
      await hello.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Ctrl-C", () => {
  it("stops the run, its vitest and every Prism it started: exit 130, nothing left behind", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hss-contract-test-"));
    const child = spawn(process.execPath, [BIN, "--out", dir], {
      env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const read = (file: string) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    };
    // The processes of this run carry its --out folder in their environment.
    const mine = () =>
      readdirSync("/proc").filter(
        (p) =>
          /^\d+$/.test(p) &&
          p !== String(child.pid) &&
          read(`/proc/${p}/environ`).includes(`HSS_CONTRACT_OUT=${dir}`),
      );
    const until = async (done: () => boolean, what: string) => {
      for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 250));
      expect(done(), what).toBe(true);
    };
    try {
      await until(
        () => mine().some((p) => read(`/proc/${p}/cmdline`).includes("prism")),
        "a Prism of this run",
      );
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      expect(output).toMatch(/stopped by SIGINT; nothing was concluded/);
      await until(() => mine().length === 0, "no process of the run left");
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a --spec narrower than the requests this package builds", () => {
  it("is 'could not run' (exit 3), not a violation of the target's", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hss-contract-test-"));
    try {
      const shipped = readFileSync(
        createRequire(import.meta.url).resolve("@hss/client/openapi.yaml"),
        "utf8",
      );
      expect(shipped).toContain("maximum: 200\n");
      writeFileSync(`${dir}/narrow.yaml`, shipped.replace("maximum: 200\n", "maximum: 100\n"));
      const r = await run([
        "--spec",
        `${dir}/narrow.yaml`,
        "--suite",
        "properties",
        "--report",
        `json=${dir}/o.json`,
      ]);
      expect(r.code, r.stderr).toBe(3);
      const summary = JSON.parse(readFileSync(`${dir}/o.json`, "utf8"));
      expect(summary.result).toBe("error");
      expect(JSON.stringify(summary.failures)).toMatch(/Prism refused a request this package built as valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
