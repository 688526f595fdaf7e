/**
 * The vitest settings every package shares: real servers and processes need generous timeouts,
 * and each run writes .vitest-report.json for the closing total (tools/testkit/bin/summary.mjs).
 */
import { defineConfig, type ViteUserConfig } from "vitest/config";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

/** A package's vitest config: the shared settings plus its own. */
export function packageConfig(test: TestOptions = {}) {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      // Hooks start Prism and servers; on a loaded 2-core machine Prism alone has taken over 60 s.
      hookTimeout: 180_000,
      reporters: ["default", "json"],
      outputFile: { json: ".vitest-report.json" },
      ...test,
    },
  });
}
