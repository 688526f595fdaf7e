/** Starts a benchmark helper (a .ts file run by tsx) as a child process; resolves with its first stdout line. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const TSX = path.join(path.dirname(require.resolve("tsx/package.json")), "dist/cli.mjs");

/** A started helper process and the line it printed (a URL). */
export interface Helper {
  line: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `node tsx file` with env; waits up to 30 s for its first line. */
export async function startHelper(file: string, env: Record<string, string> = {}): Promise<Helper> {
  const child = spawn(process.execPath, [TSX, file], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl).trim());
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
    setTimeout(() => reject(new Error(`${file} did not start`)), 30_000);
  });
  return {
    line,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A server in a process of its own, run by node itself (no loader), so /proc shows its own use. */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): void;
}

/** Runs `node ...args`; resolves with the first http:// URL it prints on stdout. */
export function serverProcess(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, ...env },
    });
    child.on("error", reject);
    child.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    child.stdout.once("data", (d: Buffer) => {
      const url = /http:\S+/.exec(String(d))?.[0];
      if (url) resolve({ url, pid: child.pid as number, stop: () => child.kill() });
      else reject(new Error(`no URL in ${String(d)}`));
    });
  });
}

/** CPU time a process has used, ms (Linux /proc): per request, steadier than req/s on a shared machine. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process, MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
