/**
 * Client benchmarks (issue: packages/client):
 *  1. per-request overhead of the client vs raw fetch against the same local server;
 *  2. signing cost per request vs Huawei's official Node signer (AKSKSigner);
 *  3. 100,000 images streamed through the paginator: RSS growth, sequential vs prefetch.
 * Run: corepack pnpm --filter @hss/bench bench:client
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createHssClient } from "@hss/client";
import { signRequest } from "@hss/client/sign";
import createClient from "openapi-fetch";
import { SIGN_SAMPLE } from "./sign-sample.ts";
import { startHelper } from "./spawn.ts";
import { fmt, interleave, median, printTable } from "./stats.ts";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
const SERVER = fileURLToPath(new URL("./page-server.ts", import.meta.url));

export async function benchClient(): Promise<void> {
  const server = await startHelper(SERVER, { TOTAL: "100000" });
  const url = server.line;
  try {
    await overhead(url);
    signing();
    await streaming(url);
  } finally {
    await server.stop();
  }
}

async function overhead(url: string) {
  const hss = createHssClient({ endpoint: url, region: "cn-north-4", projectId: "p", env: {} });
  const signed = createHssClient({
    endpoint: url,
    region: "cn-north-4",
    projectId: "p",
    env: {},
    credentials: { ak: "AK", sk: "SK" },
  });
  const rawUrl = `${url}/v5/p/image/CVE-2021-44228/images?limit=10&offset=0`;
  // biome-ignore lint/suspicious/noExplicitAny: the bare openapi-fetch peer runs untyped
  const bare = createClient<any>({ baseUrl: url });
  const samples = await interleave(
    {
      "raw fetch": async () => (await fetch(rawUrl, { headers: { region: "cn-north-4" } })).json(),
      "openapi-fetch alone (peer, the floor of any client on it)": async () =>
        bare.GET("/v5/{project_id}/image/{vul_id}/images", {
          params: {
            path: { project_id: "p", vul_id: "CVE-2021-44228" },
            query: { limit: 10, offset: 0 },
            header: { region: "cn-north-4" },
          },
        }),
      "client (unsigned)": async () =>
        hss.throwing.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 10, offset: 0 }),
      "client (AK/SK signed)": async () =>
        signed.throwing.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 10, offset: 0 }),
    },
    { rounds: 25, batch: 200 },
  );
  const base = median(samples["raw fetch"] as number[]);
  printTable(
    "Per-request latency, ListVulRepoImage limit=10 against a local node:http server (25 rounds x 200 calls, interleaved)",
    ["contender", "median µs/call", "vs raw fetch"],
    Object.entries(samples).map(([name, s]) => [name, fmt(median(s)), `${fmt(median(s) / base, 3)}x`]),
  );
  console.log("target: client (unsigned) within 1.10x of raw fetch");
}

function signing() {
  const { url, headers, body } = SIGN_SAMPLE;
  const now = new Date();
  const ours = () => signRequest({ method: "POST", url, headers, body }, { ak: "AK", sk: "SK" }, now);
  const official = () =>
    AKSKSigner.sign(
      {
        method: "POST",
        endpoint: url.split("?")[0],
        headers: { ...headers, "X-Sdk-Date": "20261123T000000Z" },
        queryParams: { enterprise_project_id: "all_granted_eps" },
        data: JSON.parse(body),
      },
      { getAk: () => "AK", getSk: () => "SK" },
    );
  const time = (fn: () => unknown) => {
    const rounds: number[] = [];
    for (let r = 0; r < 31; r++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 2000; i++) fn();
      rounds.push(Number(process.hrtime.bigint() - started) / 1000 / 2000);
    }
    return median(rounds);
  };
  time(ours);
  time(official);
  const a = time(ours);
  const b = time(official);
  printTable(
    "AK/SK signing cost per request (BatchScanLocalImage, 31 rounds x 2000 signatures)",
    ["signer", "median µs/signature", "vs official"],
    [
      ["@hss/client signRequest (portable TS)", fmt(a, 2), `${fmt(a / b, 2)}x`],
      ["@huaweicloud/huaweicloud-sdk-core AKSKSigner (node:crypto)", fmt(b, 2), "1.00x"],
    ],
  );
  console.log("target: median under 50 µs");
}

async function streaming(url: string) {
  const rows: (string | number)[][] = [];
  let sequentialMs = 0;
  for (const prefetch of [1, 4, 8]) {
    const hss = createHssClient({ endpoint: url, region: "cn-north-4", projectId: "p", env: {} });
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    let count = 0;
    for await (const image of hss.paginate.listVulRepoImage(
      { vul_id: "CVE-2021-44228", limit: 200 },
      { prefetch },
    )) {
      if (image.image_id) count++;
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (prefetch === 1) sequentialMs = ms;
    rows.push([
      prefetch === 1 ? "sequential" : `prefetch ${prefetch}`,
      count,
      fmt(ms, 0),
      fmt((count / ms) * 1000, 0),
      fmt((peak - baseline) / 1024 / 1024),
      `${fmt(sequentialMs / ms, 2)}x`,
    ]);
  }
  printTable(
    "100,000 images through paginateVulRepoImages (limit 200, 500 pages, local server)",
    ["mode", "items", "ms", "items/s", "peak RSS growth MB", "speed-up vs sequential"],
    rows,
  );
  console.log("target: peak RSS growth under 50 MB");
}

if (import.meta.url === `file://${process.argv[1]}`) await benchClient();
