/**
 * The test run Stryker uses for each mutant (`pnpm mutation`): the package's own tests without the
 * type-level ones. Stryker copies the package into a sandbox one level deeper than the package, where
 * vitest.config.ts's `../../vitest.shared.ts` does not resolve, so the shared settings are repeated here.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // bin.test.ts starts the built dist/bin.js, which no mutant reaches (and the sandbox has no dist);
    // fuzz.test.ts spends seconds per run waiting on truncated bodies, for each mutant it covers
    // (nearly all): its one claim, no 5xx, is also asserted by the suites that stay.
    // dataset-cache-memory.test.ts generates 40,000 datasets to see the cache's memory stay flat:
    // seconds alone, more than the timeout under instrumentation, for each dataset mutant.
    exclude: ["test/bin.test.ts", "test/fuzz.test.ts", "test/dataset-cache-memory.test.ts"],
    // A mutant that leaves a request unanswered fails its test here, in seconds, instead of running
    // into Stryker's own timeout (which also restarts the runner). The slowest test takes under 1 s
    // alone; 10 s leaves room for instrumentation on a loaded machine (a slow test is no kill).
    testTimeout: 10_000,
    hookTimeout: 10_000,
  },
});
