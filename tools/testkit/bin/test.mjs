#!/usr/bin/env node
// The test command: every lint, typecheck, test and contract task through turbo, then the total
// of the tests (printed whether they passed or not), then the same again on the current Node LTS
// line (lts.mjs) when the first pass was green. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
const run = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;
const turbo = path.join(root, "node_modules", ".bin", "turbo");
const tasks = run(turbo, ["run", "lint", "typecheck", "test", "contract", "--continue"]);
const total = run(process.execPath, [path.join(import.meta.dirname, "summary.mjs")]);
if (tasks !== 0 || total !== 0) process.exit(tasks || total);
process.exit(run(process.execPath, [path.join(import.meta.dirname, "lts.mjs")]));
