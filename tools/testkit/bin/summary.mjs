#!/usr/bin/env node
// Sums the vitest JSON reports (.vitest-report.json) of every workspace package into one
// closing line, "Tests: N passed, N failed, N skipped", and fails when any test failed or
// when no test ran at all.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const label = process.argv[2] ? ` (${process.argv[2]})` : "";
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ["packages", "apps", "tools"]) {
  const dirs = await readdir(path.join(root, group), { withFileTypes: true }).catch(() => []);
  for (const dir of dirs.filter((d) => d.isDirectory())) {
    // A package's own tests, and the contract suites that hss-contract --out ran.
    for (const file of [".vitest-report.json", ".contract-out/vitest-report.json"]) {
      const report = await readFile(path.join(root, group, dir.name, file), "utf8").then(
        JSON.parse,
        () => undefined,
      );
      if (!report) continue;
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      rows.push(
        `  ${group}/${dir.name}${file.startsWith(".contract") ? " (contract)" : ""}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
      );
    }
  }
}
console.log(rows.join("\n"));
console.log(`Tests${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
