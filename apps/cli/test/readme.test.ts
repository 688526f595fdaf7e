/**
 * The README's CLI section runs as written: every line of its `sh` blocks is run by bash with
 * `hss` on PATH (apps/cli/bin, as the README says), a fresh HOME and an empty working folder,
 * and must exit 0; a line that cannot run here says why in a `(needs: ...)` comment. Where a
 * block of one command is followed by an output block, the command prints those lines (up to
 * a `...`), the mock's port and Node's version aside.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const README = path.resolve(import.meta.dirname, "../../../README.md");
const BIN_DIR = path.resolve(import.meta.dirname, "../bin");

interface Example {
  command: string;
  /** The output block shown after it, when its block holds this one command. */
  shown?: string[];
}

/** The `sh` examples of the README's section `heading`, in order. */
function examples(readme: string, heading: string): { run: Example[]; skipped: string[] } {
  const start = readme.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```\n/g)].map((m) => ({
    lang: m[1],
    body: m[2] as string,
    end: (m.index ?? 0) + m[0].length,
    start: m.index ?? 0,
  }));
  const run: Example[] = [];
  const skipped: string[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.lang !== "sh") continue;
    const lines = block.body.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
    const next = blocks[i + 1];
    const output = next && next.lang === "" && next.start === block.end ? next.body : undefined;
    for (const line of lines) {
      if (line.includes("(needs:")) skipped.push(line);
      else
        run.push({
          command: line,
          ...(output !== undefined && lines.length === 1 && { shown: output.trimEnd().split("\n") }),
        });
    }
  }
  return { run, skipped };
}

const normal = (text: string) =>
  text.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT").replace(/node\/\d+\.\d+\.\d+/g, "node/VERSION");

let home: string;
let readme: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), "hss-readme-"));
  readme = await readFile(README, "utf8");
});
afterAll(() => rm(home, { recursive: true, force: true }));

function bash(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", command], {
      cwd: home,
      env: { PATH: `${BIN_DIR}:${process.env.PATH ?? ""}`, HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("README: CLI section", () => {
  it("has examples, and says why each one that is not run cannot be", () => {
    const { run, skipped } = examples(readme, "CLI: `hss`");
    expect(run.length).toBeGreaterThanOrEqual(10);
    for (const line of skipped) expect(line).toMatch(/\(needs: [a-z][^)]+\)/);
  });

  it("runs every example as written, printing what the README shows", async () => {
    for (const { command, shown } of examples(readme, "CLI: `hss`").run) {
      const result = await bash(command);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      if (!shown) continue;
      // Up to a `...`, or the whole output when the README shows it all.
      const cut = shown.indexOf("...");
      const expected = cut < 0 ? shown : shown.slice(0, cut);
      const lines = normal(result.stdout).trimEnd().split("\n");
      expect(cut < 0 ? lines : lines.slice(0, expected.length), command).toEqual(expected.map(normal));
    }
  }, 300_000);
});
