/**
 * The test run Stryker uses for each mutant (`pnpm mutation`): the package's own tests without the
 * type-level ones. Stryker copies the package into a sandbox one level deeper than the package, where
 * vitest.config.ts's `../../vitest.shared.ts` does not resolve, so the shared settings are repeated here.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // prism.test.ts starts a Prism server per run (seconds each, for every covered mutant); the client
    // against Prism is checked in `test` and by tools/contract, and the mutants it reaches are covered
    // by the tests against local servers.
    exclude: ["test/prism.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
