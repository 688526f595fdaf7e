/**
 * `corepack pnpm bench`: every comparison of the project in one run, each against its peer
 * measured in the same run, ending with one summary table (measure, result, the figures it came
 * from, target, pass/SHORT, cores) that is also written as JSON so two runs can be compared.
 *
 *   corepack pnpm bench                          # this checkout -> tools/bench/results/latest.json
 *   corepack pnpm bench --compare FILE           # ... then the change per row from FILE to this run
 *   corepack pnpm bench --base DIR               # measures another checkout (installed and built)
 *                                                #   with this harness -> results/base-<commit>.json
 *   corepack pnpm bench --compare A --to B       # no run: the change per row from A to B
 *   --only mock,client,sign,validate,cli,all,codegen
 *                                                # some groups only; --seconds N --rounds N (mock load)
 *
 * Every server runs in its own process on cpu 1 and every load generator or client on cpu 0
 * (`taskset`; without it, the table says the cores were shared). The detailed benches
 * (bench:mock, bench:client, bench:cli, bench:scale, bench:soak) print more than this summary.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ROOT } from "@hss/testkit";
import createClient from "openapi-fetch";
import { CORES, PINNED, pinSelf, runNode, type Server, startServer } from "./proc.ts";
import { syntheticSpec } from "./scale.ts";
import { SIGN_SAMPLE } from "./sign-sample.ts";
import { interleave, median } from "./stats.ts";
import {
  compareTable,
  type Goal,
  type Results,
  type Row,
  readResults,
  summaryTable,
  writeResults,
} from "./summary.ts";
import { syntheticImage } from "./synthetic-image.ts";

const require = createRequire(import.meta.url);
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    base: { type: "string" },
    out: { type: "string" },
    compare: { type: "string" },
    to: { type: "string" },
    only: { type: "string" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
  },
});
/** Paths as the user typed them, from where pnpm was started. */
const userPath = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

if (values.compare && values.to) {
  console.log(compareTable(readResults(userPath(values.compare)), readResults(userPath(values.to))));
  process.exit(0);
}

const root = values.base ? userPath(values.base) : ROOT;
const commit = execFileSync("git", ["-C", root, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
const side = {
  mock: path.join(root, "apps/mock/dist/bin.js"),
  client: path.join(root, "packages/client/dist/index.js"),
  sign: path.join(root, "packages/client/dist/sign/index.js"),
  cli: path.join(root, "apps/cli/dist/hss.cjs"),
  codegen: path.join(root, "tools/codegen/bin/hss-codegen.mjs"),
  spec: path.join(root, "spec/hss.openapi.yaml"),
};
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const groups = new Set((values.only ?? "mock,client,sign,validate,cli,all,codegen").split(","));
const rows: Row[] = [];
const row = (r: Row) => {
  rows.push(r);
  console.log(`  ${r.measure}: ${r.value.toFixed(3)} ${r.unit} (${r.detail})`);
};
const n0 = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (
  id: string,
  measure: string,
  a: number,
  b: number,
  detail: string,
  goal: Goal,
  cores: string,
) => row({ id, measure, value: a / b, unit: "x", detail, goal, cores });

// ---------------------------------------------------------------------------------------------
// Mock: hss-mock vs a bare node:http server answering the same bytes, and vs `prism mock -v warn`.

const PATH = "/v5/p1/image/CVE-2021-44228/images";
const CANNED = here("./canned-server.mjs");
const testkitRequire = createRequire(path.join(ROOT, "tools/testkit/package.json"));
const PRISM = path.join(
  path.dirname(testkitRequire.resolve("@stoplight/prism-cli/package.json")),
  "dist/index.js",
);
const HEADERS = { "X-Auth-Token": "bench-token", region: "cn-north-4" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One load of SECONDS against a URL, from a process of its own (on the load core). */
async function load(url: string, offsets = 0, seconds = SECONDS) {
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [here("./load.mjs")], {
      env: { ...process.env, URL: url, SECONDS: String(seconds), OFFSETS: String(offsets) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
    });
    child.on("exit", (code) => (code === 0 ? resolve({ stdout: out }) : reject(new Error(`load ${code}`))));
  });
  return JSON.parse(stdout) as { rps: number; total: number; p99: number; non2xx: number; errors: number };
}

interface Contender {
  server: Server;
  target: string;
  offsets?: number;
  /** Non-2xx answers expected (Prism may answer some requests with its own errors). */
  any2xx?: boolean;
}

/** ROUNDS rounds, the order turned each round; medians of req/s and of server CPU µs per request. */
async function rounds(contenders: Record<string, Contender>) {
  const rps: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const names = Object.keys(contenders);
  // A warm-up second each (JIT, the mock's caches), not counted.
  for (const c of Object.values(contenders)) await load(c.server.url + c.target, c.offsets, 1);
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length] as string;
      const c = contenders[name] as Contender;
      const before = c.server.cpu();
      const result = await load(c.server.url + c.target, c.offsets);
      const used = c.server.cpu() - before;
      if (result.errors || (!c.any2xx && result.non2xx))
        throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
      rps[name] = [...(rps[name] ?? []), result.rps];
      cpu[name] = [...(cpu[name] ?? []), (used * 1000) / Math.max(1, result.total)];
      console.log(
        `    round ${r + 1} ${name}: ${n0(result.rps)} req/s, ${((used * 1000) / result.total).toFixed(1)} µs CPU/req`,
      );
    }
  }
  const out: Record<string, { rps: number; cpu: number }> = {};
  for (const name of names)
    out[name] = { rps: median(rps[name] as number[]), cpu: median(cpu[name] as number[]) };
  return out;
}

async function startPrism(): Promise<Server> {
  const port = await freePort();
  return startServer(
    [
      PRISM,
      "mock",
      path.join(ROOT, "spec/hss.openapi.yaml"),
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-v",
      "warn",
    ],
    { probe: `http://127.0.0.1:${port}${PATH}?limit=10&enterprise_project_id=all_granted_eps` },
  );
}

async function mockGroup(): Promise<void> {
  console.log(`mock: ${ROUNDS} rounds x ${SECONDS} s per server, autocannon 32 connections`);
  const mock = await startServer([side.mock, "--port", "0", "--images", "1000"]);
  const large = await startServer([side.mock, "--port", "0", "--images", "100000"]);
  const prism = await startPrism();
  const dir = mkdtempSync(path.join(tmpdir(), "hss-bench-"));
  try {
    for (const limit of [10, 200]) {
      const target = `${PATH}?limit=${limit}&enterprise_project_id=all_granted_eps`;
      const body = Buffer.from(await (await fetch(mock.url + target, { headers: HEADERS })).arrayBuffer());
      const file = path.join(dir, `body-${limit}.json`);
      writeFileSync(file, body);
      const bare = await startServer([CANNED], { env: { BODY_FILE: file } });
      try {
        const contenders: Record<string, Contender> = {
          "hss-mock": { server: mock, target },
          "bare node:http": { server: bare, target },
          "prism mock -v warn": { server: prism, target, any2xx: true },
        };
        if (limit === 200)
          contenders["hss-mock, a new page each request"] = { server: large, target, offsets: 29_000 };
        const m = await rounds(contenders);
        const ours = m["hss-mock"] as { rps: number; cpu: number };
        const bareR = m["bare node:http"] as { rps: number; cpu: number };
        const prismR = m["prism mock -v warn"] as { rps: number; cpu: number };
        const cpuNote = (a: { cpu: number }, b: { cpu: number }) =>
          `; server CPU ${a.cpu.toFixed(0)} / ${b.cpu.toFixed(0)} µs/req`;
        ratio(
          `mock.limit${limit}.vs-bare`,
          `mock, limit ${limit} (${body.length} B): req/s vs bare node:http, same bytes`,
          ours.rps,
          bareR.rps,
          `${n0(ours.rps)} / ${n0(bareR.rps)} req/s${cpuNote(ours, bareR)}`,
          { atLeast: 0.8 },
          CORES.server,
        );
        ratio(
          `mock.limit${limit}.vs-prism`,
          `mock, limit ${limit}: req/s vs prism mock -v warn`,
          ours.rps,
          prismR.rps,
          `${n0(ours.rps)} / ${n0(prismR.rps)} req/s${cpuNote(ours, prismR)}`,
          { atLeast: 15 },
          CORES.server,
        );
        // What any node:http server reaches against Prism in this run: the 15x target cannot be met
        // where this ratio is below it (the mock would have to outrun node:http answering canned bytes).
        ratio(
          `mock.limit${limit}.bare-vs-prism`,
          `bare node:http vs prism mock -v warn, limit ${limit} (the ceiling of any node:http server)`,
          bareR.rps,
          prismR.rps,
          `${n0(bareR.rps)} / ${n0(prismR.rps)} req/s${cpuNote(bareR, prismR)}`,
          null,
          CORES.server,
        );
        const fresh = m["hss-mock, a new page each request"];
        if (fresh)
          ratio(
            "mock.nocache.vs-bare",
            "mock, limit 200, a new page each request (no cache), 100,000 images: vs bare",
            fresh.rps,
            bareR.rps,
            `${n0(fresh.rps)} / ${n0(bareR.rps)} req/s${cpuNote(fresh, bareR)}`,
            null,
            CORES.server,
          );
      } finally {
        await bare.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([mock.stop(), large.stop(), prism.stop()]);
  }
}

// ---------------------------------------------------------------------------------------------
// Client: per call vs raw fetch and vs openapi-fetch alone, against a node:http server.

type ClientModule = {
  createHssClient(o: object): { throwing: { listVulRepoImage(input: object): Promise<unknown> } };
};

/** The headers the client sends for `input` (seen by its debug hook), for the peers to send alike. */
async function headersSent(
  create: ClientModule["createHssClient"],
  options: object,
  input: object,
): Promise<Record<string, string>> {
  let sent: Record<string, string> = {};
  const onDebug = (event: { type: string; headers?: Record<string, string> }) => {
    if (event.type === "request" && event.headers) sent = event.headers;
  };
  await create({ ...options, onDebug }).throwing.listVulRepoImage(input);
  return sent;
}

async function clientGroup(): Promise<void> {
  const server = await startServer(
    ["--import", pathToFileURL(require.resolve("tsx")).href, here("./page-server.ts")],
    { env: { TOTAL: "100000" } },
  );
  try {
    const url = server.url;
    const { createHssClient } = (await import(side.client)) as ClientModule;
    const options = { endpoint: url, region: "cn-north-4", projectId: "p", env: {} };
    const unsigned = createHssClient(options);
    const signed = createHssClient({ ...options, credentials: { ak: "AK", sk: "SK" } });
    const input = { vul_id: "CVE-2021-44228", limit: 10, offset: 0 };
    // The peers send the request the unsigned client sends, header for header (its User-Agent
    // too), so that the ratios measure the client's own layer, not one header more on the wire.
    const sent = await headersSent(createHssClient, options, input);
    const rawUrl = `${url}/v5/p/image/CVE-2021-44228/images?limit=10&offset=0`;
    // biome-ignore lint/suspicious/noExplicitAny: the bare openapi-fetch peer runs untyped
    const bare = createClient<any>({ baseUrl: url });
    const cpu: Record<string, number[]> = {};
    const samples = await interleave(
      {
        raw: async () => (await fetch(rawUrl, { headers: sent })).json(),
        openapi: () =>
          bare.GET("/v5/{project_id}/image/{vul_id}/images", {
            params: {
              path: { project_id: "p", vul_id: "CVE-2021-44228" },
              query: { limit: 10, offset: 0 },
              header: sent,
            },
          }),
        // The same with what the client cannot do without: a deadline that can end the request,
        // made as the client makes its own (a controller and a timer cleared after the answer).
        openapiDeadline: async () => {
          const deadline = new AbortController();
          const timer = setTimeout(() => deadline.abort(), 30_000);
          try {
            return await bare.GET("/v5/{project_id}/image/{vul_id}/images", {
              params: {
                path: { project_id: "p", vul_id: "CVE-2021-44228" },
                query: { limit: 10, offset: 0 },
                header: sent,
              },
              signal: deadline.signal,
            });
          } finally {
            clearTimeout(timer);
          }
        },
        unsigned: () => unsigned.throwing.listVulRepoImage(input),
        signed: () => signed.throwing.listVulRepoImage(input),
      },
      { rounds: 41, batch: 100, cpu },
    );
    const m = (k: string) => median(samples[k] as number[]);
    const c = (k: string) => median(cpu[k] as number[]);
    const us = (k: string) => `${m(k).toFixed(1)}`;
    const what = "ListVulRepoImage limit 10, µs/call";
    ratio(
      "client.unsigned.vs-openapi-fetch",
      "client unsigned vs openapi-fetch alone (same request headers)",
      m("unsigned"),
      m("openapi"),
      `${us("unsigned")} / ${us("openapi")} ${what}`,
      { atMost: 1.03 },
      CORES.client,
    );
    ratio(
      "client.unsigned.vs-openapi-fetch-deadline",
      "client unsigned vs openapi-fetch given a deadline (an AbortController and a timer), as every client call has",
      m("unsigned"),
      m("openapiDeadline"),
      `${us("unsigned")} / ${us("openapiDeadline")} ${what}`,
      null,
      CORES.client,
    );
    ratio(
      "client.unsigned.vs-openapi-fetch.cpu",
      "client unsigned vs openapi-fetch alone, the client process's CPU time per call",
      c("unsigned"),
      c("openapi"),
      `${c("unsigned").toFixed(1)} / ${c("openapi").toFixed(1)} µs CPU/call`,
      null,
      CORES.client,
    );
    ratio(
      "client.signed.vs-unsigned.cpu",
      "client signed vs unsigned, the client process's CPU time per call",
      c("signed"),
      c("unsigned"),
      `${c("signed").toFixed(1)} / ${c("unsigned").toFixed(1)} µs CPU/call`,
      null,
      CORES.client,
    );
    ratio(
      "client.unsigned.vs-raw",
      "client unsigned vs raw fetch",
      m("unsigned"),
      m("raw"),
      `${us("unsigned")} / ${us("raw")} ${what}`,
      null,
      CORES.client,
    );
    ratio(
      "client.signed.vs-unsigned",
      "client AK/SK signed vs unsigned",
      m("signed"),
      m("unsigned"),
      `${us("signed")} / ${us("unsigned")} ${what}`,
      { atMost: 1.25 },
      CORES.client,
    );
    ratio(
      "client.signed.vs-openapi-fetch",
      "client signed vs openapi-fetch alone",
      m("signed"),
      m("openapi"),
      `${us("signed")} / ${us("openapi")} ${what}`,
      null,
      CORES.client,
    );
    ratio(
      "client.signed.vs-raw",
      "client signed vs raw fetch",
      m("signed"),
      m("raw"),
      `${us("signed")} / ${us("raw")} ${what}`,
      null,
      CORES.client,
    );
    ratio(
      "openapi-fetch.vs-raw",
      "openapi-fetch alone vs raw fetch (the floor under the client)",
      m("openapi"),
      m("raw"),
      `${us("openapi")} / ${us("raw")} ${what}`,
      null,
      CORES.client,
    );
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Signing: @hss/client's signer vs Huawei's official Node signer, the same request.

async function signGroup(): Promise<void> {
  const { signRequest } = (await import(side.sign)) as {
    signRequest(r: object, c: object, now: Date): unknown;
  };
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const { url, headers, body } = SIGN_SAMPLE;
  const now = new Date();
  const samples = await interleave(
    {
      ours: () => signRequest({ method: "POST", url, headers, body }, { ak: "AK", sk: "SK" }, now),
      official: () =>
        AKSKSigner.sign(
          {
            method: "POST",
            endpoint: url.split("?")[0],
            headers: { ...headers, "X-Sdk-Date": "20261123T000000Z" },
            queryParams: { enterprise_project_id: "all_granted_eps" },
            data: JSON.parse(body),
          },
          { getAk: () => "AK", getSk: () => "SK" },
        ),
    },
    { rounds: 31, batch: 2000 },
  );
  const a = median(samples.ours as number[]);
  const b = median(samples.official as number[]);
  ratio(
    "sign.vs-official",
    "AK/SK signature vs Huawei's official Node signer (AKSKSigner)",
    a,
    b,
    `${a.toFixed(1)} / ${b.toFixed(1)} µs/signature`,
    { atMost: 1 },
    CORES.one,
  );
}

// ---------------------------------------------------------------------------------------------
// CLI: start-up and one call, each a new process, interleaved with their floors.

async function cliGroup(): Promise<void> {
  const mock = await startServer([side.mock, "--port", "0", "--images", "1000"]);
  const RUNS = 25;
  try {
    const target = `${mock.url}/v5/p/image/CVE-2021-44228/images?limit=10&offset=0`;
    const contenders: Record<string, string[]> = {
      node: ["-e", "0"],
      help: [side.cli, "--help"],
      fetch: [
        "-e",
        `fetch(${JSON.stringify(target)},{headers:{region:"cn-north-4"}}).then(r=>r.json()).then(j=>console.log(JSON.stringify(j)))`,
      ],
      call: [
        side.cli,
        "vul-images",
        "CVE-2021-44228",
        "--endpoint",
        mock.url,
        "--region",
        "cn-north-4",
        "--project-id",
        "p",
        "--limit",
        "10",
      ],
    };
    const times: Record<string, number[]> = {};
    for (let i = 0; i < RUNS + 2; i++)
      for (const [name, args] of Object.entries(contenders)) {
        const { ms } = await runNode(args);
        if (i >= 2) times[name] = [...(times[name] ?? []), ms];
      }
    const m = (k: string) => median(times[k] as number[]);
    ratio(
      "cli.help.vs-node",
      "hss --help vs node -e 0 (new processes)",
      m("help"),
      m("node"),
      `${m("help").toFixed(1)} / ${m("node").toFixed(1)} ms, medians of ${RUNS}`,
      { atMost: 1.25 },
      CORES.one,
    );
    ratio(
      "cli.call.vs-fetch",
      "one hss vul-images call vs a node fetch one-liner, same mock",
      m("call"),
      m("fetch"),
      `${m("call").toFixed(1)} / ${m("fetch").toFixed(1)} ms, medians of ${RUNS}`,
      { atMost: 1.25 },
      CORES.cli,
    );
  } finally {
    await mock.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// `hss ... --all -o ndjson`: 100,000 items from a local mock.

async function allGroup(): Promise<void> {
  // 340,000 images: CVE-2021-44228 affects 101,933 of them; --max-items takes 100,000.
  const mock = await startServer([side.mock, "--port", "0", "--images", "340000"], { timeoutMs: 180_000 });
  try {
    const args = [
      side.cli,
      "vul-images",
      "CVE-2021-44228",
      "--all",
      "--output",
      "ndjson",
      "--limit",
      "200",
      "--max-items",
      "100000",
      "--endpoint",
      mock.url,
      "--region",
      "cn-north-4",
      "--project-id",
      "p",
      // Every enterprise project: the 101,933 images (the default project "0" has 81,381).
      "--enterprise-project-id",
      "all_granted_eps",
    ];
    // The floor: a fetch loop asking for the same pages and writing the same lines (all-floor.mjs),
    // run alternately with the CLI so both see the same machine.
    const floorArgs = [here("./all-floor.mjs"), mock.url, "CVE-2021-44228", "all_granted_eps", "100000"];
    const runs: { ms: number; peakMb: number; lines: number }[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 6; i++) {
      const run = await runNode(args, { countLines: true });
      if (run.lines !== 100_000)
        throw new Error(`--all printed ${run.lines} lines, not 100000: ${run.stderr}`);
      const bare = await runNode(floorArgs, { countLines: true });
      if (bare.lines !== 100_000)
        throw new Error(`the fetch loop printed ${bare.lines} lines, not 100000: ${bare.stderr}`);
      // The first of each warms the mock's caches of rendered items.
      if (i > 0) {
        runs.push(run);
        floor.push(bare.ms);
      }
    }
    const ms = median(runs.map((r) => r.ms));
    const floorMs = median(floor);
    const peak = Math.max(...runs.map((r) => r.peakMb));
    row({
      id: "all.items-per-s",
      measure: "hss vul-images --all -o ndjson, 100,000 items: items/s",
      value: 100_000 / (ms / 1000),
      unit: "items/s",
      detail: `${ms.toFixed(0)} ms per run, median of ${runs.length}, process start included`,
      goal: { atLeast: 50_000 },
      cores: CORES.cli,
    });
    ratio(
      "all.vs-fetch-loop",
      "hss vul-images --all -o ndjson vs a fetch loop writing the same lines (no validation, retries or deadline)",
      100_000 / (ms / 1000),
      100_000 / (floorMs / 1000),
      `${n0(100_000 / (ms / 1000))} / ${n0(100_000 / (floorMs / 1000))} items/s, medians of ${floor.length}`,
      null,
      CORES.cli,
    );
    row({
      id: "all.peak-rss",
      measure: "hss vul-images --all -o ndjson, 100,000 items: peak RSS",
      value: peak,
      unit: "MB",
      detail: `VmHWM, highest of ${runs.length} runs`,
      goal: { atMost: 120 },
      cores: CORES.cli,
    });
  } finally {
    await mock.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Codegen: the real spec, and the synthetic 300-operation spec (scale.ts).

async function codegenGroup(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "hss-bench-codegen-"));
  try {
    const big = path.join(dir, "synthetic.openapi.yaml");
    writeFileSync(big, await syntheticSpec(300));
    for (const [id, spec, label] of [
      ["codegen.real", side.spec, "the real spec (2 operations)"],
      ["codegen.300", big, "a synthetic spec of 300 operations"],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++)
        times.push(
          (
            await runNode([side.codegen, "--spec", spec, "--out", path.join(dir, `out-${id}-${i}`)], {
              cwd: path.join(root, "packages/client"),
              env: { ...process.env } as Record<string, string>,
            })
          ).ms,
        );
      const ms = median(times);
      row({
        id,
        measure: `codegen (types + table), ${label}`,
        value: ms,
        unit: "ms",
        detail: `median of 3 runs, process start included`,
        goal: { atMost: 10_000 },
        cores: CORES.one,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Response validation: what checking a page against the spec costs, beside parsing it.

async function validateGroup(): Promise<void> {
  type Spec = {
    ListVulRepoImage: { responses: Record<string, { schema: object }> };
    validateValue(schema: object, value: unknown, field: string, location: string): unknown[];
  };
  const spec = (await import(path.join(root, "packages/client/dist/spec/index.js"))) as Spec;
  const schema = spec.ListVulRepoImage.responses["200"]?.schema as object;
  // A page of 200 images as the CLI's --all gets them (the page server's).
  const data_list = Array.from({ length: 200 }, (_, i) => syntheticImage(i));
  const text = JSON.stringify({ total_num: 100_000, data_list });
  const page = JSON.parse(text);
  if (spec.validateValue(schema, page, "", "response").length > 0)
    throw new Error("the benchmark's page breaks the spec");
  const samples = await interleave(
    {
      validate: () => spec.validateValue(schema, page, "", "response"),
      parse: () => JSON.parse(text),
    },
    { rounds: 31, batch: 200 },
  );
  const v = median(samples.validate as number[]);
  const p = median(samples.parse as number[]);
  ratio(
    "validate.page.vs-parse",
    "response validation of a 200-image page vs JSON.parse of it (what --all pays per page)",
    v,
    p,
    `${v.toFixed(0)} / ${p.toFixed(0)} µs/page`,
    null,
    CORES.one,
  );
}

// ---------------------------------------------------------------------------------------------

pinSelf();
const startLoad = loadavg();
console.log(
  `bench: ${root} at ${commit.slice(0, 7)}; ${PINNED ? "pinned: this run and load generators on cpu 0, servers on cpu 1" : "not pinned (no taskset or 1 core)"}`,
);
const all: [string, () => Promise<void>][] = [
  ["mock", mockGroup],
  ["client", clientGroup],
  ["sign", signGroup],
  ["validate", validateGroup],
  ["cli", cliGroup],
  ["all", allGroup],
  ["codegen", codegenGroup],
];
for (const [name, fn] of all) if (groups.has(name)) await fn();

const results: Results = {
  commit,
  root,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  load: {
    start: startLoad.map((l) => Number(l.toFixed(2))),
    end: loadavg().map((l) => Number(l.toFixed(2))),
  },
  rows,
};
const out = values.out
  ? userPath(values.out)
  : path.join(here(".."), "results", values.base ? `base-${commit.slice(0, 7)}.json` : "latest.json");
writeResults(out, results);
console.log(
  `\nSummary (${commit.slice(0, 7)}, ${results.date}, node ${process.version}, load average ${results.load.start.join(" ")} -> ${results.load.end.join(" ")}):\n`,
);
console.log(summaryTable(results));
console.log(`\nwritten: ${path.relative(process.env.INIT_CWD ?? process.cwd(), out)}`);
if (values.compare) {
  console.log(`\nChange per row from ${values.compare}:\n`);
  console.log(compareTable(readResults(userPath(values.compare)), results));
}
