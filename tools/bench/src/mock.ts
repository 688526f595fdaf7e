/**
 * Mock benchmarks (issue: apps/mock), everything on 127.0.0.1, bounded in time:
 *  1. ListVulRepoImage throughput and p99 (limit 10 and 200), same autocannon settings, on
 *     hss-mock vs `prism mock` on the same spec vs a bare node:http server returning a canned
 *     body of the same size;
 *  2. with 100,000 images loaded, the latency of fuzzy image_name queries.
 * Memory under sustained mixed traffic is soak.ts.
 * Run: corepack pnpm --filter @hss/bench bench:mock
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "@hss/testkit";
import autocannon from "autocannon";
import { startHelper } from "./spawn.ts";
import { fmt, median, percentile, printTable } from "./stats.ts";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PATH = "/v5/p1/image/CVE-2021-44228/images";
const HEADERS = { "X-Auth-Token": "bench-token", region: "cn-north-4" };

function load(url: string, seconds: number, paths?: () => string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: 32,
    pipelining: 1,
    duration: seconds,
    headers: HEADERS,
    ...(paths && {
      requests: [
        {
          setupRequest: (request: autocannon.Request) => {
            request.path = paths();
            return request;
          },
        },
      ],
    }),
  });
}

export async function benchMock(): Promise<void> {
  const mock = await startHelper(here("./mock-process.ts"), { IMAGES: "1000" });
  const prism = await startPrism({ mode: "mock", errors: false });
  const rows: (string | number)[][] = [];
  try {
    for (const limit of [10, 200]) {
      const query = `?limit=${limit}&enterprise_project_id=all_granted_eps`;
      const body = await (await fetch(mock.line + PATH + query, { headers: HEADERS })).text();
      const file = path.join(tmpdir(), `hss-bench-body-${limit}.json`);
      writeFileSync(file, body);
      const bare = await startHelper(here("./canned-server.mjs"), { BODY_FILE: file });
      try {
        const prismBody = await (await fetch(prism.url + PATH + query, { headers: HEADERS })).text();
        const results: Record<string, autocannon.Result> = {};
        for (const [name, url] of [
          ["hss-mock", mock.line],
          ["prism mock", prism.url],
          ["bare node:http (canned)", bare.line],
        ] as const) {
          results[name] = await load(url + PATH + query, SECONDS);
        }
        const ours = results["hss-mock"] as autocannon.Result;
        for (const [name, r] of Object.entries(results)) {
          const size = name === "prism mock" ? prismBody.length : body.length;
          rows.push([
            `limit ${limit}`,
            name,
            size,
            fmt(r.requests.average, 0),
            r.latency.p99,
            r.non2xx,
            name === "hss-mock" ? "1.00x" : `${fmt(ours.requests.average / r.requests.average, 2)}x`,
          ]);
        }
      } finally {
        await bare.stop();
      }
    }
    // Every request a different page of a large result: the page cache cannot help.
    const large = await startHelper(here("./mock-process.ts"), { IMAGES: "100000" });
    try {
      const bodyBytes = (
        await (
          await fetch(`${large.line}${PATH}?limit=200&enterprise_project_id=all_granted_eps`, {
            headers: HEADERS,
          })
        ).arrayBuffer()
      ).byteLength;
      let n = 0;
      const r = await load(
        large.line,
        SECONDS,
        () => `${PATH}?limit=200&offset=${(n++ * 7919) % 29_000}&enterprise_project_id=all_granted_eps`,
      );
      const bare200 = rows.find((row) => row[0] === "limit 200" && String(row[1]).startsWith("bare"));
      rows.push([
        "limit 200, a new offset each request (no cache hit), 100,000 images",
        "hss-mock",
        bodyBytes,
        fmt(r.requests.average, 0),
        r.latency.p99,
        r.non2xx,
        bare200 ? `${fmt(r.requests.average / Number(bare200[3]), 2)}x of bare` : "",
      ]);
    } finally {
      await large.stop();
    }
    printTable(
      `ListVulRepoImage throughput, autocannon 32 connections x ${SECONDS} s each, servers in their own processes`,
      ["request", "server", "body bytes", "req/s (mean)", "p99 ms", "non-2xx", "hss-mock / this"],
      rows,
    );
    console.log(
      "targets: hss-mock >= 10x prism mock, >= 0.5x bare node:http (prism answers its static example, 1 image)",
    );
  } finally {
    await mock.stop();
    await prism.stop();
  }

  const big = await startHelper(here("./mock-process.ts"), { IMAGES: "100000" });
  try {
    const names = ["ngin", "redis", "api", "service-1", "etl", "gateway-2", "zzz-none", "o"];
    const times: number[] = [];
    let matched = 0;
    for (let round = 0; round < 25; round++) {
      for (const name of names) {
        const started = performance.now();
        const res = await fetch(
          `${big.line}${PATH}?limit=200&enterprise_project_id=all_granted_eps&image_name=${name}`,
          { headers: HEADERS },
        );
        const json = (await res.json()) as { total_num: number };
        times.push(performance.now() - started);
        if (round === 0) matched += json.total_num;
      }
    }
    const state = (await (await fetch(`${big.line}/__mock/state`)).json()) as { image_count: number };
    printTable(
      `Fuzzy image_name queries on CVE-2021-44228 with ${state.image_count} images loaded (~30% affected), limit 200, sequential`,
      ["queries", "median ms", "p95 ms", "max ms", "images matched (first round)"],
      [
        [
          times.length,
          fmt(median(times), 2),
          fmt(percentile(times, 95), 2),
          fmt(Math.max(...times), 2),
          matched,
        ],
      ],
    );
    console.log("target: median under 5 ms");
  } finally {
    await big.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchMock();
