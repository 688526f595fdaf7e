/**
 * The design's one-way flow, checked on the sources: generated <- spec runtime <- client <- cli;
 * sign stands alone; the mock reads the spec runtime and signing only (never the SDK's main
 * entry); no app imports another app's internals; no file imports itself back through others.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "@hss/testkit";
import ts from "typescript";
import { describe, expect, it } from "vitest";

interface Source {
  file: string;
  imports: string[];
}

async function sources(dir: string): Promise<Source[]> {
  const out: Source[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) {
        const info = ts.preProcessFile(await readFile(full, "utf8"), true, true);
        out.push({ file: path.relative(ROOT, full), imports: info.importedFiles.map((i) => i.fileName) });
      }
    }
  };
  await walk(path.join(ROOT, dir));
  return out;
}

/** The file a relative import names (`./x.js` -> `dir/x.ts`), or undefined for a package import. */
const target = (from: string, spec: string) =>
  spec.startsWith(".")
    ? path.normalize(path.join(path.dirname(from), spec.replace(/\.js$/, ".ts")))
    : undefined;

function cycles(files: Source[]): string[][] {
  const graph = new Map(
    files.map((s) => [s.file, s.imports.map((i) => target(s.file, i)).filter(Boolean) as string[]]),
  );
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      found.push([...trail.slice(trail.indexOf(file)), file]);
      return;
    }
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

const PACKAGES = ["packages/client/src", "packages/args/src", "apps/mock/src", "apps/cli/src"];

describe("imports run one way", () => {
  it.each(PACKAGES)("%s has no import cycles", async (dir) => {
    expect(cycles(await sources(dir))).toEqual([]);
  });

  it("the spec runtime reads only itself and the generated files; signing only itself", async () => {
    for (const { file, imports } of await sources("packages/client/src")) {
      const local = imports.map((i) => target(file, i)).filter(Boolean) as string[];
      if (file.includes("/spec/"))
        expect(
          local.filter((f) => !/\/(spec|generated)\//.test(f)),
          file,
        ).toEqual([]);
      if (file.includes("/sign/"))
        expect(
          local.filter((f) => !f.includes("/sign/")),
          file,
        ).toEqual([]);
      if (file.includes("/generated/"))
        expect(
          local.filter((f) => !f.endsWith("spec/schema.ts")),
          file,
        ).toEqual([]);
      expect(
        imports.filter((i) => i.startsWith("@hss/")),
        file,
      ).toEqual([]);
    }
  });

  it("the mock reads the spec runtime and signing, never the SDK's main entry or another app", async () => {
    for (const { file, imports } of await sources("apps/mock/src")) {
      const packages = imports.filter((i) => i.startsWith("@hss/"));
      expect(
        packages.filter((i) => !["@hss/client/spec", "@hss/client/sign", "@hss/args"].includes(i)),
        file,
      ).toEqual([]);
      expect(
        imports.filter((i) => i.includes("/cli/")),
        file,
      ).toEqual([]);
    }
  });

  it("the args parser reads the spec runtime only; the CLI uses the mock by its package entry", async () => {
    for (const { file, imports } of await sources("packages/args/src"))
      expect(
        imports.filter((i) => i.startsWith("@hss/") && i !== "@hss/client/spec"),
        file,
      ).toEqual([]);
    for (const { file, imports } of await sources("apps/cli/src")) {
      expect(
        imports.filter((i) => i.startsWith("@hss/mock/") || i.includes("/mock/src")),
        file,
      ).toEqual([]);
      expect(
        imports.filter((i) => i.startsWith("@hss/client/") && !/^@hss\/client\/(spec|sign)$/.test(i)),
        file,
      ).toEqual([]);
    }
  });
});
