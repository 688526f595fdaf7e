#!/usr/bin/env node
// Runs the test and contract tasks again on the current Node LTS line, so that `engines` tells
// the truth. The runtime comes from the `node` package of the npm registry (cached in
// ~/.cache/hss-toolkit), and HSS_NODE_LINE enters turbo's hash, so each line caches apart.
// Set HSS_SKIP_LTS=1 to skip (e.g. for a quick local run).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

const LINE = "26";
if (process.env.HSS_SKIP_LTS === "1") {
  console.log(`Node ${LINE} pass skipped (HSS_SKIP_LTS=1)`);
  process.exit(0);
}
const root = path.resolve(import.meta.dirname, "../../..");
const cache = path.join(
  process.env.XDG_CACHE_HOME || path.join(process.env.HOME || homedir(), ".cache"),
  "hss-toolkit",
  `node-${LINE}`,
);
const binDir = path.join(cache, "node_modules", "node", "bin");
if (!existsSync(path.join(binDir, "node"))) {
  console.log(`Fetching Node ${LINE} from the npm registry into ${cache}`);
  execFileSync(
    "npm",
    [
      "install",
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--no-update-notifier",
      "--loglevel=error",
      "--prefix",
      cache,
      `node@${LINE}`,
    ],
    // Without pnpm's npm_config_* settings (npm warns about each one it does not know).
    {
      stdio: "inherit",
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k))),
    },
  );
}
const version = execFileSync(path.join(binDir, "node"), ["--version"]).toString().trim();
console.log(`\nRunning the tests and contract suites again on Node ${version}`);
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, HSS_NODE_LINE: LINE };
const turbo = path.join(root, "node_modules", ".bin", "turbo");
const run = spawnSync(turbo, ["run", "test", "contract", "--output-logs=errors-only"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);
const summary = spawnSync(
  process.execPath,
  [path.join(import.meta.dirname, "summary.mjs"), `Node ${version}`],
  { cwd: root, env, stdio: "inherit" },
);
process.exit(summary.status ?? 1);
