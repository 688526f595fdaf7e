/**
 * The argv parser is a pure function: every kind of usage error names the flag as typed and
 * the allowed range, with a suggestion where one is close. The command list comes from the
 * spec's operation table, so nothing here lists the commands by hand.
 */
import { operations } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { parseArgv } from "../src/argv.js";
import { COMMANDS } from "../src/commands/index.js";
import { kebab } from "../src/commands/names.js";
import { CliError } from "../src/errors.js";

const parse = (line: string[]) => parseArgv(line, COMMANDS);
const fails = async (line: string[]) => {
  try {
    await parse(line);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`parsed: ${line.join(" ")}`);
};

describe("the command table", () => {
  it("has one command per operation of the spec, named after its operationId, with its aliases", async () => {
    for (const op of Object.values(operations)) {
      const entry = COMMANDS.find((c) => c.name === kebab(op.operationId));
      expect(entry, op.operationId).toBeDefined();
      expect(entry?.aliases).toEqual(op.aliases);
      expect(entry?.summary).toBe(op.summary);
    }
    expect(COMMANDS.map((c) => c.name)).toEqual([
      ...Object.keys(operations).map(kebab),
      "configure",
      "mock",
      "completion",
    ]);
  });
});

describe("parseArgv", () => {
  it("parses a command, its alias, positionals, spec flags and globals anywhere", async () => {
    const parsed = await parse([
      "--region",
      "cn-north-4",
      "vul-images",
      "CVE-2021-44228",
      "--limit=50",
      "--image-name",
      "nginx",
      "-o",
      "table",
      "--all",
    ]);
    expect(parsed.command?.name).toBe("list-vul-repo-image");
    expect(parsed.globals).toEqual({ region: "cn-north-4", output: "table" });
    expect(parsed.values).toEqual({
      "param.vul_id": "CVE-2021-44228",
      "param.limit": 50,
      "param.image_name": "nginx",
      ":all": true,
    });
  });

  it("finds the command after global flags and their values, and takes command flags before it", async () => {
    const parsed = await parse(["--region", "cn-north-4", "--limit", "20", "vul-images", "CVE-1"]);
    expect([parsed.command?.name, parsed.globals.region, parsed.values["param.limit"]]).toEqual([
      "list-vul-repo-image",
      "cn-north-4",
      20,
    ]);
    expect(await fails(["--region", "cn-north-4", "frobnicate"])).toContain('unknown command "frobnicate"');
    expect(await fails(["-o", "json", "vul-imgs", "X"])).toContain("did you mean vul-images?");
  });

  it("names a spec flag that collides with one of the CLI's own with a prefix (--param-version)", async () => {
    const { commandOf } = await import("../src/commands/operation.js");
    const op = {
      ...operations.ListVulRepoImage,
      operationId: "ListThings",
      aliases: [],
      parameters: [
        ...operations.ListVulRepoImage.parameters,
        {
          name: "version",
          in: "query",
          required: false,
          description: "a version",
          schema: { type: "string" },
        },
        { name: "all", in: "header", required: false, description: "a header", schema: { type: "string" } },
      ],
    } as const;
    const names = commandOf(op as never).flags.map((f) => `${f.name}=${f.key}`);
    expect(names).toContain("param-version=param.version");
    expect(names).toContain("param-all=param.all");
    expect(names).toContain("all=:all");
    expect(names.filter((n) => n.startsWith("version="))).toEqual([]);
  });

  it("takes short options glued (-ocsv) or with = (-o=table), as other CLIs do", async () => {
    expect((await parse(["vul-images", "X", "-ocsv"])).globals.output).toBe("csv");
    expect((await parse(["vul-images", "X", "-o=table"])).globals.output).toBe("table");
  });

  it("collects repeatable flags and turns times into epoch ms; body fields go under body.", async () => {
    const before = Date.now();
    const parsed = await parse([
      "scan-local",
      "--image",
      "nginx:1.25",
      "--image",
      "redis:7",
      "--updated-after",
      "7d",
      "--scanned-before",
      "2026-01-31T00:00:00Z",
      "--scan-status",
      "unscan",
    ]);
    const after = Date.now();
    const { "body.start_latest_update_time": since, ...rest } = parsed.values;
    expect(rest).toEqual({
      ":images": ["nginx:1.25", "redis:7"],
      "body.end_latest_scan_time": Date.UTC(2026, 0, 31),
      "body.scan_status": "unscan",
    });
    expect(since).toBeGreaterThanOrEqual(before - 7 * 86_400_000);
    expect(since).toBeLessThanOrEqual(after - 7 * 86_400_000);
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate" (commands: list-vul-repo-image, batch-scan-local-image'],
    [["vul-imgs"], 'unknown command "vul-imgs"; did you mean vul-images?'],
    [["help", "nosuch"], 'unknown command "nosuch"'],
    [["vul-images", "CVE-1", "--bogus"], "unknown option --bogus for vul-images (see hss vul-images --help)"],
    [["vul-images", "CVE-1", "--limt", "10"], "unknown option --limt for vul-images; did you mean --limit?"],
    [
      ["vul-images", "CVE-1", "--image_name", "x"],
      "unknown option --image_name for vul-images; did you mean --image-name?",
    ],
    [["vul-images", "CVE-1", "--ouput", "json"], "did you mean --output?"],
    [["scan-local", "--all-images", "--yes", "-n"], "unknown option -n for scan-local"],
    [["vul-images", "CVE-1", "-q", "total_num"], "unknown option -q for vul-images"],
    [["vul-images", "CVE-1", "CVE-2"], 'unexpected argument "CVE-2": vul-images takes only <vul_id>'],
    [["vul-images"], "vul-images needs <vul_id>"],
    // The command is named as typed: the canonical name, or its alias.
    [
      ["list-vul-repo-image", "--limt", "10"],
      "unknown option --limt for list-vul-repo-image; did you mean --limit?",
    ],
    [["list-vul-repo-image"], "list-vul-repo-image needs <vul_id>"],
    [["vul-images", "CVE-1", "--limit"], "--limit needs a value: an integer from 10 to 200"],
    [["vul-images", "CVE-1", "--limit", "--all"], "--limit needs a value: an integer from 10 to 200"],
    [["vul-images", "CVE-1", "--limit", "5"], '--limit: must be an integer from 10 to 200 (got "5")'],
    [["vul-images", "CVE-1", "--limit", "ten"], '--limit: must be an integer from 10 to 200 (got "ten")'],
    [
      ["vul-images", "CVE-1", "--offset", "2000001"],
      '--offset: must be an integer from 0 to 2000000 (got "2000001")',
    ],
    [["vul-images", "CVE-1", "--limit", "10", "--limit", "20"], "--limit is given twice"],
    [
      ["vul-images", "CVE-1", "--output", "xml"],
      '--output: must be one of: json, yaml, table, csv, ndjson (got "xml")',
    ],
    [["vul-images", "CVE-1", "-o", "tabel"], "did you mean table?"],
    [["vul-images", "CVE-1", "--all=maybe"], "--all: takes no value, or =true / =false"],
    [["vul-images", "CVE-1", "--timeout", "0"], '--timeout: must be a number from 0.1 to 3600 (got "0")'],
    [["vul-images", "CVE-1", "--retries", "11"], '--retries: must be an integer from 0 to 10 (got "11")'],
    [["vul-images", "CVE-1", "--prefetch", "17"], '--prefetch: must be an integer from 1 to 16 (got "17")'],
    [["vul-images", "CVE-1", "--max-items", "2000201"], "--max-items: must be an integer from 1 to 2000200"],
    [
      ["vul-images", "CVE-1", "--enterprise-project-id", ""],
      '--enterprise-project-id: must be a string of 1 to 256 characters (got "")',
    ],
    [
      ["vul-images", "CVE-1", "--region", "r".repeat(129)],
      "--region: must be a string of 1 to 128 characters",
    ],
    [
      ["scan-local", "--scan-status", "done"],
      '--scan-status: must be one of: unscan, success, scanning, failed, download_failed, image_oversized (got "done")',
    ],
    [["scan-local", "--scan-status", "unscaned"], "did you mean unscan?"],
    [
      ["scan-local", "--local-image-type", "docker"],
      '--local-image-type: must be one of: other_image, swr_image (got "docker")',
    ],
    [["scan-local", "--image-size", "-1"], "--image-size: must be an integer from 0 to 9007199254740991"],
    [
      ["scan-local", "--updated-after", "last week"],
      "--updated-after: must be an ISO date from 1970-01-01 on (2026-01-31 or 2026-01-31T08:00:00Z) or a duration ago such as 30m, 12h, 7d",
    ],
    [
      ["scan-local", "--profile", "a b"],
      '--profile: must be a string of 1 to 64 characters matching ^[A-Za-z0-9_.-]+$ (got "a b")',
    ],
    [["completion", "powershell"], "<shell>: must be one of: bash, zsh, fish"],
  ])("%j -> usage error", async (line, message) => {
    expect(await fails(line)).toContain(message);
  });

  it("never echoes a secret flag's value", async () => {
    const token = `SECRET-${"t".repeat(40_000)}`;
    const message = await fails(["vul-images", "CVE-1", "--token", token]);
    expect(message).toBe("--token: must be a string of 1 to 32768 characters (the value is not shown)");
    expect(await fails(["configure", "--sk", ""])).not.toMatch(/got/);
  });

  it("`--` ends the options: what follows is positional (a leading one from pnpm run is dropped)", async () => {
    expect((await parse(["--", "vul-images", "CVE-2021-44228", "--limit", "20"])).values).toEqual({
      "param.vul_id": "CVE-2021-44228",
      "param.limit": 20,
    });
    expect((await parse(["vul-images", "--", "--odd-id"])).values).toEqual({ "param.vul_id": "--odd-id" });
  });

  it("help and version need no command; `hss help X` and `hss X help` show X's help", async () => {
    expect((await parse(["--help"])).globals.help).toBe(true);
    expect((await parse(["-h", "vul-images"])).globals.help).toBe(true);
    expect((await parse(["--version"])).globals.version).toBe(true);
    const topic = await parse(["help", "scan-local"]);
    expect([topic.command?.name, topic.globals.help]).toEqual(["batch-scan-local-image", true]);
    const trailing = await parse(["vul-images", "help"]);
    expect([trailing.command?.name, trailing.globals.help]).toEqual(["list-vul-repo-image", true]);
  });
});
