/** The built `hss-mock` bin as a process: the listening line, clean shutdown, usage errors. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../dist/bin.js");

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function listening(p: ReturnType<typeof run>): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const m = /hss-mock listening on (http:\/\/\S+)/.exec(p.out());
    if (m) return m[1] as string;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not listening: ${p.out()} ${p.err()}`);
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals) => {
  child.kill(signal);
  return new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
};

describe("hss-mock bin", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "prints its URL for --port 0, serves, and exits 0 on %s",
    async (signal) => {
      const p = run(["--port", "0", "--seed", "7", "--images", "100"]);
      const url = await listening(p);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/v5/p/image/CVE-2021-44228/images`);
      expect(res.status).toBe(200);
      expect(await stop(p.child, signal)).toBe(0);
    },
  );

  it("reads credentials from the environment and from a JSON file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hss-mock-"));
    const file = path.join(dir, "creds.json");
    await writeFile(file, JSON.stringify({ aksk: [{ ak: "A", sk: "S" }], tokens: ["file-token"] }));
    const p = run(["--port=0", "--auth", "token", "--credentials", file], { HSS_MOCK_TOKEN: "env-token" });
    const url = await listening(p);
    for (const token of ["env-token", "file-token"])
      expect((await fetch(`${url}/v5/p/image/v/images`, { headers: { "X-Auth-Token": token } })).status).toBe(
        200,
      );
    expect((await fetch(`${url}/v5/p/image/v/images`, { headers: { "X-Auth-Token": "other" } })).status).toBe(
      401,
    );
    await stop(p.child, "SIGTERM");
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [["--port", "70000"], "--port: must be an integer from 0 to 65535"],
    [["--images", "-1"], "--images: must be an integer from 0 to 1000000"],
    [["--auth", "basic"], "--auth: must be one of: none, token, aksk, any"],
    [["--auth", "aksk"], "--auth aksk needs HSS_MOCK_AK and HSS_MOCK_SK"],
    [["--bogus"], "unknown option --bogus"],
    [["--seed"], "--seed needs a value"],
    [
      ["--credentials", "/no/such/file.json"],
      "--credentials: cannot read /no/such/file.json as JSON (ENOENT)",
    ],
  ])("%j is a usage error (exit 2) naming the flag and range", async (args, message) => {
    const p = run(args);
    expect(await p.exit).toBe(2);
    expect(p.err()).toContain(message);
    expect(p.err()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("--help lists every flag", async () => {
    const p = run(["--help"]);
    expect(await p.exit).toBe(0);
    for (const flag of [
      "--host",
      "--port",
      "--seed",
      "--images",
      "--auth",
      "--credentials",
      "--scan-duration",
    ])
      expect(p.out()).toContain(flag);
  });

  it("says so when the port is taken", async () => {
    const a = run(["--port", "0"]);
    const url = await listening(a);
    const b = run(["--port", new URL(url).port]);
    expect(await b.exit).toBe(1);
    expect(b.err()).toContain("the port is in use (try --port 0)");
    await stop(a.child, "SIGTERM");
  });
});
