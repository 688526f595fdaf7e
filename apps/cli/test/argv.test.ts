/** The argv parser is a pure function: every kind of usage error names the flag and the allowed range. */
import { describe, expect, it } from "vitest";
import { parseArgv } from "../src/argv.js";
import { COMMANDS } from "../src/commands/index.js";
import { CliError } from "../src/errors.js";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const parse = (line: string[]) => parseArgv(line, COMMANDS, NOW);
const fails = (line: string[]) => {
  try {
    parse(line);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`parsed: ${line.join(" ")}`);
};

describe("parseArgv", () => {
  it("parses a command, its alias, positionals, spec flags and globals anywhere", () => {
    const parsed = parse([
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
    expect(parsed).toEqual({
      command: "list-vul-repo-image",
      globals: { region: "cn-north-4", output: "table" },
      values: { vul_id: "CVE-2021-44228", limit: 50, image_name: "nginx", all: true },
      rest: [],
    });
  });

  it("collects repeatable flags and turns times into epoch ms", () => {
    const parsed = parse([
      "scan-local",
      "--image",
      "nginx:1.25",
      "--image",
      "redis:7",
      "--updated-after",
      "7d",
      "--scanned-before",
      "2026-01-31T00:00:00Z",
    ]);
    expect(parsed.values).toEqual({
      images: ["nginx:1.25", "redis:7"],
      start_latest_update_time: NOW - 7 * 86_400_000,
      end_latest_scan_time: Date.UTC(2026, 0, 31),
    });
  });

  it.each([
    [
      ["frobnicate"],
      'unknown command "frobnicate"; commands: list-vul-repo-image, batch-scan-local-image, configure, completion',
    ],
    [
      ["vul-images", "CVE-1", "--bogus"],
      "unknown option --bogus for list-vul-repo-image (see hss list-vul-repo-image --help)",
    ],
    [["vul-images"], "list-vul-repo-image needs <vul_id>"],
    [["vul-images", "CVE-1", "--limit"], "--limit needs a value: an integer from 10 to 200"],
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
    [["vul-images", "CVE-1", "--all=maybe"], '--all: must be true or false (got "maybe")'],
    [["vul-images", "CVE-1", "--timeout", "0"], '--timeout: must be a number from 0.1 to 3600 (got "0")'],
    [["vul-images", "CVE-1", "--retries", "11"], '--retries: must be an integer from 0 to 10 (got "11")'],
    [["vul-images", "CVE-1", "--prefetch", "17"], '--prefetch: must be an integer from 1 to 16 (got "17")'],
    [
      ["vul-images", "CVE-1", "--enterprise-project-id", ""],
      '--enterprise-project-id: must be a string of 1 to 256 characters (got "")',
    ],
    [
      ["scan-local", "--scan-status", "done"],
      '--scan-status: must be one of: unscan, success, scanning, failed, download_failed, image_oversized (got "done")',
    ],
    [
      ["scan-local", "--local-image-type", "docker"],
      '--local-image-type: must be one of: other_image, swr_image (got "docker")',
    ],
    [["scan-local", "--image-size", "-1"], "--image-size: must be an integer from 0 to 9007199254740991"],
    [
      ["scan-local", "--updated-after", "last week"],
      "--updated-after: must be an ISO date (2026-01-31 or 2026-01-31T08:00:00Z) or a duration such as 30m, 12h, 7d",
    ],
    [["scan-local", "--profile", "a b"], '--profile: must match ^[A-Za-z0-9_.-]+$ (got "a b")'],
  ])("%j -> usage error", (line, message) => {
    expect(fails(line)).toContain(message);
  });

  it("`--` ends the options: what follows is positional (pnpm run passes it through)", () => {
    expect(parse(["--", "vul-images", "CVE-2021-44228", "--limit", "20"]).values).toEqual({
      vul_id: "CVE-2021-44228",
      limit: 20,
    });
    expect(parse(["vul-images", "--", "--odd-id"]).values).toEqual({ vul_id: "--odd-id" });
  });

  it("help and version need no command", () => {
    expect(parse(["--help"]).globals.help).toBe(true);
    expect(parse(["-h", "vul-images"]).globals.help).toBe(true);
    expect(parse(["--version"]).globals.version).toBe(true);
    expect(parse(["help", "scan-local"]).rest).toEqual(["scan-local"]);
  });
});
