#!/usr/bin/env node
// hss-contract: checks an implementation of the spec's HSS operations against the spec with
// Stoplight Prism (the baseline of every documented status, the business-rule corpus, the
// property tests; without --target also this toolkit's own client and CLI), prints the coverage
// table of operation x documented status, and writes JUnit XML and JSON reports for CI.
// Exit codes: 0 conforms, 1 contract violations, 2 usage error, 3 could not run.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseFlags, UsageError } from "@hss/args";
import { signRequest } from "@hss/client/sign";
import { operationList } from "@hss/client/spec";
import { coverageTable, documentedStatuses, jsonSummary, junit, summarize } from "./report.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const text = { type: "string", minLength: 1 };
/** The shipped suites, by name (dist/suites/<name>.test.js). */
const SUITES = readdirSync(path.join(root, "dist", "suites"))
  .filter((f) => f.endsWith(".test.js"))
  .map((f) => f.slice(0, -".test.js".length));
const FLAGS = [
  {
    name: "target",
    key: "target",
    schema: text,
    placeholder: "<url>",
    help: "the server to check, an http(s) base URL such as http://127.0.0.1:8080 (env HSS_CONTRACT_TARGET); default: the bundled hss-mock",
  },
  {
    name: "token",
    key: "token",
    schema: text,
    secret: true,
    help: "X-Auth-Token sent to the target (env HSS_CONTRACT_TOKEN); default contract-token",
  },
  {
    name: "ak",
    key: "ak",
    schema: text,
    help: "sign requests with this access key instead (env HSS_CONTRACT_AK)",
  },
  {
    name: "sk",
    key: "sk",
    schema: text,
    secret: true,
    help: "the secret key of --ak (env HSS_CONTRACT_SK; prefer the variable: flags show in ps)",
  },
  {
    name: "security-token",
    key: "securityToken",
    schema: text,
    secret: true,
    help: "with temporary AK/SK (env HSS_CONTRACT_SECURITY_TOKEN)",
  },
  {
    name: "project-id",
    key: "projectId",
    schema: text,
    parse: (t) => (/^[A-Za-z0-9_-]{1,64}$/.test(t) ? t : undefined),
    expects: "1-64 letters, digits, _ or -",
    help: "the project id in the paths (default p1)",
  },
  {
    name: "spec",
    key: "spec",
    schema: text,
    placeholder: "<file>",
    help: "the OpenAPI document to check against (default: the one @hss/client ships)",
  },
  {
    name: "report",
    key: "report",
    schema: text,
    parse: (t) => (/^(junit|json)=./.test(t) ? t : undefined),
    expects: "junit=<file> or json=<file>",
    repeatable: true,
    placeholder: "junit=<file>|json=<file>",
    help: "write a JUnit XML report or a JSON summary (repeatable)",
  },
  {
    name: "suite",
    key: "suite",
    schema: { type: "string", enum: SUITES },
    repeatable: true,
    placeholder: "<name>",
    help: `run only this suite (repeatable): ${SUITES.join(", ")}`,
  },
  {
    name: "timeout",
    key: "timeout",
    schema: { type: "integer", minimum: 1, maximum: 600 },
    placeholder: "<seconds>",
    help: "how long one request may wait for its answer (default 30)",
  },
  {
    name: "out",
    key: "out",
    schema: text,
    placeholder: "<dir>",
    help: "keep the run's working files (records, vitest's JSON report) in this folder; default a temporary one, removed",
  },
  { name: "help", key: "help", short: "h", boolean: true, schema: { type: "boolean" }, help: "this text" },
];

function usage() {
  const rows = FLAGS.map(
    (f) =>
      `  ${`${f.short ? `-${f.short}, ` : ""}--${f.name}${f.boolean ? "" : ` ${f.placeholder ?? `<${f.name}>`}`}`.padEnd(38)} ${f.help}`,
  );
  return [
    "Usage: hss-contract [--target <url>] [--token <t> | --ak <ak> --sk <sk>] [--spec <file>] [--report junit=<file>] ...",
    "",
    "Checks a server (or, without --target, the bundled hss-mock) against the HSS OpenAPI spec with Stoplight Prism.",
    "",
    ...rows,
    "",
    "Exit codes: 0 conforms; 1 contract violations (a failed check, or a documented status not exercised);",
    "2 usage error; 3 could not run (target unreachable, Prism or vitest did not start).",
  ].join("\n");
}

const fail = (code, message) => {
  console.error(`hss-contract: ${message}`);
  process.exit(code);
};

/** The options, from flags and the environment, each checked before anything starts. */
function options(argv, env) {
  const { values } = parseFlags(argv, FLAGS, { command: "hss-contract", help: "hss-contract --help" });
  if (values.help) return { help: true };
  // A setting is named as the user gave it: the flag, or the variable.
  const VARS = { target: "TARGET", token: "TOKEN", ak: "AK", sk: "SK", securityToken: "SECURITY_TOKEN" };
  const name = (key, flag) => (values[key] !== undefined || !VARS[key] ? flag : `HSS_CONTRACT_${VARS[key]}`);
  const o = {
    timeout: values.timeout ?? 30,
    target: values.target ?? (env.HSS_CONTRACT_TARGET || undefined),
    token: values.token ?? (env.HSS_CONTRACT_TOKEN || undefined),
    ak: values.ak ?? (env.HSS_CONTRACT_AK || undefined),
    sk: values.sk ?? (env.HSS_CONTRACT_SK || undefined),
    securityToken: values.securityToken ?? (env.HSS_CONTRACT_SECURITY_TOKEN || undefined),
    projectId: values.projectId,
    spec: values.spec,
    reports: values.report ?? [],
    out: values.out,
    suites: values.suite ?? [],
  };
  if (o.target !== undefined) {
    let url;
    try {
      url = new URL(o.target);
    } catch {}
    if (
      !url ||
      !/^https?:$/.test(url.protocol) ||
      url.username ||
      url.password ||
      (url.pathname !== "/" && url.pathname !== "") ||
      url.search ||
      url.hash
    ) {
      if (url?.password) url.password = "***";
      throw new UsageError(
        `${name("target", "--target")}: must be an http(s) base URL with no path, query or user, such as http://127.0.0.1:8080 (got ${url ? url.href : "text that is not a URL"})`,
      );
    }
    o.target = url.origin;
  }
  if (o.target && o.suites.length && o.suites.every((name) => name === "client-cli-vs-prism-mock"))
    throw new UsageError(
      "--suite client-cli-vs-prism-mock checks this toolkit's own client and CLI, not --target",
    );
  if (Boolean(o.ak) !== Boolean(o.sk))
    throw new UsageError(
      `${o.ak ? name("ak", "--ak") : name("sk", "--sk")} needs ${o.ak ? "--sk (or HSS_CONTRACT_SK)" : "--ak (or HSS_CONTRACT_AK)"} too`,
    );
  if (o.ak && o.token)
    throw new UsageError(
      `${name("token", "--token")} and ${name("ak", "--ak")}/${name("sk", "--sk")} are two ways to authenticate: give one`,
    );
  if (o.securityToken && !o.ak)
    throw new UsageError(`${name("securityToken", "--security-token")} needs --ak and --sk`);
  if (!o.target && (o.ak || o.token || o.projectId))
    throw new UsageError(
      `${o.ak ? name("ak", "--ak") : o.token ? name("token", "--token") : "--project-id"} needs --target: the bundled mock takes any request`,
    );
  if (o.out !== undefined && statSync(o.out, { throwIfNoEntry: false })?.isDirectory() === false)
    throw new UsageError(`--out ${o.out}: exists and is not a folder`);
  for (const report of o.reports) {
    const file = report.slice(report.indexOf("=") + 1);
    const dir = path.dirname(path.resolve(file));
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`--report ${report}: the folder ${dir} does not exist`);
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`--report ${report}: ${path.resolve(file)} is a folder; name a file`);
  }
  const spec = o.spec ? path.resolve(o.spec) : require.resolve("@hss/client/openapi.yaml");
  let specText;
  try {
    specText = readFileSync(spec, "utf8");
  } catch (error) {
    throw new UsageError(`--spec: cannot read ${spec} (${error.code ?? error.message})`);
  }
  try {
    o.documented = documentedStatuses(specText);
  } catch (error) {
    throw new UsageError(
      `--spec: ${spec} is ${error.message.startsWith("not an") ? error.message : `not YAML or JSON (${error.message.split("\n")[0]})`}`,
    );
  }
  o.spec = spec;
  return o;
}

let o;
try {
  o = options(process.argv.slice(2), process.env);
} catch (error) {
  if (error instanceof UsageError) fail(2, error.message);
  throw error;
}
if (o.help) {
  console.log(usage());
  process.exit(0);
}

/**
 * One valid ListVulRepoImage straight to the target, authenticated as every check will be
 * (node:http, so that any port works): no answer, or a refusal of the credentials, ends the run
 * here as "could not run" instead of failing every check after minutes.
 */
async function preflight() {
  const projectId = o.projectId ?? "p1";
  const url = `${o.target}/v5/${projectId}/image/CVE-2021-44228/images?limit=10&offset=0`;
  const headers = { region: "cn-north-4", ...(!o.ak && { "X-Auth-Token": o.token ?? "contract-token" }) };
  if (o.ak)
    Object.assign(
      headers,
      signRequest({ method: "GET", url, headers }, { ak: o.ak, sk: o.sk, securityToken: o.securityToken }),
    );
  const answer = await new Promise((resolve) => {
    const request = (url.startsWith("https:") ? https : http).get(
      url,
      { headers, timeout: o.timeout * 1000 },
      (res) => {
        res.resume();
        res.once("end", () => resolve({ status: res.statusCode }));
        res.once("error", (error) => resolve({ error }));
      },
    );
    request.once("timeout", () =>
      request.destroy(Object.assign(new Error(`no answer within ${o.timeout} s`), { code: "TIMEOUT" })),
    );
    request.once("error", (error) => resolve({ error }));
  });
  const what = `GET /v5/${projectId}/image/CVE-2021-44228/images`;
  if (answer.error)
    fail(
      3,
      `could not reach --target ${o.target}: ${what} got ${answer.error.code === "TIMEOUT" ? `no answer within ${o.timeout} s (--timeout)` : (answer.error.code ?? answer.error.message)}`,
    );
  if (answer.status === 401 || answer.status === 403)
    fail(
      3,
      `--target ${o.target} refused the credentials (${what} answered ${answer.status}): check ${o.ak ? "--ak/--sk" : "--token"} and --project-id`,
    );
}
if (o.target) await preflight();

const out = o.out ? path.resolve(o.out) : mkdtempSync(path.join(os.tmpdir(), "hss-contract-"));
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "records.jsonl"), "");
writeFileSync(path.join(out, "documented.json"), JSON.stringify(o.documented));
rmSync(path.join(out, "vitest-report.json"), { force: true });

const env = {
  ...process.env,
  HSS_CONTRACT_TIMEOUT: String(o.timeout),
  HSS_CONTRACT_OUT: out,
  HSS_CONTRACT_SPEC: o.spec,
  HSS_CONTRACT_SUITES: o.suites.join(","),
};
for (const name of ["TARGET", "TOKEN", "AK", "SK", "SECURITY_TOKEN", "PROJECT_ID"])
  delete env[`HSS_CONTRACT_${name}`];
const pass = {
  TARGET: o.target,
  TOKEN: o.token,
  AK: o.ak,
  SK: o.sk,
  SECURITY_TOKEN: o.securityToken,
  PROJECT_ID: o.projectId,
};
for (const [name, value] of Object.entries(pass)) if (value) env[`HSS_CONTRACT_${name}`] = value;

const vitest = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
// Secrets never reach the output, even when a target echoes a request's headers into its answers.
const secrets = [o.token, o.sk, o.securityToken].filter((x) => x && x.length >= 4);
const mask = (line) => secrets.reduce((text, secret) => text.split(secret).join("***"), line);
const child = spawn(
  process.execPath,
  [vitest, "run", "--root", root, "--config", path.join(root, "config", "vitest.config.mjs")],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    // Colour only for a terminal (vitest cannot tell through the pipe).
    env: {
      ...env,
      ...(env.FORCE_COLOR === undefined &&
        (process.stdout.isTTY && !env.NO_COLOR ? { FORCE_COLOR: "1" } : { NO_COLOR: "1" })),
    },
  },
);
const piped = [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
].map(
  ([from, to]) =>
    new Promise((resolve) => {
      const lines = createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on("line", (line) => to.write(`${mask(line)}\n`));
      lines.once("close", resolve);
    }),
);
// Ctrl-C or a CI's cancel: vitest stops its suites (and their Prism and mock processes) first.
let stopped;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(sig, () => {
    stopped ??= sig;
    child.kill(sig);
  });
const [code] = await new Promise((resolve) => child.once("exit", (...a) => resolve(a)));
await Promise.all(piped);
if (stopped) {
  if (!o.out) rmSync(out, { recursive: true, force: true });
  console.error(`hss-contract: stopped by ${stopped}; nothing was concluded`);
  process.exit(stopped === "SIGINT" ? 130 : 143);
}

const read = (name, parse) => {
  try {
    return parse(readFileSync(path.join(out, name), "utf8"));
  } catch {
    return undefined;
  }
};
const report = read("vitest-report.json", JSON.parse);
const records =
  read("records.jsonl", (t) =>
    t
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  ) ?? [];
const summary = summarize({
  report,
  records,
  documented: o.documented,
  target: o.target,
  spec: o.spec,
  root,
  // A chosen subset of the suites is not expected to exercise every documented status.
  requireCoverage: o.suites.length === 0,
  secrets,
  known: operationList().map((op) => op.operationId),
});
if (!o.out) rmSync(out, { recursive: true, force: true });

console.log("\nContract coverage: operation x documented status code");
console.log(coverageTable(summary.coverage));
for (const r of o.reports) {
  const [kind, ...rest] = r.split("=");
  const file = path.resolve(rest.join("="));
  writeFileSync(file, kind === "junit" ? junit(summary) : jsonSummary(summary));
  console.log(`${kind === "junit" ? "JUnit XML" : "JSON summary"}: ${file}`);
}
const missing = summary.coverage.filter((c) => c.state === "missing").length;
const skipped = summary.coverage.filter((c) => c.state === "skipped").length;
const exercised = summary.coverage.filter((c) => c.state === "exercised").length;
const { passed, failed } = summary.tests;
if (summary.result === "error")
  fail(
    3,
    `could not run${
      report
        ? `: ${summary.failures
            .filter((f) => f.test === "(suite could not run)")
            .map((f) => f.suite)
            .join(", ")} did not start`
        : ` (vitest exited with ${code} and wrote no report)`
    }`,
  );
if (summary.result === "violations")
  fail(1, `contract violations: ${failed} check(s) failed, ${missing} documented status(es) not exercised`);
console.log(
  `hss-contract: conforms: ${passed} checks passed, ${exercised} of ${summary.coverage.length} documented statuses exercised${skipped ? ` (${skipped} skipped)` : ""}`,
);
