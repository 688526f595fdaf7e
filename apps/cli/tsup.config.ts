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
 * changes, and each operation object behaves as the plain one (a Proxy reading the JSON).
 */
const operationsFromJson: Plugin = {
  name: "operations-from-json",
  setup(build) {
    build.onLoad({ filter: /[\\/]client[\\/]dist[\\/]generated[\\/]operations\.js$/ }, async (args) => {
      const { operations } = (await import(pathToFileURL(args.path).href)) as {
        operations: Record<string, unknown>;
      };
      // Next to the bundle that reads it (esbuild's outdir, tsup's `dist` when run from here).
      const out = path.resolve(build.initialOptions.outdir ?? "dist");
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, "operations.json"), JSON.stringify(operations));
      const ids = Object.keys(operations);
      return {
        loader: "js",
        contents: [
          `import { readFileSync } from "node:fs";`,
          `import { join } from "node:path";`,
          "let table;",
          `const load = () => (table ??= JSON.parse(readFileSync(join(__dirname, "operations.json"), "utf8")));`,
          // One proxy per operation, forwarding everything (reads, `in`, keys, spreading,
          // JSON.stringify) to the loaded object: an operation costs one small object until used.
          "const lazy = (id) => new Proxy(Object.create(null), {",
          "  get: (_, key) => load()[id][key],",
          "  has: (_, key) => key in load()[id],",
          "  ownKeys: () => Reflect.ownKeys(load()[id]),",
          "  getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(load()[id], key),",
          "});",
          ...ids.map((id) => `export const ${id} = /* @__PURE__ */ lazy(${JSON.stringify(id)});`),
          `export const operations = { ${ids.join(", ")} };`,
        ].join("\n"),
      };
    });
  },
};

// The CLI in one file (client and formatters bundled in, so `hss` starts without resolving
// packages), the parts only some commands need in others (src/chunks.ts: the embedded mock,
// JMESPath, undici's proxy agent, string-width), and the operations' JSON; heavy work only runs when a command needs it.
export default defineConfig({
  entry: {
    hss: "src/bin.ts",
    commands: "src/commands/all.ts",
    mock: "src/embedded-mock.ts",
    jmespath: "src/embedded-jmespath.ts",
    proxy: "src/embedded-proxy.ts",
    width: "src/embedded-width.ts",
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
