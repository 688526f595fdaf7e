/**
 * Processes of the summary run, each pinned to its own core where the machine allows: the run
 * itself and every load generator or client on cpu 0, every server on cpu 1 (`taskset`), so
 * that a server never competes with the load aimed at it, and each contender gets the same core.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { cpuMs } from "./spawn.ts";

const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Whether processes are pinned (Linux with taskset and at least 2 cores). */
export const PINNED = hasTaskset && cpus().length >= 2;
export const LOAD_CPU = 0;
export const SERVER_CPU = 1;

/** Pins this process, every thread of it, and so every child it starts, to the load core. */
export function pinSelf(): void {
  if (PINNED)
    execFileSync("taskset", ["-a", "-cp", String(LOAD_CPU), String(process.pid)], { stdio: "ignore" });
}

/** What the table says about cores. */
export const CORES = {
  server: PINNED
    ? `load gen 1 core (cpu ${LOAD_CPU}), server 1 core (cpu ${SERVER_CPU})`
    : `${cpus().length} cores shared`,
  client: PINNED
    ? `client 1 core (cpu ${LOAD_CPU}), server 1 core (cpu ${SERVER_CPU})`
    : `${cpus().length} cores shared`,
  one: PINNED ? `1 core (cpu ${LOAD_CPU})` : `${cpus().length} cores shared`,
  cli: PINNED
    ? `CLI 1 core (cpu ${LOAD_CPU}), mock 1 core (cpu ${SERVER_CPU})`
    : `${cpus().length} cores shared`,
};

/** A running server process. */
export interface Server {
  url: string;
  pid: number;
  /** CPU time it has used, ms. */
  cpu(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node ...args` on the server core; resolves with the first http:// URL it prints
 * (or, with `probe`, once that URL answers: for servers that print nothing when quiet).
 */
export function startServer(
  args: string[],
  options: { env?: Record<string, string>; probe?: string; timeoutMs?: number } = {},
): Promise<Server> {
  const [command, argv] = PINNED
    ? ["taskset", ["-c", String(SERVER_CPU), process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, argv, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  const server = (url: string): Server => ({
    url,
    pid: child.pid as number,
    cpu: () => cpuMs(child.pid as number),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not start:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const started = (url: string) => {
      clearTimeout(timer);
      resolve(server(url));
    };
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`));
    });
    if (options.probe) {
      const url = options.probe;
      const poll = () =>
        fetch(url)
          .then((r) => r.arrayBuffer())
          .then(() => started(url.replace(/^(http:\/\/[^/]+).*$/, "$1")))
          .catch(() => setTimeout(poll, 200));
      setTimeout(poll, 500);
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.probe) return;
      const url = /http:\/\/[\w.:[\]-]+/.exec(output)?.[0];
      if (url) started(url);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
}

/** Runs `node ...args` (on the load core, as this process is) to its end; its wall time, ms, and peak RSS, MB. */
export function runNode(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; countLines?: boolean } = {},
): Promise<{ ms: number; peakMb: number; lines: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      stdio: ["ignore", options.countLines ? "pipe" : "ignore", "pipe"],
      env: options.env ?? { PATH: process.env.PATH ?? "" },
    });
    let peakKb = 0;
    let lines = 0;
    let stderr = "";
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {}
    };
    const sampler = options.countLines ? setInterval(sample, 10) : undefined;
    child.stdout?.on("data", (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      sample();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sampler);
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr}`));
      else resolve({ ms, peakMb: peakKb / 1024, lines, stderr });
    });
  });
}
