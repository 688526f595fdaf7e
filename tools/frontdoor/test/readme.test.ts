/**
 * The README as a new user meets it. The repository's files (what git tracks or would track:
 * no node_modules, no build output) are copied to a temp dir, HOME is a new empty dir (so pnpm's
 * store, corepack's cache and hss's config start empty), and every line of the README's `sh`
 * blocks is run there by bash, in order, as written: first the main job, which must print a table
 * of images and say how to put `hss` on PATH; then the rest, with `hss` on PATH as it says. A
 * line followed by an output block must print those lines (up to a `...`; the mock's port and
 * Node's version aside). A line that cannot run here says why in a `(needs: ...)` or
 * `(not run: ...)` note; a server marked `(runs until Ctrl-C)` must start, then is stopped.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ReadmeExample, ROOT, readmeExamples } from "@hss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let repo: string;
let env: Record<string, string | undefined>;
const examples = readmeExamples();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hss-frontdoor-"));
  repo = path.join(dir, "repo");
  await mkdir(repo);
  await mkdir(path.join(dir, "home"));
  // The working tree as git sees it (uncommitted edits included, deleted files left out).
  const list = (args: string[]) =>
    execFileSync("git", ["ls-files", "-z", ...args], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter(Boolean);
  const deleted = new Set(list(["-d"]));
  const files = list(["-co", "--exclude-standard"]).filter((f) => !deleted.has(f));
  execFileSync("tar", ["-C", ROOT, "-cf", path.join(dir, "files.tar"), "--null", "-T", "-"], {
    input: files.join("\0"),
  });
  execFileSync("tar", ["-C", repo, "-xf", path.join(dir, "files.tar")]);
  // A new user's environment: this machine's (its CA certificates, proxies, registry: turbo passes
  // them through, see turbo.json), a new HOME.
  env = { ...process.env, HOME: path.join(dir, "home") };
  for (const name of Object.keys(env))
    if (/^(XDG_|npm_|PNPM_|COREPACK_HOME|TURBO_|HSS_|VITEST|NODE_OPTIONS$)/.test(name)) delete env[name];
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a line with bash in the copy; `until` stops a server once its output matches. */
function bash(command: string, options: { cwd?: string; until?: RegExp } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", command], {
      cwd: options.cwd ?? repo,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let stopped = false;
    const watch = () => {
      if (options.until && !stopped && options.until.test(stdout + stderr)) {
        stopped = true;
        process.kill(-(child.pid as number), "SIGINT");
      }
    };
    child.stdout.on("data", (c) => {
      stdout += c;
      watch();
    });
    child.stderr.on("data", (c) => {
      stderr += c;
      watch();
    });
    // A server stopped with Ctrl-C (SIGINT) ran as it should, whichever way it then exits.
    child.on("close", (code, signal) =>
      resolve({ code: stopped && (signal === "SIGINT" || code === 130) ? 0 : code, stdout, stderr }),
    );
  });
}

const normal = (text: string) =>
  text.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT").replace(/node\/\d+\.\d+\.\d+/g, "node/VERSION");

/** The lines a command printed, compared with those the README shows after it. */
function expectShown(example: ReadmeExample, stdout: string): void {
  const shown = example.shown;
  if (!shown) return;
  const cut = shown.indexOf("...");
  const expected = (cut < 0 ? shown : shown.slice(0, cut)).map(normal);
  const lines = normal(stdout).trimEnd().split("\n");
  expect(cut < 0 ? lines : lines.slice(0, expected.length), example.command).toEqual(expected);
}

describe("README, on a fresh copy with a fresh HOME", () => {
  it("every example that is not run says why", () => {
    expect(examples.length).toBeGreaterThan(15);
    for (const e of examples.filter((x) => x.note && x.note.kind !== "runs until"))
      expect(e.note?.text, e.command).toMatch(/[a-z]{3,}/);
  });

  it("the main job prints images, then how to put hss on PATH; every other example runs as written", async () => {
    const [main, ...rest] = examples;
    expect(main?.section).toMatch(/^Quick start/);
    const job = await bash(main?.command as string);
    expect(job.code, job.stderr).toBe(0);
    expect(job.stdout).toMatch(/^NAMESPACE +IMAGE_NAME +IMAGE_ID/m);
    expect(job.stdout.split("\n").filter((l) => /CVE|log4j-core/.test(l)).length).toBeGreaterThanOrEqual(10);
    // Nothing from pnpm's script runner or turbo that the user did not ask for.
    // (pnpm install's own report, asked for, lists `+ turbo 2.x` among what it installed.)
    expect(job.stdout + job.stderr).not.toMatch(/^> hss-toolkit@|• turbo \d|^\s*Tasks:\s+\d/m);
    const pathLine = /export PATH="([^"]+):\$PATH"/.exec(job.stderr);
    expect(pathLine, job.stderr).not.toBeNull();
    env.PATH = `${pathLine?.[1]}:${env.PATH}`;
    const work = path.join(dir, "work");
    await mkdir(work);
    let ran = 0;
    for (const example of rest) {
      if (example.note?.kind === "needs" || example.note?.kind === "not run") continue;
      // Commands of the repository run at its root; `hss` examples from any folder.
      const cwd = /^(corepack|node |npx )/.test(example.command) ? repo : work;
      const result = await bash(example.command, {
        cwd,
        ...(example.note?.kind === "runs until" && { until: /listening on http:\/\/127\.0\.0\.1:\d+/ }),
      });
      expect(result.code, `${example.command}\n${result.stderr}`).toBe(0);
      expectShown(example, result.stdout);
      ran++;
    }
    expect(ran).toBeGreaterThanOrEqual(12);
  });
});
