// @ts-check
/**
 * The Stryker settings both mutation-tested packages share (`pnpm mutation` at the root, turbo task
 * `mutation`, never part of `test`): bounded for a shared 2-core machine with perTest coverage,
 * static mutants skipped and incremental results reused from the package's git-ignored reports/.
 * Each package's stryker.config.mjs gives what differs: runners, timeouts, score thresholds.
 * @param {{ concurrency: number, timeoutMS: number, timeoutFactor: number, high: number, low: number }} own
 * @returns {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export function strykerConfig({ concurrency, timeoutMS, timeoutFactor, high, low }) {
  return {
    packageManager: "pnpm",
    testRunner: "vitest",
    vitest: {
      configFile: "vitest.stryker.config.ts",
      related: false,
    },
    plugins: ["@stryker-mutator/vitest-runner"],
    checkers: [],
    mutate: ["src/**/*.ts", "!src/generated/**", "!src/**/*.test.ts"],
    // Other runs' sandboxes too (several configs may run side by side): each would copy the others'.
    ignorePatterns: ["dist", "reports", ".turbo", "*.tsbuildinfo", ".stryker-tmp*"],
    coverageAnalysis: "perTest",
    ignoreStatic: true,
    concurrency,
    timeoutMS,
    timeoutFactor,
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
      high,
      low,
      break: null,
    },
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
}
