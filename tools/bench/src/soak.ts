/**
 * A bounded soak of hss-mock (issue: hostile network): BENCH_SOAK_SECONDS (default 60) of mixed
 * traffic on 32 connections, in rotation: valid pages (limit 10 and 200, a new offset each
 * time), invalid parameters, unknown parameters, 60 KB image names (journaled, cut to size),
 * valid scans, malformed JSON, bodies over the 1 MiB limit (413) and unknown paths; beside them,
 * heads over the 64 KiB limit (431, answered with the connection closed) from fetch on 4 more
 * connections (autocannon cannot read an answer that ends with its connection).
 *
 * The mock runs as `node apps/mock/dist/bin.js` in its own process, so its RSS is read from
 * /proc every second: before, through, and after the load; then the same traffic against a bare
 * node:http server answering one canned page, the floor of any Node server under it.
 *
 * Run: corepack pnpm --filter @hss/bench bench:soak
 */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "@hss/testkit";
import autocannon from "autocannon";
import { rssMb, type ServerProcess, serverProcess } from "./spawn.ts";
import { fmt, printTable } from "./stats.ts";

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const LIST = "/v5/p1/image/CVE-2021-44228/images";
const HEADERS = { region: "cn-north-4", "content-type": "application/json" };

let offset = 0;
/** The next offset of a rotation: every page request asks for another window. */
const next = (step: number) => {
  offset += step;
  return offset;
};
const kinds: { name: string; request: () => autocannon.Request }[] = [
  {
    name: "valid page, limit 10",
    request: () => ({
      method: "GET",
      path: `${LIST}?limit=10&offset=${next(10) % 900}&enterprise_project_id=all_granted_eps`,
    }),
  },
  {
    name: "valid page, limit 200",
    request: () => ({
      method: "GET",
      path: `${LIST}?limit=200&offset=${next(7) % 800}&enterprise_project_id=all_granted_eps`,
    }),
  },
  { name: "limit out of range (400)", request: () => ({ method: "GET", path: `${LIST}?limit=5` }) },
  { name: "unknown parameter (400)", request: () => ({ method: "GET", path: `${LIST}?x${next(1)}=1` }) },
  {
    name: "60 KB image_name (200, journaled cut)",
    request: () => ({ method: "GET", path: `${LIST}?image_name=${"q".repeat(60_000)}${next(1)}` }),
  },
  {
    name: "valid scan",
    request: () => ({
      method: "POST",
      path: "/v5/p1/image/local/batch-scan",
      body: '{"operate_all":true,"scan_status":"unscan"}',
    }),
  },
  {
    name: "malformed JSON (400)",
    request: () => ({ method: "POST", path: "/v5/p1/image/local/batch-scan", body: '{"operate_all":' }),
  },
  {
    name: "1.5 MB body (413)",
    request: () => ({
      method: "POST",
      path: "/v5/p1/image/local/batch-scan",
      body: `{"image_name":"${"b".repeat(1_500_000)}"}`,
    }),
  },
  { name: "unknown path (404)", request: () => ({ method: "GET", path: `/v5/p1/nowhere/${next(1)}` }) },
];

/** One soak of a server: RSS through the run, the answers it gave. */
async function soak(server: ServerProcess) {
  const settle = () => new Promise((r) => setTimeout(r, 2000));
  await fetch(`${server.url}${LIST}?limit=10`, { headers: HEADERS }); // first request: code paths loaded
  await settle();
  const before = rssMb(server.pid);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(server.pid)), 1000);
  let n = 0;
  const ends = Date.now() + SECONDS * 1000;
  const oversized: Record<string, number> = {};
  const heads = Array.from({ length: 4 }, async () => {
    while (Date.now() < ends) {
      const status = await fetch(`${server.url}${LIST}`, {
        headers: { ...HEADERS, "x-pad": "p".repeat(80_000) },
      })
        .then(async (res) => {
          await res.arrayBuffer();
          return String(res.status);
        })
        .catch(() => "error");
      oversized[status] = (oversized[status] ?? 0) + 1;
    }
  });
  const result = await autocannon({
    url: server.url,
    connections: 32,
    duration: SECONDS,
    headers: HEADERS,
    // A new request object each time, headers included: autocannon would otherwise carry the
    // previous request's Content-Length over to a GET that has no body.
    requests: [
      {
        setupRequest: () => {
          const request = (kinds[n++ % kinds.length] as (typeof kinds)[number]).request();
          return { ...request, headers: { ...HEADERS, ...request.headers } };
        },
      },
    ],
  });
  await Promise.all(heads);
  clearInterval(sampler);
  await settle();
  const after = rssMb(server.pid);
  const count = (stats: Record<string, number>) =>
    Object.entries(stats)
      .map(([code, c]) => `${code}: ${c}`)
      .join(", ");
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]),
  );
  return {
    row: [
      result.requests.total,
      fmt(result.requests.average, 0),
      fmt(before),
      fmt(samples[Math.floor(samples.length / 3)] ?? 0),
      fmt(samples[Math.floor((2 * samples.length) / 3)] ?? 0),
      fmt(Math.max(...samples)),
      fmt(after),
      fmt(after - before),
    ],
    answers: `${count(statuses)}; 80 KB heads: ${count(oversized)}; socket errors ${result.errors}, timeouts ${result.timeouts}`,
  };
}

const rows: (string | number)[][] = [];
const notes: string[] = [];
const mock = await serverProcess([
  path.join(ROOT, "apps/mock/dist/bin.js"),
  "--port",
  "0",
  "--images",
  "1000",
]);
try {
  const page = await (await fetch(`${mock.url}${LIST}?limit=200`, { headers: HEADERS })).text();
  const { row, answers } = await soak(mock);
  rows.push(["hss-mock", ...row]);
  notes.push(`hss-mock answered ${answers}`);
  // The floor of any node:http server under this traffic: one canned page for every request.
  const file = path.join(tmpdir(), `hss-soak-page-${process.pid}.json`);
  writeFileSync(file, page);
  const bare = await serverProcess([fileURLToPath(new URL("./canned-server.mjs", import.meta.url))], {
    BODY_FILE: file,
    DRAIN: "1",
  });
  try {
    const floor = await soak(bare);
    rows.push(["bare node:http (canned page)", ...floor.row]);
  } finally {
    bare.stop();
    rmSync(file, { force: true });
  }
} finally {
  mock.stop();
}
printTable(
  `Soak: ${SECONDS} s of mixed traffic (${kinds.length} kinds in rotation on 32 connections, 80 KB heads on 4 more)`,
  ["server", "requests", "req/s", "RSS before MB", "at 1/3", "at 2/3", "peak", "after", "growth MB"],
  rows,
);
for (const note of notes) console.log(note);
console.log(`kinds: ${kinds.map((k) => k.name).join("; ")}`);
console.log("target: RSS growth under 50 MB (and flat from 1/3 of the run on: bounded, not leaking)");
