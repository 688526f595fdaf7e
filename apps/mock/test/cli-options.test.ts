/**
 * `hss-mock`'s flags and environment as options, in process (bin.test.ts runs the built binary):
 * each flag reaches its option, credentials come from the environment and a JSON file together,
 * each auth mode demands what it needs, and every usage error names the flag or file and what is
 * allowed, never a secret.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAGS, parseMockArgs, usage } from "../src/cli-options.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hss-mock-args-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, text: string) => {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
};

const run = (argv: string[], env: Record<string, string | undefined> = {}) => {
  const parsed = parseMockArgs(argv, env);
  if (parsed.kind !== "run") throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
};
const error = (argv: string[], env: Record<string, string | undefined> = {}) => {
  const parsed = parseMockArgs(argv, env);
  if (parsed.kind !== "error") throw new Error(`expected a usage error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
};

describe("hss-mock flags", () => {
  it("each flag sets its option under the flag's own name", () => {
    expect(
      run([
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--seed",
        "s",
        "--images",
        "5",
        "--local-images",
        "6",
        "--scan-duration",
        "7",
        "--max-body",
        "2048",
        "--max-header",
        "8192",
        "--journal",
        "9",
        "--journal-bytes",
        "10",
        "--admin-token",
        "an-admin-token-of-16+",
      ]),
    ).toEqual({
      host: "0.0.0.0",
      port: 0,
      seed: "s",
      images: 5,
      localImages: 6,
      scanDurationMs: 7,
      maxBodyBytes: 2048,
      maxHeaderBytes: 8192,
      journalSize: 9,
      journalBytes: 10,
      adminToken: "an-admin-token-of-16+",
      credentials: { aksk: [], tokens: [] },
    });
  });

  it("--help and -h ask for the usage, which lists every flag with its default", () => {
    expect(parseMockArgs(["--help"], {})).toEqual({ kind: "help" });
    expect(parseMockArgs(["-h"], {})).toEqual({ kind: "help" });
    const text = usage();
    expect(text.split("\n")[0]).toBe("Usage: hss-mock [options]");
    for (const flag of FLAGS) expect(text).toContain(`  --${flag.name.padEnd(14)} ${flag.help}`);
    expect(text).toContain("--port           port; 0 picks a free one (default 4010)");
    expect(text).not.toMatch(/--admin-token .*\(default/);
  });

  it("a value out of range is a usage error naming the flag and the range", () => {
    expect(error(["--port", "70000"])).toMatch(/--port.*from 0 to 65535/);
    expect(error(["--auth", "magic"])).toMatch(/--auth.*none, token, aksk, any/);
  });

  it("the admin token comes from HSS_MOCK_ADMIN_TOKEN unless given; a short one is refused unseen", () => {
    expect(run([], { HSS_MOCK_ADMIN_TOKEN: "token-from-the-env-16" }).adminToken).toBe(
      "token-from-the-env-16",
    );
    expect(
      run(["--admin-token", "token-from-the-flag-16"], { HSS_MOCK_ADMIN_TOKEN: "token-from-the-env-16" })
        .adminToken,
    ).toBe("token-from-the-flag-16");
    expect(run([], { HSS_MOCK_ADMIN_TOKEN: "" })).not.toHaveProperty("adminToken");
    const message = error([], { HSS_MOCK_ADMIN_TOKEN: "short-secret" });
    expect(message).toBe("--admin-token: must be a string of 16 to 256 characters (the value is not shown)");
    expect(message).not.toContain("short-secret");
  });
});

describe("hss-mock credentials and auth modes", () => {
  it("the environment gives a key pair (with its security token) and a token", () => {
    const options = run(["--auth", "any"], {
      HSS_MOCK_AK: "AK1",
      HSS_MOCK_SK: "SK1",
      HSS_MOCK_SECURITY_TOKEN: "ST1",
      HSS_MOCK_TOKEN: "T1",
    });
    expect(options.auth).toBe("any");
    expect(options.credentials).toEqual({
      aksk: [{ ak: "AK1", sk: "SK1", securityToken: "ST1" }],
      tokens: ["T1"],
    });
    expect(
      run([], { HSS_MOCK_AK: "AK1", HSS_MOCK_SK: "SK1", HSS_MOCK_SECURITY_TOKEN: "" }).credentials?.aksk,
    ).toEqual([{ ak: "AK1", sk: "SK1", securityToken: undefined }]);
  });

  it("half a key pair in the environment is an error", () => {
    expect(error([], { HSS_MOCK_AK: "AK1" })).toBe("HSS_MOCK_AK and HSS_MOCK_SK must be set together");
    expect(error([], { HSS_MOCK_SK: "SK1" })).toBe("HSS_MOCK_AK and HSS_MOCK_SK must be set together");
  });

  it("a credentials file adds to the environment's", async () => {
    const p = await file(
      "creds.json",
      JSON.stringify({
        aksk: [
          { ak: "AK2", sk: "SK2", security_token: "ST2" },
          { ak: "AK3", sk: "SK3" },
        ],
        tokens: ["T2"],
      }),
    );
    const options = run(["--credentials", p, "--auth", "aksk"], {
      HSS_MOCK_AK: "AK1",
      HSS_MOCK_SK: "SK1",
      HSS_MOCK_TOKEN: "T1",
    });
    expect(options.credentials).toEqual({
      aksk: [
        { ak: "AK1", sk: "SK1", securityToken: undefined },
        { ak: "AK2", sk: "SK2", securityToken: "ST2" },
        { ak: "AK3", sk: "SK3", securityToken: undefined },
      ],
      tokens: ["T1", "T2"],
    });
    expect(options).not.toHaveProperty("credentialsFile");
    expect(options).not.toHaveProperty("help");
  });

  it("a credentials file that is missing, not JSON, or of the wrong shape names the file and the problem", async () => {
    const missing = path.join(dir, "missing.json");
    expect(error(["--credentials", missing])).toBe(`--credentials: cannot read ${missing} as JSON (ENOENT)`);
    const broken = await file("broken.json", "{aksk:");
    expect(error(["--credentials", broken])).toBe(
      `--credentials: cannot read ${broken} as JSON (invalid JSON)`,
    );
    const extra = await file("extra.json", JSON.stringify({ keys: [] }));
    expect(error(["--credentials", extra])).toMatch(
      new RegExp(`^--credentials ${extra}: keys: is not a known field`),
    );
    const noSk = await file("nosk.json", JSON.stringify({ aksk: [{ ak: "AK" }] }));
    expect(error(["--credentials", noSk])).toBe(`--credentials ${noSk}: aksk[0].sk: is required`);
    const notObject = await file("list.json", "[]");
    expect(error(["--credentials", notObject])).toBe(`--credentials ${notObject}: file: must be an object`);
  });

  it("each auth mode demands the credentials it checks", () => {
    expect(error(["--auth", "token"])).toBe("--auth token needs HSS_MOCK_TOKEN or tokens in --credentials");
    expect(error(["--auth", "aksk"], { HSS_MOCK_TOKEN: "T" })).toBe(
      "--auth aksk needs HSS_MOCK_AK and HSS_MOCK_SK, or aksk in --credentials",
    );
    expect(error(["--auth", "any"])).toBe(
      "--auth any needs a token or an AK/SK pair (HSS_MOCK_* or --credentials)",
    );
    expect(run(["--auth", "token"], { HSS_MOCK_TOKEN: "T" }).auth).toBe("token");
    expect(run(["--auth", "aksk"], { HSS_MOCK_AK: "A", HSS_MOCK_SK: "S" }).auth).toBe("aksk");
    expect(run(["--auth", "any"], { HSS_MOCK_TOKEN: "T" }).auth).toBe("any");
    expect(run(["--auth", "any"], { HSS_MOCK_AK: "A", HSS_MOCK_SK: "S" }).auth).toBe("any");
    expect(run([]).auth).toBeUndefined();
  });
});
