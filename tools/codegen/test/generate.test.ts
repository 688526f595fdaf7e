import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate } from "../src/generate.ts";
import { buildOperationTable, deref } from "../src/operations.ts";

const run = promisify(execFile);
const SPEC = path.resolve(import.meta.dirname, "../../../spec/hss.openapi.yaml");
const TSC = path.resolve(import.meta.dirname, "../node_modules/typescript/bin/tsc");
const specText = await readFile(SPEC, "utf8");
const tmp = await mkdtemp(path.join(tmpdir(), "hss-codegen-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("operation table", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the table is JSON, checked field by field below
  type Loose = Record<string, any>;
  const table = buildOperationTable(parse(specText)) as Loose;

  it("carries ranges, defaults and enums from the spec, with $refs resolved", () => {
    const list = table.ListVulRepoImage;
    expect(list.method).toBe("GET");
    expect(list.path).toBe("/v5/{project_id}/image/{vul_id}/images");
    const limit = list.parameters.find((p: { name: string }) => p.name === "limit");
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 10, maximum: 200, default: 10 });
    const project = list.parameters.find((p: { name: string }) => p.name === "project_id");
    expect(project).toMatchObject({ in: "path", required: true, schema: { minLength: 1, maxLength: 256 } });
    const body = table.BatchScanLocalImage.requestBody.schema;
    expect(body.properties.scan_status.enum).toContain("image_oversized");
    expect(body.properties.image_info_list.items.properties.image_digest.type).toBe("string");
    expect(JSON.stringify(table)).not.toContain("$ref");
  });

  it.each([
    [
      "limit without a minimum of 1",
      (o: Loose) => (o.parameters.find((p: Loose) => p.name === "limit").schema.minimum = 0),
      /limit: limit must have a minimum of at least 1/,
    ],
    ["an unknown key", (o: Loose) => (o["x-hss-pagination"].page = "p"), /unknown key page/],
    [
      "a limit that is not a query parameter",
      (o: Loose) => (o["x-hss-pagination"].limit = "size"),
      /limit: size is not a query parameter/,
    ],
    [
      "a total that the response does not require",
      (o: Loose) => (o.responses["200"].content["application/json"].schema.required = ["data_list"]),
      /total: total_num must be a required field/,
    ],
    [
      "items that are not an array",
      (o: Loose) => (o["x-hss-pagination"].items = "total_num"),
      /items: total_num is not an array field/,
    ],
  ])("rejects x-hss-pagination with %s, naming the operation", (_, mutate, message) => {
    const doc = parse(specText) as Loose;
    const list = doc.paths["/v5/{project_id}/image/{vul_id}/images"].get;
    list.parameters = list.parameters.map((p: Loose) => deref(doc, p));
    list.responses["200"] = deref(doc, list.responses["200"]);
    list.responses["200"].content["application/json"].schema = deref(
      doc,
      list.responses["200"].content["application/json"].schema,
    );
    mutate(list);
    expect(() => buildOperationTable(doc)).toThrow(message);
    expect(() => buildOperationTable(doc)).toThrow(/^ListVulRepoImage: x-hss-pagination: /);
  });

  it("rejects cyclic and external $refs", () => {
    const doc = {
      components: {
        schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } },
      },
    };
    expect(() => deref(doc, { $ref: "#/components/schemas/A" })).toThrow(/cyclic/);
    expect(() => deref(doc, { $ref: "other.yaml#/x" })).toThrow(/local/);
  });
});

describe("a spec change reaches the types with no manual step", () => {
  const usage = `import type { components } from "./hss.js";
const tag: components["schemas"]["VulRepoImagesTagInfo"] = { tag_id: "1", tag_name: "v1", size: 1, app_name: "a" };
export default tag;
`;

  async function typecheck(spec: string, dir: string) {
    const files = await generate(spec, "spec/hss.openapi.yaml");
    await rm(dir, { recursive: true, force: true });
    await run("mkdir", ["-p", dir]);
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    await writeFile(path.join(dir, "usage.ts"), usage);
    return run(process.execPath, [
      TSC,
      "--noEmit",
      "--strict",
      "--module",
      "nodenext",
      path.join(dir, "usage.ts"),
    ]);
  }

  it("code using a field compiles against the spec as it is", async () => {
    await expect(typecheck(specText, path.join(tmp, "same"))).resolves.toBeDefined();
  });

  it("renaming the field in the spec breaks that code", async () => {
    const renamed = specText
      .replace(/^( +)tag_name:\n/m, "$1tag_label:\n")
      .replace("tag_id, tag_name,", "tag_id, tag_label,");
    expect(renamed).not.toBe(specText);
    const failure = await typecheck(renamed, path.join(tmp, "renamed")).then(
      () => "compiled",
      (error: { stdout: string }) => error.stdout,
    );
    expect(failure).toMatch(/tag_name|tag_label/);
  });
});
