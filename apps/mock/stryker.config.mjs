// @ts-check
/**
 * Mutation testing of @hss/mock: `pnpm mutation` at the root (turbo task `mutation`, never part of `test`). Bounded for a shared 2-core machine: one test runner, perTest coverage, static mutants skipped, incremental results reused from reports/.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  packageManager: "pnpm",
  testRunner: "vitest",
  vitest: {
    configFile: "vitest.stryker.config.ts",
    related: false,
  },
  plugins: ["@stryker-mutator/vitest-runner"],
  checkers: [],
  mutate: ["src/**/*.ts", "!src/generated/**", "!src/**/*.test.ts"],
  ignorePatterns: ["dist", "reports", ".turbo", "*.tsbuildinfo"],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 3000,
  timeoutFactor: 1.5,
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "html", "json", "progress-append-only"],
  htmlReporter: {
    fileName: "reports/mutation/index.html",
  },
  jsonReporter: {
    fileName: "reports/mutation/mutation.json",
  },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    reportMutants: false,
    reportScoreTable: true,
  },
  thresholds: {
    high: 80,
    low: 65,
    break: null,
  },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
