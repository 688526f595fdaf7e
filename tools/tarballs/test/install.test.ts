/**
 * The packages as a stranger gets them: each publishable package packed by `pnpm pack` (so
 * `workspace:*` becomes a version and only `files` ship), the tarballs installed with plain npm
 * into an empty folder with a fresh HOME, and the three programs run from there with `npx`:
 * `hss` against its embedded mock, `hss-mock` on a free port, and `hss-contract` against that
 * mock, whose JUnit XML must parse and list every coverage cell of the spec. The client calls
 * that mock loaded with `import` and, on Node 20.19+, with `require` (require(esm)).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { operationList } from "@hss/client/spec";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const PACKAGES = ["packages/client", "packages/args", "apps/mock", "apps/cli", "tools/contract"];
let dir: string;
let consumer: string;
let env: Record<string, string | undefined>;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program in the consumer folder to its end. */
function run(command: string, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: consumer, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hss-tarballs-"));
  consumer = path.join(dir, "consumer");
  mkdirSync(consumer);
  mkdirSync(path.join(dir, "home"));
  // A stranger's environment: this machine's CA certificates, proxies and registry (turbo passes
  // them through, see turbo.json), a new HOME, nothing of pnpm's or this workspace's.
  env = { ...process.env, HOME: path.join(dir, "home"), NO_COLOR: "1" };
  for (const name of Object.keys(env))
    if (/^(XDG_|npm_|PNPM_|COREPACK_HOME|TURBO_|HSS_|VITEST|NODE_OPTIONS$|NODE_PATH$)/i.test(name))
      delete env[name];
  // npm's download cache lives outside the fresh HOME, so that a second run on this machine
  // does not download Prism and vitest again (a fresh machine starts with it empty).
  env.npm_config_cache = path.join(tmpdir(), "hss-tarballs-npm-cache");
  for (const pkg of PACKAGES)
    execFileSync("corepack", ["pnpm", "pack", "--pack-destination", dir], {
      cwd: path.join(ROOT, pkg),
      stdio: "pipe",
    });
  const tarballs = readdirSync(dir).filter((f) => f.endsWith(".tgz"));
  expect(tarballs).toHaveLength(PACKAGES.length);
  // Each @hss package from its tarball, also where another @hss package depends on it.
  const local = Object.fromEntries(
    tarballs.map((f) => [
      `@hss/${f.replace(/^hss-/, "").replace(/-\d+\.\d+\.\d+.*\.tgz$/, "")}`,
      `file:../${f}`,
    ]),
  );
  writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, dependencies: local, overrides: local }, null, 2),
  );
  // --ignore-scripts: nothing here needs an install script (Prism's tree has an analytics one).
  const install = await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--loglevel=error",
  ]);
  expect(install.code, install.stderr).toBe(0);
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("installed from tarballs with npm", () => {
  it("only what each package means to ship: no sources, no tests, a README and LICENSE each", () => {
    for (const name of ["client", "args", "mock", "cli", "contract"]) {
      const pkg = path.join(consumer, "node_modules", "@hss", name);
      const files = readdirSync(pkg);
      expect(files, name).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]));
      expect(files, name).not.toContain("src");
      expect(files, name).not.toContain("test");
      expect(files, name).not.toContain("node_modules");
    }
    expect(readdirSync(path.join(consumer, "node_modules", "@hss", "client"))).toContain("openapi.yaml");
  });

  it("npx hss vul-images ... --mock prints the images of the embedded mock", async () => {
    const r = await run("npx", [
      "--no-install",
      "hss",
      "vul-images",
      "CVE-2021-44228",
      "--mock",
      "--limit",
      "10",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/IMAGE/i);
    expect(r.stdout.trim().split("\n").length).toBeGreaterThan(10);
  });

  it("npx hss-mock --port 0 listens; the client calls it (import and require); npx hss-contract checks it: exit 0, JUnit listing every coverage cell", async () => {
    // Its own process group: npx runs hss-mock as a child, which a signal to npx alone would miss.
    const mock = spawn("npx", ["--no-install", "hss-mock", "--port", "0", "--seed", "tarballs"], {
      cwd: consumer,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        mock.stdout.on("data", (c) => {
          out += c;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        mock.stderr.on("data", (c) => (out += c));
        mock.once("exit", (code) => reject(new Error(`hss-mock exited with ${code}: ${out}`)));
      });
      const page = await fetch(`${url}/v5/p1/image/CVE-2021-44228/images?limit=10`, {
        headers: { "X-Auth-Token": "t", region: "cn-north-4" },
      });
      expect(page.status).toBe(200);
      const { total_num } = (await page.json()) as { total_num: number };
      expect(total_num).toBeGreaterThan(0);

      // The library as an ES module and, on Node 20.19+, from CommonJS (require(esm)).
      const call = `m.createHssClient({ endpoint: "${url}", region: "cn-north-4", projectId: "p1", credentials: { token: "t" }, env: {} }).throwing.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 10 }).then((r) => console.log(r.total_num))`;
      for (const [how, args] of [
        ["import", ["--input-type=module", "-e", `import * as m from "@hss/client"; ${call}`]],
        ["require", ["-e", `const m = require("@hss/client"); ${call}`]],
      ] as const) {
        const r = await run("node", [...args]);
        expect(r.code, `${how}: ${r.stderr}`).toBe(0);
        expect(r.stdout.trim(), how).toBe(String(total_num));
      }

      const r = await run("npx", [
        "--no-install",
        "hss-contract",
        "--target",
        url,
        "--report",
        "junit=out.xml",
        "--report",
        "json=summary.json",
      ]);
      expect(r.code, `${r.stdout.slice(-3000)}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/hss-contract: conforms/);
      const xml = readFileSync(path.join(consumer, "out.xml"), "utf8");
      expect(XMLValidator.validate(xml)).toBe(true);
      const doc = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        isArray: (n) => n === "testsuite" || n === "testcase",
      }).parse(xml);
      const suites = doc.testsuites.testsuite as { name: string; testcase: { name: string }[] }[];
      const cells = suites.find((s) => s.name.startsWith("coverage"))?.testcase.map((c) => c.name);
      const documented = operationList().flatMap((op) =>
        Object.keys(op.responses).map((status) => `${op.operationId} ${status}`),
      );
      expect(cells?.sort()).toEqual(documented.sort());
      expect(doc.testsuites.failures).toBe("0");
      expect(suites.map((s) => s.name)).toEqual(
        expect.arrayContaining(["baseline", "mock-behind-proxy", "properties"]),
      );
      const summary = JSON.parse(readFileSync(path.join(consumer, "summary.json"), "utf8"));
      expect(summary.result).toBe("pass");
      expect(summary.coverage).toHaveLength(documented.length);
    } finally {
      if (mock.pid) process.kill(-mock.pid, "SIGTERM");
    }
  });

  it("npx hss-contract against nothing listening: exit 3, could not run", async () => {
    const r = await run("npx", ["--no-install", "hss-contract", "--target", "http://127.0.0.1:9"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/could not reach --target http:\/\/127\.0\.0\.1:9/);
  });
});
