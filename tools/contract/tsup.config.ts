import { defineConfig } from "tsup";

// The suites ship as JavaScript (dist/suites), so that `hss-contract` runs from an installed
// package with no TypeScript and no repository checkout. Test helpers from the private
// @hss/testkit are bundled in; every published dependency stays an import. test/ holds the unit tests of the tool itself.
export default defineConfig({
  entry: ["suites/*.test.ts"],
  outDir: "dist/suites",
  format: ["esm"],
  platform: "node",
  target: "node20",
  bundle: true,
  splitting: false,
  noExternal: ["@hss/testkit"],
  sourcemap: false,
  clean: true,
  silent: true,
});
