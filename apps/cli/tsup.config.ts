import { defineConfig } from "tsup";

// One self-contained file: the client, the embedded mock and the formatters are bundled in, so
// `hss` starts without resolving packages; heavy work only runs when a command needs it.
export default defineConfig({
  entry: { hss: "src/bin.ts" },
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
});
