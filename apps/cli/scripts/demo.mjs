#!/usr/bin/env node
// The README's main job: builds the CLI (turbo's output only when the build fails), runs
// `hss vul-images CVE-2021-44228 --mock --output table`, then says how to run `hss` next.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
const turbo = path.join(root, "node_modules", ".bin", "turbo");
process.stderr.write("Building the hss CLI (a minute on a fresh clone)...\n");
const build = spawnSync(turbo, ["run", "build", "--filter=@hss/cli...", "--output-logs=errors-only"], {
  cwd: root,
  env,
  encoding: "utf8",
});
if (build.status !== 0) {
  process.stderr.write(
    `${build.stdout}${build.stderr}\nThe build failed (exit ${build.status ?? build.signal}).\n`,
  );
  process.exit(build.status || 1);
}
const args = ["vul-images", "CVE-2021-44228", "--mock", "--output", "table"];
process.stderr.write(`$ hss ${args.join(" ")}\n`);
const demo = spawnSync(process.execPath, [path.join(root, "apps/cli/dist/hss.cjs"), ...args], {
  cwd: root,
  stdio: "inherit",
});
if (demo.status !== 0) process.exit(demo.status || 1);
const bin = path.join(root, "apps/cli/bin");
process.stderr.write(
  [
    "",
    "Next: put hss on your PATH (this shell only; add the line to ~/.bashrc to keep it) and try it:",
    `  export PATH="${bin}:$PATH"`,
    "  hss --help",
    "  hss mock local-images          # what the embedded mock holds",
    "  hss scan-local --mock --image docker.io/library/nginx:1.0.0",
    "",
  ].join("\n"),
);
