/**
 * A/B against another checkout of this repository, in one run, interleaved, so that the
 * machine's noise hits both sides alike: per-call cost of the client vs raw fetch, mock
 * throughput and CPU time per request (limit 10 and 200) with a bare node:http server
 * answering the same bytes, `hss --help` and one `hss` call vs `node -e 0`.
 *
 * Run (the other checkout installed and built):
 *   corepack pnpm --filter @hss/bench bench:ab -- --base /path/to/other/checkout
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "@hss/testkit";
import autocannon from "autocannon";
import { oneCall } from "./cli.ts";
import { cpuMs, type ServerProcess, serverProcess, startHelper } from "./spawn.ts";
import { fmt, median, printTable } from "./stats.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { base: { type: "string" }, rounds: { type: "string", default: "21" } },
});
if (!values.base) throw new Error("--base /path/to/other/checkout is required");
const SIDES = { base: path.resolve(values.base), this: ROOT };
const ROUNDS = Number(values.rounds);

type Client = { throwing: { listVulRepoImage(input: object): Promise<unknown> } };

async function client(): Promise<void> {
  const server = await startHelper(new URL("./page-server.ts", import.meta.url).pathname, {
    TOTAL: "100000",
  });
  try {
    const url = server.line;
    const options = { endpoint: url, region: "cn-north-4", projectId: "p", env: {} };
    const contenders: Record<string, () => Promise<unknown>> = {
      "raw fetch": async () =>
        (
          await fetch(`${url}/v5/p/image/CVE-2021-44228/images?limit=10&offset=0`, {
            headers: { region: "cn-north-4" },
          })
        ).json(),
    };
    for (const [side, root] of Object.entries(SIDES)) {
      const mod = (await import(path.join(root, "packages/client/dist/index.js"))) as {
        createHssClient(o: object): Client;
      };
      const hss = mod.createHssClient(options);
      contenders[`client (${side})`] = () =>
        hss.throwing.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 10, offset: 0 });
    }
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    for (const fn of Object.values(contenders)) for (let i = 0; i < 200; i++) await fn();
    for (let r = 0; r < ROUNDS; r++)
      for (const [name, fn] of Object.entries(contenders)) {
        const started = process.hrtime.bigint();
        for (let i = 0; i < 200; i++) await fn();
        samples[name]?.push(Number(process.hrtime.bigint() - started) / 1000 / 200);
      }
    const raw = median(samples["raw fetch"] as number[]);
    printTable(
      `Client, ListVulRepoImage limit 10 against a local node:http server (${ROUNDS} rounds x 200 calls, interleaved)`,
      ["contender", "median µs/call", "vs raw fetch"],
      Object.entries(samples).map(([name, s]) => [name, fmt(median(s)), `${fmt(median(s) / raw, 3)}x`]),
    );
  } finally {
    await server.stop();
  }
}

const mockProcess = (root: string) =>
  serverProcess([path.join(root, "apps/mock/dist/bin.js"), "--port", "0", "--images", "1000"]);
type Server = ServerProcess;

const PATH = "/v5/p1/image/CVE-2021-44228/images";
const HEADERS = { region: "cn-north-4" };

async function mock(): Promise<void> {
  const mocks: Record<string, Server> = Object.fromEntries(
    await Promise.all(
      Object.entries(SIDES).map(async ([side, root]) => [side, await mockProcess(root)] as const),
    ),
  );
  const rows: string[][] = [];
  try {
    for (const limit of [10, 200]) {
      const query = `?limit=${limit}&enterprise_project_id=all_granted_eps`;
      // The same bytes from a bare node:http server: the ceiling any mock could reach here.
      const file = path.join(tmpdir(), `hss-ab-body-${process.pid}-${limit}.json`);
      writeFileSync(file, await (await fetch(mocks.this?.url + PATH + query, { headers: HEADERS })).text());
      const bare = await serverProcess([new URL("./canned-server.mjs", import.meta.url).pathname], {
        BODY_FILE: file,
      });
      const servers: Record<string, Server> = { ...mocks, "bare node:http": bare };
      const rates: Record<string, number[]> = {};
      const cpu: Record<string, number[]> = {};
      try {
        for (let r = 0; r < 3; r++)
          for (const [side, server] of Object.entries(servers)) {
            const before = cpuMs(server.pid);
            const result = await autocannon({
              url: server.url + PATH + query,
              connections: 32,
              duration: 4,
              headers: HEADERS,
            });
            const used = cpuMs(server.pid) - before;
            rates[side] = [...(rates[side] ?? []), result.requests.average];
            cpu[side] = [...(cpu[side] ?? []), (used * 1000) / Math.max(1, result.requests.total)];
          }
      } finally {
        bare.stop();
        rmSync(file, { force: true });
      }
      const rate = (side: string) => median(rates[side] as number[]);
      for (const side of Object.keys(servers))
        rows.push([
          `limit ${limit}`,
          side,
          fmt(rate(side), 0),
          `${fmt(rate(side) / rate("base"), 3)}x`,
          `${fmt(rate(side) / rate("bare node:http"), 3)}x`,
          fmt(median(cpu[side] as number[]), 1),
        ]);
    }
    printTable(
      "Mock, ListVulRepoImage, autocannon 32 connections x 4 s, 3 interleaved rounds (medians)",
      ["request", "server", "req/s", "vs base", "vs bare", "server CPU µs/request"],
      rows,
    );
  } finally {
    for (const m of Object.values(mocks)) m.stop();
  }
}

async function cli(): Promise<void> {
  const m = await mockProcess(ROOT);
  try {
    const call = oneCall(m.url);
    const contenders: Record<string, string[]> = { "node -e 0": ["-e", "0"] };
    for (const [side, root] of Object.entries(SIDES)) {
      contenders[`hss --help (${side})`] = [path.join(root, "apps/cli/dist/hss.cjs"), "--help"];
      contenders[`hss vul-images call (${side})`] = [path.join(root, "apps/cli/dist/hss.cjs"), ...call];
    }
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    for (let i = 0; i < ROUNDS + 2; i++)
      for (const [name, args] of Object.entries(contenders)) {
        const started = performance.now();
        const code = await new Promise((resolve) =>
          spawn(process.execPath, args, { stdio: "ignore", env: { PATH: process.env.PATH } }).on(
            "exit",
            resolve,
          ),
        );
        if (code !== 0) throw new Error(`${name} exited ${code}`);
        if (i >= 2) times[name]?.push(performance.now() - started);
      }
    const base = median(times["node -e 0"] as number[]);
    printTable(
      `CLI, each a new process, ${ROUNDS} interleaved runs (medians)`,
      ["command", "median ms", "vs node -e 0"],
      Object.entries(times).map(([name, t]) => [name, fmt(median(t)), `${fmt(median(t) / base, 2)}x`]),
    );
  } finally {
    m.stop();
  }
}

console.log(`A/B: base = ${SIDES.base}, this = ${SIDES.this}`);
await client();
await mock();
await cli();
