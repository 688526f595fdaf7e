#!/usr/bin/env node
// Prints the table of operation x documented status code with the tests that exercised each
// (from the records the suites wrote), and exits 1 when a cell was not exercised.
import { readFileSync } from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const records = readFileSync(path.join(here, "..", ".contract-records.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const documented = JSON.parse(readFileSync(path.join(here, "..", ".contract-documented.json"), "utf8"));
const skipped = new Set(records.filter((r) => r.skipped).map((r) => `${r.operation} ${r.status}`));
const rows = [];
let missing = 0;
for (const [operation, statuses] of Object.entries(documented)) {
  for (const status of statuses) {
    const tests = [
      ...new Set(
        records
          .filter((r) => !r.skipped && r.operation === operation && String(r.status) === status)
          .map((r) => r.test),
      ),
    ];
    const key = `${operation} ${status}`;
    const cell = tests.length
      ? `${tests.length} test(s): ${tests
          .slice(0, 2)
          .map((t) => (t.length > 70 ? `${t.slice(0, 67)}...` : t))
          .join("; ")}${tests.length > 2 ? "; ..." : ""}`
      : skipped.has(key)
        ? "skipped (--target: needs the mock's faults, or the target accepted an invalid token)"
        : "NOT EXERCISED";
    if (!tests.length && !skipped.has(key)) missing++;
    rows.push([operation, status, cell]);
  }
}
const widths = [0, 1, 2].map((i) =>
  Math.max(...rows.map((r) => r[i].length), ["operation", "status", "exercised by"][i].length),
);
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log("\nContract coverage: operation x documented status code");
console.log(line(["operation", "status", "exercised by"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
if (missing) {
  console.error(`\n${missing} documented status code(s) not exercised`);
  process.exit(1);
}
