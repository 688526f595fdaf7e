/**
 * `hss-mock`'s arguments to outcome, in process (the built bin's process shell, signals and exit
 * code, is bin.test.ts): usage, usage errors naming the flag, the listening line, the admin
 * token line only when the token was made up, and ports it cannot listen on.
 */
import { once } from "node:events";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import type { RunningMock } from "../src/server.js";

const started: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((m) => m.close()));
});

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const result = await main(argv, env, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  if (result.mock) started.push(result.mock);
  return { ...result, stdout, stderr };
}

describe("hss-mock's arguments", () => {
  it("--help prints the usage on stdout and exits 0, starting nothing", async () => {
    const r = await run(["--help"]);
    expect(r).toMatchObject({ exitCode: 0, stderr: [] });
    expect(r.mock).toBeUndefined();
    expect(r.stdout.join("\n")).toMatch(/^Usage: hss-mock/m);
    expect(r.stdout.join("\n")).toContain("--port");
  });

  it("a bad flag is exit 2 with one line naming it and its range, starting nothing", async () => {
    const r = await run(["--port", "70000"]);
    expect(r).toMatchObject({ exitCode: 2, stdout: [] });
    expect(r.mock).toBeUndefined();
    expect(r.stderr).toEqual(['hss-mock: --port: must be an integer from 0 to 65535 (got "70000")']);
  });

  it("serves on the port asked, and says where on one stdout line; no admin token with auth off on loopback", async () => {
    const r = await run(["--port", "0", "--images", "50", "--seed", "m"]);
    expect(r.exitCode).toBeUndefined();
    expect(r.stdout).toEqual([`hss-mock listening on ${r.mock?.url}`]);
    expect(r.mock?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.stderr).toEqual([]);
    const res = await fetch(`${r.mock?.url}/__mock/state`);
    expect((await res.json()).seed).toBe("m");
  });

  it("with auth on, prints the admin token it made up on stderr, and none that was given", async () => {
    const made = await run(["--port", "0", "--images", "10", "--auth", "token"], { HSS_MOCK_TOKEN: "t-1" });
    const token = made.mock?.adminToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(made.stderr).toEqual([
      `hss-mock admin token: ${token} (send Authorization: Bearer <token> to /__mock/*)`,
    ]);
    const given = await run(
      ["--port", "0", "--images", "10", "--auth", "token", "--admin-token", "a".repeat(24)],
      {
        HSS_MOCK_TOKEN: "t-1",
      },
    );
    expect(given.mock?.adminToken).toBe("a".repeat(24));
    expect(given.stderr).toEqual([]);
  });

  it("a port in use is exit 1, saying so and what to do", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    try {
      const port = (taken.address() as { port: number }).port;
      const r = await run(["--port", String(port), "--images", "10"]);
      expect(r).toMatchObject({ exitCode: 1, stdout: [] });
      expect(r.mock).toBeUndefined();
      expect(r.stderr).toEqual(["hss-mock: cannot listen: the port is in use (try --port 0)"]);
    } finally {
      taken.close();
    }
  });

  it("any other failure to listen is exit 1 with the system's reason", async () => {
    // 192.0.2.1 (TEST-NET-1) is no address of this machine.
    const r = await run([
      "--port",
      "0",
      "--images",
      "10",
      "--host",
      "192.0.2.1",
      "--admin-token",
      "a".repeat(24),
    ]);
    expect(r).toMatchObject({ exitCode: 1, stdout: [] });
    expect(r.mock).toBeUndefined();
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^hss-mock: cannot listen: listen EADDRNOTAVAIL/);
  });
});
