/**
 * `hss-codegen [--target client|mock] [--spec FILE] [--out DIR] [--copy-spec FILE]`: writes the
 * generated files; the defaults fit packages/client. Files are written only when their content
 * changed, so builds downstream stay cached.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate, generateHandlerIndex } from "./generate.ts";

try {
  const { values } = parseArgs({
    options: {
      target: { type: "string", default: "client" },
      spec: { type: "string", default: "../../spec/hss.openapi.yaml" },
      out: { type: "string", default: "src/generated" },
      "copy-spec": { type: "string" },
    },
  });
  if (values.target !== "client" && values.target !== "mock")
    throw new Error(`--target must be client or mock (got ${JSON.stringify(values.target)})`);
  const specPath = path.resolve(values.spec);
  const outDir = path.resolve(values.out);
  const shown = path.relative(path.resolve(path.dirname(specPath), ".."), specPath);
  const text = await readFile(specPath, "utf8");
  const files = values.target === "client" ? await generate(text, shown) : generateHandlerIndex(text, shown);
  await mkdir(outDir, { recursive: true });
  const writes = Object.entries(files).map(([name, content]) => [path.join(outDir, name), content]);
  // The spec itself ships in the client package, for users' own tools (Prism, Schemathesis, ...).
  if (values["copy-spec"]) writes.push([path.resolve(values["copy-spec"]), text]);
  for (const [file, content] of writes as [string, string][]) {
    const old = await readFile(file, "utf8").catch(() => "");
    if (old !== content) await writeFile(file, content);
  }
  console.log(`hss-codegen: ${writes.map(([f]) => path.relative(process.cwd(), f as string)).join(", ")}`);
} catch (error) {
  console.error(`hss-codegen: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
