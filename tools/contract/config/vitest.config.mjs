// The vitest settings `hss-contract` runs the shipped suites (dist/suites) with. It passes
// --root (this package) and everything else through the environment: HSS_CONTRACT_OUT (where
// the records and vitest's JSON report go) and HSS_CONTRACT_TARGET (with a target, the suite
// that checks this toolkit's own client and CLI against `prism mock` is left out: it says
// nothing about the target, and its answers must not count as the target's coverage).
import path from "node:path";
import { defineConfig } from "vitest/config";

const out = process.env.HSS_CONTRACT_OUT;
if (!out) throw new Error("HSS_CONTRACT_OUT is not set: run the suites through hss-contract");

export default defineConfig({
  test: {
    include: process.env.HSS_CONTRACT_SUITES
      ? process.env.HSS_CONTRACT_SUITES.split(",").map((name) => `dist/suites/${name}.test.js`)
      : ["dist/suites/*.test.js"],
    exclude: process.env.HSS_CONTRACT_TARGET ? ["dist/suites/client-cli-vs-prism-mock.test.js"] : [],
    // No deadline per check: each request has its own (--timeout), and a slow target is not a broken one.
    testTimeout: 0,
    hookTimeout: 180_000,
    reporters: ["default", path.join(import.meta.dirname, "json-reporter.mjs")],
    // The suites live under node_modules once installed: run them through vitest, not as
    // external modules, so they share its `expect` state.
    server: { deps: { inline: [/@hss[\\/]contract/, /dist[\\/]suites/] } },
  },
});
