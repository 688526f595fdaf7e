/** Starts a benchmark helper (a .ts file run by tsx) as a child process; resolves with its first stdout line. */
import { type ChildProcess, spawn } from "node:child_process";
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
