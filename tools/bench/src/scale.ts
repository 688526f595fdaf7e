/**
 * Scale (issue: every operation from the spec alone): what the generated layer costs when the
 * spec has about as many operations as the whole HSS v5 API. A synthetic spec of 300
 * operations (the two real ones, and 298 made from them: paged GETs and POSTs with bodies,
 * each with its own parameters and schemas) is generated into a copy of the repository, where
 * the client, the mock (298 one-line handlers) and the CLI are generated and built; then:
 *
 * - codegen time for the real spec and for the 300-operation spec;
 * - `hss --help` with 300 commands vs `node -e 0`, interleaved, in the same run;
 * - the CLI bundle's size;
 * - the browser bundle (esbuild, minified, gzip) of a program that imports one operation.
 *
 * Run: corepack pnpm --filter @hss/bench bench:scale
 */
import { spawn } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { copyRepository, ROOT, type Workspace } from "@hss/testkit";
import { parseDocument } from "yaml";
import { fmt, median, printTable } from "./stats.ts";

const OPERATIONS = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

/** A copy where every description names operation `i`, so that no two operations' texts are alike. */
function unique(value: unknown, i: number): unknown {
  if (Array.isArray(value)) return value.map((v) => unique(v, i));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "description" && typeof v === "string" ? `${v} (thing ${i})` : unique(v, i),
    ]),
  );
}

/** The real spec plus `count - 2` operations made from the real ones, each with names of its own. */
export async function syntheticSpec(count = OPERATIONS): Promise<string> {
  const doc = parseDocument(await readFile(path.join(ROOT, "spec/hss.openapi.yaml"), "utf8"));
  const paths = doc.get("paths") as { items: { key: { value: string }; value: unknown }[] };
  const [listPath, scanPath] = paths.items.map((item) => item.key.value) as [string, string];
  const list = doc.getIn(["paths", listPath, "get"], true) as { toJSON(): Record<string, unknown> };
  const scan = doc.getIn(["paths", scanPath, "post"], true) as { toJSON(): Record<string, unknown> };
  const schemas = (doc.getIn(["components", "schemas"]) as { toJSON(): Record<string, unknown> }).toJSON();
  for (let i = 1; i <= count - 2; i++) {
    const paged = i % 2 === 1;
    const template = (paged ? list : scan).toJSON() as Record<string, unknown>;
    const name = paged ? `ListThing${i}` : `BatchThing${i}`;
    const copy = unique(
      JSON.parse(
        JSON.stringify(template)
          .replaceAll("ListVulRepoImageResponseBody", `${name}Response`)
          .replaceAll("LocalImageBatchScanRequestBody", `${name}Request`),
      ),
      i,
    ) as Record<string, unknown>;
    copy.operationId = name;
    copy.summary = `${paged ? "List" : "Act on"} thing ${i}`;
    copy["x-cli-aliases"] = [];
    const route = paged ? `/v5/{project_id}/thing${i}/{vul_id}/items` : `/v5/{project_id}/thing${i}/batch`;
    doc.setIn(["paths", route, paged ? "get" : "post"], doc.createNode(copy));
    const schema = paged ? "ListVulRepoImageResponseBody" : "LocalImageBatchScanRequestBody";
    doc.setIn(
      ["components", "schemas", `${name}${paged ? "Response" : "Request"}`],
      doc.createNode(schemas[schema]),
    );
  }
  return doc.toString();
}

/** Milliseconds of a command, run as a new process. */
function timed(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: "ignore", env: { PATH: process.env.PATH } });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${args.join(" ")} exited ${code}`)),
    );
  });
}

const codegen = (ws: Workspace, dir: string, args: string[]) =>
  ws.node(dir, [
    path.join(ws.root, "tools/codegen/bin/hss-codegen.mjs"),
    "--spec",
    path.join(ws.root, "spec/hss.openapi.yaml"),
    "--out",
    "src/generated",
    ...args,
  ]);
const tsc = (ws: Workspace, dir: string, project: string) =>
  ws.node(dir, [path.join(ws.root, dir, "node_modules/typescript/bin/tsc"), "-p", project]);

/** Generates and builds the copy; returns the codegen time of its spec, ms. */
async function build(ws: Workspace): Promise<number> {
  const started = performance.now();
  await codegen(ws, "packages/client", ["--copy-spec", "openapi.yaml"]);
  const codegenMs = performance.now() - started;
  await codegen(ws, "apps/mock", ["--target", "mock"]);
  const index = await readFile(path.join(ws.root, "apps/mock/src/generated/handlers.ts"), "utf8");
  for (const [, id, file] of index.matchAll(
    /import \{ handler as (\w+) \} from "\.\.\/handlers\/([\w-]+)\.js"/g,
  ))
    if (/^(List|Batch)Thing/.test(id as string))
      await ws.write(
        `apps/mock/src/handlers/${file}.ts`,
        `import { type Handler, reply } from "../handler.js";\n\nexport const handler: Handler<"${id}"> = () => reply.fail(404, "not served by this mock");\n`,
      );
  await tsc(ws, "packages/client", "tsconfig.build.json");
  await Promise.all([
    tsc(ws, "packages/args", "tsconfig.build.json"),
    tsc(ws, "tools/testkit", "tsconfig.json"),
  ]);
  await tsc(ws, "apps/mock", "tsconfig.build.json");
  await ws.node("apps/cli", [path.join(ws.root, "apps/cli/node_modules/tsup/dist/cli-default.js")]);
  return codegenMs;
}

/** The gzip size of a browser bundle of a program that imports one operation. */
async function oneOperationBundle(ws: Workspace): Promise<{ min: number; gzip: number }> {
  const esbuild = await import("esbuild");
  await ws.write(
    "packages/client/one-operation.mjs",
    `import { createHssCore, send } from "./dist/index.js";
import { ListVulRepoImage } from "./dist/spec/index.js";
const core = createHssCore({ endpoint: "https://hss.example", region: "cn-north-4", projectId: "p", credentials: { token: "t" } });
send(core, ListVulRepoImage, { vul_id: "CVE-2021-44228" }).then((r) => console.log(r.data ?? r.error));
`,
  );
  const result = await esbuild.build({
    entryPoints: [path.join(ws.root, "packages/client/one-operation.mjs")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    absWorkingDir: path.join(ws.root, "packages/client"),
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code).byteLength };
}

export async function benchScale(): Promise<void> {
  const real = await copyRepository();
  const ws = await copyRepository();
  try {
    const realCodegen = await build(real);
    await ws.write("spec/hss.openapi.yaml", await syntheticSpec());
    const bigCodegen = await build(ws);
    const times: Record<string, number[]> = {
      "node -e 0": [],
      "hss --help (2 operations)": [],
      "hss --help (300 operations)": [],
    };
    const args: Record<string, [string[], string]> = {
      "node -e 0": [["-e", "0"], ROOT],
      "hss --help (2 operations)": [["dist/hss.cjs", "--help"], path.join(real.root, "apps/cli")],
      "hss --help (300 operations)": [["dist/hss.cjs", "--help"], path.join(ws.root, "apps/cli")],
    };
    for (let i = 0; i < RUNS + 2; i++)
      for (const [name, [argv, cwd]] of Object.entries(args)) {
        const ms = await timed(argv, cwd);
        if (i >= 2) times[name]?.push(ms);
      }
    const base = median(times["node -e 0"] as number[]);
    const size = async (w: Workspace) => (await stat(path.join(w.root, "apps/cli/dist/hss.cjs"))).size;
    const [smallBundle, bigBundle] = [await oneOperationBundle(real), await oneOperationBundle(ws)];
    printTable(
      `Scale: the real spec (2 operations) and a synthetic one of ${OPERATIONS} (${RUNS} interleaved start-ups, medians; each process on its own)`,
      ["measure", "2 operations", `${OPERATIONS} operations`, "target"],
      [
        ["codegen (types + table), ms", fmt(realCodegen, 0), fmt(bigCodegen, 0), "< 10000 ms"],
        [
          "hss --help, ms (vs node -e 0)",
          `${fmt(median(times["hss --help (2 operations)"] as number[]))} (${fmt(median(times["hss --help (2 operations)"] as number[]) / base, 2)}x)`,
          `${fmt(median(times["hss --help (300 operations)"] as number[]))} (${fmt(median(times["hss --help (300 operations)"] as number[]) / base, 2)}x)`,
          "<= 1.5x",
        ],
        ["node -e 0, ms", fmt(base), fmt(base), ""],
        ["CLI bundle (dist/hss.cjs), KB", fmt((await size(real)) / 1024), fmt((await size(ws)) / 1024), ""],
        [
          "browser bundle of one operation, KB min / gzip",
          `${fmt(smallBundle.min / 1024)} / ${fmt(smallBundle.gzip / 1024)}`,
          `${fmt(bigBundle.min / 1024)} / ${fmt(bigBundle.gzip / 1024)}`,
          "<= 15 KB gzip",
        ],
      ],
    );
  } finally {
    await Promise.all([real.remove(), ws.remove()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === "--write-spec")
    await writeFile(process.argv[3] ?? "synthetic.openapi.yaml", await syntheticSpec());
  else await benchScale();
}
