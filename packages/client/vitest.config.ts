import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
    hookTimeout: 60_000,
  },
});
