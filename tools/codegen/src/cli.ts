/**
 * `hss-codegen [--spec FILE] [--out DIR]`: writes the generated files; defaults fit packages/client.
 * Files are written only when their content changed, so builds downstream stay cached.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./generate.ts";

const { values } = parseArgs({
  options: {
    spec: { type: "string", default: "../../spec/hss.openapi.yaml" },
    out: { type: "string", default: "src/generated" },
  },
});
const specPath = path.resolve(values.spec);
const outDir = path.resolve(values.out);
const repoRoot = path.resolve(path.dirname(specPath), "..");
try {
  const files = await generate(await readFile(specPath, "utf8"), path.relative(repoRoot, specPath));
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(outDir, name);
    const old = await readFile(file, "utf8").catch(() => "");
    if (old !== content) await writeFile(file, content);
  }
  console.log(`hss-codegen: ${Object.keys(files).join(", ")} -> ${path.relative(process.cwd(), outDir)}`);
} catch (error) {
  console.error(`hss-codegen: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
