import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
