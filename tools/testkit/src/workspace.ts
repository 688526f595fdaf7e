/**
 * A working copy of the repository in a temp dir: the sources of every package (no build
 * output, nothing generated), with node_modules linked so that the workspace packages resolve
 * to the copies and everything else to the installed dependencies. Edits, generation and builds
 * then happen in the copy, exactly as a maintainer's would in a checkout.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The repository this test runs in. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
const GROUPS = ["packages", "apps", "tools"];
/** What a copy leaves out: installs, build output, generated files, reports. */
const SKIP =
  /(^|\/)(node_modules|dist|\.turbo|generated|\.vitest-report\.json|\.contract-out|\.contract-[a-z-]+\.(jsonl|json)|results)$/;

/** A copy of the repository and what it did. */
export interface Workspace {
  root: string;
  /** Files written into the copy, relative to its root. */
  edited: string[];
  /** Writes a file of the copy (and remembers it). */
  write(file: string, content: string): Promise<void>;
  /** Runs node with a script of the copy (or of an installed package), in a directory of the copy. */
  node(
    cwd: string,
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

async function packageDirs(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const group of GROUPS)
    for (const entry of await readdir(path.join(root, group), { withFileTypes: true }))
      if (entry.isDirectory()) out.push(path.join(group, entry.name));
  return out;
}

/** Links a package's node_modules in the copy: workspace packages to their copies, the rest as installed. */
async function linkModules(dir: string, work: string, names: Map<string, string>): Promise<void> {
  const from = path.join(ROOT, dir, "node_modules");
  const entries = await readdir(from, { withFileTypes: true }).catch(() => []);
  if (!entries.length) return;
  const to = path.join(work, dir, "node_modules");
  await mkdir(to, { recursive: true });
  const link = async (name: string) => {
    const local = names.get(name);
    await symlink(
      local ? path.join(work, local) : await realpath(path.join(from, name)),
      path.join(to, name),
    );
  };
  for (const entry of entries) {
    if (!entry.name.startsWith("@")) {
      await link(entry.name);
      continue;
    }
    await mkdir(path.join(to, entry.name), { recursive: true });
    for (const scoped of await readdir(path.join(from, entry.name))) await link(`${entry.name}/${scoped}`);
  }
}

/** Copies the repository's sources into a new temp dir and links its dependencies. */
export async function copyRepository(): Promise<Workspace> {
  const work = await mkdtemp(path.join(tmpdir(), "hss-evolution-"));
  for (const item of [
    "spec",
    ...GROUPS,
    "package.json",
    "tsconfig.base.json",
    "vitest.shared.ts",
    "biome.json",
  ])
    await cp(path.join(ROOT, item), path.join(work, item), {
      recursive: true,
      filter: (source) => !SKIP.test(path.relative(ROOT, source)),
    });
  await symlink(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  const dirs = await packageDirs(ROOT);
  const names = new Map<string, string>();
  for (const dir of dirs) {
    const { name } = JSON.parse(await readFile(path.join(ROOT, dir, "package.json"), "utf8")) as {
      name: string;
    };
    names.set(name, dir);
  }
  for (const dir of dirs) await linkModules(dir, work, names);
  const edited: string[] = [];
  return {
    root: work,
    edited,
    async write(file, content) {
      await mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await writeFile(path.join(work, file), content);
      edited.push(file);
    },
    node: (cwd, args, env = {}) =>
      exec(process.execPath, args, {
        cwd: path.join(work, cwd),
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
      }),
    remove: () => rm(work, { recursive: true, force: true }),
  };
}
