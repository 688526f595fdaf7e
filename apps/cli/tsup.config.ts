import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

/**
 * The operation table leaves the bundle for `dist/operations.json`, read the first time a
 * command touches an operation's spec: `hss --help` lists commands from the small operations'
 * index, and a JavaScript file carrying hundreds of operations as text costs tens of
 * milliseconds to load even when none of it runs. The module keeps its exports (the table, and
 * one object per operation whose fields read the JSON on first use), so nothing that imports it
 * changes.
 */
const operationsFromJson: Plugin = {
  name: "operations-from-json",
  setup(build) {
    build.onLoad({ filter: /[\\/]client[\\/]dist[\\/]generated[\\/]operations\.js$/ }, async (args) => {
      const { operations } = (await import(pathToFileURL(args.path).href)) as {
        operations: Record<string, unknown>;
      };
      const out = path.resolve("dist");
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, "operations.json"), JSON.stringify(operations));
      const ids = Object.keys(operations);
      const keys = Object.keys(Object.values(operations)[0] ?? {});
      return {
        loader: "js",
        contents: [
          `import { readFileSync } from "node:fs";`,
          `import { join } from "node:path";`,
          "let table;",
          `const load = () => (table ??= JSON.parse(readFileSync(join(__dirname, "operations.json"), "utf8")));`,
          // One class, its fields as getters: an operation costs one small object until it is used.
          `class Operation { #id; constructor(id) { this.#id = id; } ${keys
            .map((key) => `get ${key}() { return load()[this.#id].${key}; }`)
            .join(" ")} }`,
          ...ids.map((id) => `export const ${id} = /* @__PURE__ */ new Operation(${JSON.stringify(id)});`),
          `export const operations = { ${ids.join(", ")} };`,
        ].join("\n"),
      };
    });
  },
};

// The CLI in one file (client and formatters bundled in, so `hss` starts without resolving
// packages), the parts only some commands need in others (src/chunks.ts: the embedded mock,
// JMESPath), and the operations' JSON; heavy work only runs when a command needs it.
export default defineConfig({
  entry: {
    hss: "src/bin.ts",
    commands: "src/commands/all.ts",
    mock: "src/embedded-mock.ts",
    jmespath: "src/embedded-jmespath.ts",
  },
  define: { "globalThis.__HSS_BUNDLE__": "true" },
  // CommonJS, so that each builtin is required inside the lazily initialised module that uses it
  // (node:http only for --mock), instead of hoisted imports that every start would pay for.
  format: ["cjs"],
  platform: "node",
  target: "node20",
  bundle: true,
  noExternal: [/.*/],
  splitting: false,
  minify: true,
  sourcemap: false,
  clean: true,
  banner: { js: "#!/usr/bin/env node" },
  outExtension: () => ({ js: ".cjs" }),
  esbuildPlugins: [operationsFromJson],
});
