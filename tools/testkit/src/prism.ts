/**
 * Starts Stoplight Prism (`prism mock` or `prism proxy`) on the spec, on 127.0.0.1 and a free
 * port, waits until it listens, and stops it (and only it) afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { SPEC_PATH } from "./paths.js";

const require = createRequire(import.meta.url);
const PRISM_BIN = path.join(
  path.dirname(require.resolve("@stoplight/prism-cli/package.json")),
  "dist/index.js",
);

/**
 * Loaded into Prism's process: it exits once its parent is gone. A test process that is killed
 * (Ctrl-C, a CI's cancel, a worker torn down) runs no afterAll, and Prism would live on.
 */
const ORPHAN_EXIT = `--import=data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},500).unref()`;

/** How to start Prism. */
export interface PrismOptions {
  /** `mock` (default) or `proxy` to `upstream`. */
  mode?: "mock" | "proxy";
  upstream?: string;
  /** `--errors`: turn violations into error responses. Default true. */
  errors?: boolean;
  spec?: string;
  /** Give up starting after this many ms. Default 150000 (a loaded machine is slow, a hang still ends). */
  startTimeoutMs?: number;
}

/** A running Prism. */
export interface RunningPrism {
  url: string;
  /** Everything Prism printed, for diagnosing a failure. */
  output(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (Prism cannot be told to pick one itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts Prism and resolves once it listens. */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const mode = options.mode ?? "mock";
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const args = [PRISM_BIN, mode, options.spec ?? SPEC_PATH];
    if (mode === "proxy") {
      if (!options.upstream) throw new Error("proxy mode needs upstream");
      args.push(options.upstream);
    }
    args.push("-h", "127.0.0.1", "-p", String(port));
    if (options.errors ?? true) args.push("--errors");
    const child = spawn(process.execPath, [ORPHAN_EXIT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        // The start-up lines and the latest, not everything Prism logs over a long run.
        output = (output + chunk.toString()).slice(-65_536);
        if (output.includes("Prism is listening")) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`prism exited with ${code}:\n${output}`)));
      setTimeout(
        () => reject(new Error(`prism did not start in time:\n${output}`)),
        options.startTimeoutMs ?? 150_000,
      );
    });
    try {
      await ready;
    } catch (error) {
      await stop(child);
      if (tries < 2 && output.includes("EADDRINUSE")) continue;
      throw error;
    }
    return { url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stop(child) };
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
