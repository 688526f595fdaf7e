/**
 * What `hss-mock`'s options decide beyond each flag's own value: the usage text a user reads,
 * the messages for words it does not take, what a credentials file with only one kind of
 * credential adds, and which listen addresses make the admin API take a token (every 127.x.y.z
 * is loopback; an embedder's `createServer` without a host listens nowhere yet and takes none).
 */
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAGS, parseMockArgs, usage } from "../src/cli-options.js";
import { createServer } from "../src/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hss-mock-options-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, data: unknown) => {
  const p = path.join(dir, name);
  await writeFile(p, JSON.stringify(data));
  return p;
};

describe("the usage text", () => {
  it("is a title, a blank line, what the mock is, a blank line, one row per flag, a blank line, then credentials and the admin API", () => {
    const lines = usage().split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Usage: hss-mock [options]",
      "",
      "A stateful fake of the Huawei Cloud HSS operations of spec/hss.openapi.yaml.",
      "",
    ]);
    const rows = lines.slice(4, 4 + FLAGS.length);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(FLAGS.map(() => "  --"));
    expect(lines[4 + FLAGS.length]).toBe("");
    const footer = lines.slice(5 + FLAGS.length);
    expect(footer).toHaveLength(4);
    const [credentials, admin, faults, token] = footer as [string, string, string, string];
    for (const name of [
      "HSS_MOCK_AK",
      "HSS_MOCK_SK",
      "HSS_MOCK_SECURITY_TOKEN",
      "HSS_MOCK_TOKEN",
      "--credentials FILE",
    ])
      expect(credentials).toContain(name);
    for (const route of [
      "GET /__mock/state",
      "/__mock/journal",
      "/__mock/vulnerabilities",
      "POST /__mock/reset",
      "/__mock/reseed",
    ])
      expect(admin).toContain(route);
    expect(faults).toContain("GET|PUT|DELETE /__mock/faults/{operationId}");
    expect(faults).toContain("non-loopback --host");
    for (const where of ["Authorization: Bearer <admin token>", "--admin-token", "HSS_MOCK_ADMIN_TOKEN"])
      expect(token).toContain(where);
  });

  it("a flag without a default shows none: its row ends with its help", () => {
    const rows = usage().split("\n");
    const bare = FLAGS.filter((f) => f.schema.default === undefined);
    expect(bare.map((f) => f.name)).toEqual(["admin-token", "credentials", "help"]);
    for (const flag of bare) expect(rows).toContain(`  --${flag.name.padEnd(14)} ${flag.help}`);
  });
});

describe("words hss-mock does not take", () => {
  it("an unknown option is named, with the closest flag and where to read more", () => {
    expect(parseMockArgs(["--seeed", "s"], {})).toEqual({
      kind: "error",
      message: "unknown option --seeed for hss-mock; did you mean --seed? (see hss-mock --help)",
    });
  });

  it("an argument that is no flag is named, with where to read more", () => {
    expect(parseMockArgs(["serve"], {})).toEqual({
      kind: "error",
      message: 'unexpected argument "serve": hss-mock takes no arguments (see hss-mock --help)',
    });
  });
});

describe("a credentials file with one kind of credential", () => {
  it("only tokens: no key pair is added, so --auth aksk still needs one", async () => {
    const tokens = await file("tokens-only.json", { tokens: ["file-token"] });
    const parsed = parseMockArgs(["--credentials", tokens, "--auth", "token"], {});
    expect(parsed).toEqual({
      kind: "run",
      options: { auth: "token", credentials: { aksk: [], tokens: ["file-token"] } },
    });
    expect(parseMockArgs(["--credentials", tokens, "--auth", "aksk"], {})).toEqual({
      kind: "error",
      message: "--auth aksk needs HSS_MOCK_AK and HSS_MOCK_SK, or aksk in --credentials",
    });
  });

  it("only key pairs: no token is added, so --auth token still needs one", async () => {
    const pairs = await file("aksk-only.json", { aksk: [{ ak: "FILEAK", sk: "file-sk" }] });
    const parsed = parseMockArgs(["--credentials", pairs, "--auth", "aksk"], {});
    expect(parsed).toEqual({
      kind: "run",
      options: {
        auth: "aksk",
        credentials: { aksk: [{ ak: "FILEAK", sk: "file-sk", securityToken: undefined }], tokens: [] },
      },
    });
    expect(parseMockArgs(["--credentials", pairs, "--auth", "token"], {})).toEqual({
      kind: "error",
      message: "--auth token needs HSS_MOCK_TOKEN or tokens in --credentials",
    });
  });
});

describe("which listen addresses make the admin API take a token (auth off)", () => {
  it.each([
    ["127.0.0.1", false],
    ["127.10.200.30", false],
    ["127.255.255.254", false],
    ["localhost", false],
    ["::1", false],
    ["0.0.0.0", true],
    ["128.0.0.1", true],
    ["10.127.0.1", true],
    ["127.0.0.1.example", true],
  ])("host %s: token required %s", (host, required) => {
    const { context } = createServer({ host, images: 10, localImages: 2 });
    if (required) expect(context.options.adminToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    else expect(context.options.adminToken).toBeUndefined();
  });

  it("createServer without a host is loopback: its admin API answers without a token", async () => {
    const { server, context } = createServer({ images: 10, localImages: 2 });
    expect(context.options.adminToken).toBeUndefined();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/__mock/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
