/** The built `hss` as a process, for the CLI's tests. */
import { spawn } from "node:child_process";
import path from "node:path";

/** The built CLI. */
export const BIN = path.resolve(import.meta.dirname, "../dist/hss.cjs");

/** How one run ended. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a run gets: its HOME (and XDG_CONFIG_HOME under it unless `env` says), more env, stdin. */
export interface RunOptions {
  home: string;
  env?: Record<string, string>;
  stdin?: string;
  kill?: { afterMs: number };
}

/** Runs `hss args` with only PATH and HOME from this process's environment. */
export function runHss(args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: options.home,
        XDG_CONFIG_HOME: path.join(options.home, ".config"),
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.stdin.end(options.stdin ?? "");
    if (options.kill) setTimeout(() => child.kill("SIGINT"), options.kill.afterMs);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The requests a mock received (its journal), newest last. */
export async function journalOf(url: string): Promise<{ operation: string; status: number }[]> {
  return (await (await fetch(`${url}/__mock/journal`)).json()) as { operation: string; status: number }[];
}

/** Empties a mock's journal. */
export async function clearJournal(url: string): Promise<void> {
  await fetch(`${url}/__mock/journal`, { method: "DELETE" });
}
