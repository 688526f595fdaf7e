/**
 * The spec lint's house rules fail on the drift they name: Spectral (the lint task's own command
 * and ruleset) passes the spec as it is and fails a copy with one rule broken.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const SPEC = path.resolve(import.meta.dirname, "../../../spec/hss.openapi.yaml");
const RULESET = path.resolve(import.meta.dirname, "../../../.spectral.yaml");
const SPECTRAL = path.resolve(import.meta.dirname, "../node_modules/.bin/spectral");
const tmp = await mkdtemp(path.join(tmpdir(), "hss-spec-lint-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Lints a spec text; resolves to Spectral's exit code and output. */
async function lint(text: string): Promise<{ code: number; output: string }> {
  const file = path.join(tmp, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  return new Promise((resolve) =>
    execFile(
      SPECTRAL,
      ["lint", "--fail-severity=warn", "--ruleset", RULESET, file],
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );
}

describe("spec lint", () => {
  it("passes the spec as it is", async () => {
    const result = await lint(await readFile(SPEC, "utf8"));
    expect(result.code, result.output).toBe(0);
  });

  it("fails an object schema that is not closed (a field the mock adds would pass every test)", async () => {
    const spec = await readFile(SPEC, "utf8");
    const open = spec.replace(
      /(\n {4}VulRepoImageInfo:\n {6}type: object\n) {6}additionalProperties: false\n/,
      "$1",
    );
    expect(open).not.toBe(spec);
    const result = await lint(open);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/hss-objects-are-closed.*VulRepoImageInfo/);
  });
});
