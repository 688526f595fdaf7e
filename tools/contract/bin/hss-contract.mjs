#!/usr/bin/env node
// hss-contract [--target URL]: runs the contract suites, then prints the coverage table of
// operation x documented status and fails when a cell was not exercised. With --target (or
// HSS_CONTRACT_TARGET), the "implementation behind prism proxy" suites check that server
// instead of the bundled mock; cells that need the mock's fault injection are then skipped.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const here = path.dirname(new URL(import.meta.url).pathname);
let values;
try {
  ({ values } = parseArgs({ options: { target: { type: "string" }, help: { type: "boolean" } } }));
} catch (error) {
  console.error(`hss-contract: ${error.message}`);
  process.exit(2);
}
if (values.help) {
  console.log("Usage: hss-contract [--target http://host:port]   (default: the bundled hss-mock)");
  process.exit(0);
}
const target = values.target ?? process.env.HSS_CONTRACT_TARGET;
if (target && !/^https?:\/\/[^/\s]+\/?$/.test(target)) {
  console.error(
    `hss-contract: --target must be an http(s) base URL such as http://127.0.0.1:8080 (got ${JSON.stringify(target)})`,
  );
  process.exit(2);
}
const env = { ...process.env, ...(target && { HSS_CONTRACT_TARGET: target.replace(/\/$/, "") }) };
const vitest = path.join(
  path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);
const run = spawnSync(process.execPath, [vitest, "run"], {
  cwd: path.resolve(here, ".."),
  stdio: "inherit",
  env,
});
if (run.status !== 0) process.exit(run.status ?? 1);
const report = spawnSync(process.execPath, [path.join(here, "coverage-report.mjs")], {
  stdio: "inherit",
  env,
});
process.exit(report.status ?? 1);
