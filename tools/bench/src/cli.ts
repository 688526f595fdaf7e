/**
 * CLI start-up (issue: apps/cli): `hss --help`, and one `hss vul-images` call against an
 * already running mock, each started as a process, vs `node -e 0`, interleaved, medians.
 * Run: corepack pnpm --filter @hss/bench bench:cli
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { startMockServer } from "@hss/mock";
import { fmt, median, printTable } from "./stats.ts";

const require = createRequire(import.meta.url);
const HSS = path.join(path.dirname(require.resolve("@hss/cli/package.json")), "dist/hss.cjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

export async function benchCli(): Promise<void> {
  const mock = await startMockServer({ port: 0, seed: "bench" });
  const contenders: Record<string, string[]> = {
    "node -e 0": ["-e", "0"],
    "hss --help": [HSS, "--help"],
    "hss --version": [HSS, "--version"],
    "hss vul-images (one call to a running mock)": [HSS, ...oneCall(mock.url)],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  try {
    for (let i = 0; i < RUNS + 2; i++) {
      for (const [name, args] of Object.entries(contenders)) {
        const started = performance.now();
        const status = await new Promise<number | null>((resolve) =>
          spawn(process.execPath, args, { stdio: "ignore", env: { PATH: process.env.PATH } }).on(
            "exit",
            resolve,
          ),
        );
        const ms = performance.now() - started;
        if (status !== 0) throw new Error(`${name} exited ${status}`);
        if (i >= 2) times[name]?.push(ms); // two warm-up rounds
      }
    }
  } finally {
    await mock.close();
  }
  const base = median(times["node -e 0"] as number[]);
  printTable(
    `CLI start-up, each a new process, ${RUNS} interleaved runs (medians)`,
    ["command", "median ms", "vs node -e 0"],
    Object.entries(times).map(([name, t]) => [name, fmt(median(t)), `${fmt(median(t) / base, 2)}x`]),
  );
  console.log("target: hss --help within 1.5x of node -e 0");
}

/** The arguments of the one `hss` call the benchmarks time: one page from the mock at `url`. */
export function oneCall(url: string): string[] {
  return [
    "vul-images",
    "CVE-2021-44228",
    "--endpoint",
    url,
    "--region",
    "cn-north-4",
    "--project-id",
    "p",
    "--limit",
    "10",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCli();
