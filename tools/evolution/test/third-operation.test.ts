/**
 * What a new operation costs: the spec plus one mock handler file. In a copy of the repository,
 * a third operation (a paged GET of local images with limit/offset, image_name, scan_status and
 * local_image_type) is added to the spec and its handler file to apps/mock/src/handlers; then
 * the copy is generated and built as CI would, and every part is checked to serve it: the
 * client's typed method and paginator, the CLI's command, help and completion, the mock behind
 * `prism proxy --errors`, and the contract's coverage table.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { copyRepository, startPrism, type Workspace } from "@hss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const HANDLER = "apps/mock/src/handlers/list-local-images.ts";
const SPEC = "spec/hss.openapi.yaml";
let ws: Workspace;
/** What the mock's typecheck said before its handler file existed, and with one that passes its own records. */
let withoutHandler = "";
let withExtraFields = "";

/** The spec with the fixture's path and schemas merged in (comments of the spec kept). */
async function specWithThirdOperation(): Promise<string> {
  const spec = parseDocument(await readFile(path.join(ws.root, SPEC), "utf8"));
  const extra = parseDocument(
    await readFile(path.join(FIXTURES, "list-local-images.openapi.yaml"), "utf8"),
  ).toJS() as {
    paths: Record<string, unknown>;
    schemas: Record<string, unknown>;
  };
  for (const [route, item] of Object.entries(extra.paths))
    spec.setIn(["paths", route], spec.createNode(item));
  for (const [name, schema] of Object.entries(extra.schemas))
    spec.setIn(["components", "schemas", name], spec.createNode(schema));
  return spec.toString();
}

const tsc = (dir: string, project: string) =>
  ws.node(dir, [path.join(ws.root, dir, "node_modules/typescript/bin/tsc"), "-p", project]);
const codegen = (dir: string, args: string[]) =>
  ws.node(dir, [
    path.join(ws.root, "tools/codegen/bin/hss-codegen.mjs"),
    "--spec",
    path.join(ws.root, SPEC),
    "--out",
    "src/generated",
    ...args,
  ]);

beforeAll(async () => {
  ws = await copyRepository();
  await ws.write(SPEC, await specWithThirdOperation());
  // What turbo's generate and build tasks run, package by package, in dependency order.
  await codegen("packages/client", ["--copy-spec", "openapi.yaml"]);
  await codegen("apps/mock", ["--target", "mock"]);
  await tsc("packages/client", "tsconfig.build.json");
  await Promise.all([tsc("packages/args", "tsconfig.build.json"), tsc("tools/testkit", "tsconfig.json")]);
  withoutHandler = await tsc("apps/mock", "tsconfig.json").then(
    () => "compiled",
    (error: { stdout: string }) => error.stdout,
  );
  const handler = await readFile(path.join(FIXTURES, "list-local-images.handler.ts"), "utf8");
  // The mock's own local-image records have more fields than the spec's LocalImageSummary.
  await ws.write(HANDLER, handler.replace(/\n {4}\.map\(\([^)]*\) => \(\{[^}]*\}\)\);/s, ";"));
  withExtraFields = await tsc("apps/mock", "tsconfig.json").then(
    () => "compiled",
    (error: { stdout: string }) => error.stdout,
  );
  await ws.write(HANDLER, handler);
  await tsc("apps/mock", "tsconfig.build.json");
  await ws.node("apps/cli", [path.join(ws.root, "apps/cli/node_modules/tsup/dist/cli-default.js")]);
});
afterAll(() => ws?.remove());

const hss = (args: string[]) => ws.node("apps/cli", ["dist/hss.cjs", ...args]);

describe("a third operation from the spec and one handler file", () => {
  it("edits nothing but the spec and the handler file", () => {
    expect([...new Set(ws.edited)].sort()).toEqual([HANDLER, SPEC]);
  });

  it("mock: the compiler asks for the handler file until it exists", () => {
    expect(withoutHandler).toContain("Cannot find module '../handlers/list-local-images.js'");
  });

  it("mock: a handler that answers with fields the spec's closed schema lacks fails the typecheck", () => {
    expect(withExtraFields).toMatch(/src\/handlers\/list-local-images\.ts.*error TS/);
    expect(withExtraFields).toMatch(/latest_update_time|enterprise_project_id|image_digest/);
  });

  it("client: the method exists and is typed by the spec (a type-level check with tsc)", async () => {
    await ws.write(
      "packages/client/test/third-operation.check.ts",
      `import { createHssClient, type LocalImageSummary } from "../src/index.js";
const hss = createHssClient({ endpoint: "http://127.0.0.1:1", region: "cn-north-4", projectId: "p", env: {} });
export async function check(): Promise<number> {
  const page = await hss.throwing.listLocalImages({ limit: 20, scan_status: "unscan" });
  const items: LocalImageSummary[] = page.data_list;
  // @ts-expect-error scan_status is the spec's enum
  await hss.listLocalImages({ scan_status: "scanned" });
  // @ts-expect-error limit is an integer
  await hss.listLocalImages({ limit: "20" });
  let size = 0;
  for await (const image of hss.paginate.listLocalImages({ local_image_type: "swr_image" })) size += image.image_size;
  return items.length + size;
}
`,
    );
    await expect(tsc("packages/client", "tsconfig.json")).resolves.toBeDefined();
  });

  it("client: its paginator walks every page the mock serves, in order", async () => {
    const script = `
import { createHssClient } from "./packages/client/dist/index.js";
import { startMockServer } from "./apps/mock/dist/index.js";
const mock = await startMockServer({ port: 0, seed: "third", localImages: 57 });
const hss = createHssClient({ endpoint: mock.url, region: "cn-north-4", projectId: "p", env: {}, validateResponses: true });
const offsets = [];
const seen = [];
for await (const page of hss.pages.listLocalImages({ enterprise_project_id: "all_granted_eps", limit: 10 }, { prefetch: 3 })) {
  offsets.push(page.offset);
  seen.push(...page.items.map((i) => i.image_id));
}
console.log(JSON.stringify({ offsets, seen, all: mock.context.store.localImages().map((i) => i.image_id) }));
await mock.close();
`;
    await ws.write("walk.mjs", script);
    const { stdout } = await ws.node(".", ["walk.mjs"]);
    const { offsets, seen, all } = JSON.parse(stdout) as { offsets: number[]; seen: string[]; all: string[] };
    expect(all).toHaveLength(57);
    expect(seen).toEqual(all);
    expect(offsets).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it("cli: `hss list-local-images --help` lists its flags with their ranges and enums", async () => {
    const { stdout } = await hss(["list-local-images", "--help"]);
    for (const text of [
      "hss list-local-images [options]",
      "--limit <integer>",
      "an integer from 10 to 200",
      "--offset <integer>",
      "--image-name <string>",
      "--scan-status <unscan|success|scanning|failed|download_failed|image_oversized>",
      "--local-image-type <other_image|swr_image>",
      "--all",
      "--max-items <integer>",
    ])
      expect(stdout).toContain(text);
    expect((await hss(["--help"])).stdout).toMatch(/list-local-images\s+List local images/);
    const { stdout: rows } = await hss([
      "list-local-images",
      "--mock",
      "--all",
      "-o",
      "ndjson",
      "--scan-status",
      "unscan",
    ]);
    const images = rows
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { scan_status: string });
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images.map((i) => i.scan_status))).toEqual(new Set(["unscan"]));
  });

  it("cli: bash completion offers the command and its enum values", async () => {
    const { stdout: script } = await hss(["completion", "bash"]);
    const complete = (words: string[]) =>
      new Promise<string>((resolve, reject) => {
        const bash = spawn("bash", [
          "-c",
          `${script}\nCOMP_WORDS=(${words.map((w) => `"${w}"`).join(" ")}); COMP_CWORD=${words.length - 1}; _hss; echo "\${COMPREPLY[*]}"`,
        ]);
        let out = "";
        bash.stdout.on("data", (c) => (out += c));
        bash.on("error", reject);
        bash.on("exit", () => resolve(out.trim()));
      });
    expect((await complete(["hss", "list-l"])).split(" ")).toEqual(["list-local-images"]);
    expect((await complete(["hss", "list-local-images", "--scan-status", ""])).split(" ")).toContain(
      "unscan",
    );
    expect((await complete(["hss", "list-local-images", "--local-image-type", "s"])).split(" ")).toEqual([
      "swr_image",
    ]);
  });

  it("mock: serves it, conforming through prism proxy --errors, and refuses limit=5 naming limit and its range", async () => {
    const { startMockServer } = (await import(
      path.join(ws.root, "apps/mock/dist/index.js")
    )) as typeof import("@hss/mock");
    const mock = await startMockServer({ port: 0, seed: "third" });
    const prism = await startPrism({
      mode: "proxy",
      upstream: mock.url,
      spec: path.join(ws.root, SPEC),
      errors: true,
    });
    try {
      const headers = { "X-Auth-Token": "t", region: "cn-north-4" };
      const ok = await fetch(
        `${prism.url}/v5/p1/image/local/images?limit=20&enterprise_project_id=all_granted_eps`,
        { headers },
      );
      const body = (await ok.json()) as { total_num: number; data_list: unknown[] };
      expect(ok.status, JSON.stringify(body)).toBe(200);
      expect(ok.headers.get("sl-violations")).toBeNull();
      expect(body.data_list).toHaveLength(20);
      const bad = await fetch(`${mock.url}/v5/p1/image/local/images?limit=5`, { headers });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({
        error_code: "HSS.0001",
        error_msg: "limit: must be an integer from 10 to 200",
      });
    } finally {
      await prism.stop();
      await mock.close();
    }
  });

  it("contract: the coverage table lists its cells, and every cell passes", async () => {
    // The contract's build (its suites, bundled) and its tool, as a CI run of the copy does them.
    await ws.node("tools/contract", [
      path.join(ws.root, "tools/contract/node_modules/tsup/dist/cli-default.js"),
    ]);
    const { stdout } = await ws.node("tools/contract", ["bin/hss-contract.mjs", "--suite", "baseline"]);
    for (const status of ["200", "400", "401", "403", "404", "429", "500"])
      expect(stdout).toMatch(new RegExp(`\\| ListLocalImages +\\| ${status} +\\| \\d+ test\\(s\\)`));
    expect(stdout).not.toContain("NOT EXERCISED");
  });
});
