// What a run of the suites amounts to: the coverage table of operation x documented status
// (from the records the suites wrote), the verdict, and the reports CI systems read (JUnit XML,
// a JSON summary). Pure functions of vitest's JSON report and the records, so they are tested
// on their own (test/report.test.ts).
import { parse } from "yaml";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/**
 * operationId (or "METHOD path") -> its documented status codes, from the OpenAPI document the
 * run checks against: an operation that `--spec` adds and no suite knows shows up as cells not
 * exercised, instead of passing unseen. Throws when the text is not an OpenAPI document with
 * at least one operation.
 */
export function documentedStatuses(specText) {
  const spec = parse(specText);
  const out = {};
  for (const [route, item] of Object.entries(spec?.paths ?? {}))
    for (const method of METHODS) {
      const op = item?.[method];
      if (op) out[op.operationId ?? `${method.toUpperCase()} ${route}`] = Object.keys(op.responses ?? {});
    }
  if (!spec?.openapi || !Object.keys(out).length) throw new Error("not an OpenAPI document with operations");
  return out;
}

/** The coverage cells: every documented status of every operation, and what exercised it. */
export function coverage(documented, records) {
  const cells = [];
  for (const [operation, statuses] of Object.entries(documented))
    for (const status of statuses) {
      const mine = records.filter((r) => r.operation === operation && String(r.status) === status);
      const tests = [...new Set(mine.filter((r) => !r.skipped).map((r) => r.test))];
      const skip = mine.find((r) => r.skipped);
      const state = tests.length ? "exercised" : skip ? "skipped" : "missing";
      cells.push({
        operation,
        status,
        state,
        tests,
        ...(state === "skipped" && { why: skip.why ?? "skipped" }),
      });
    }
  return cells;
}

/** The coverage table as text. */
export function coverageTable(cells) {
  const rows = cells.map((c) => [
    c.operation,
    c.status,
    c.state === "exercised"
      ? `${c.tests.length} test(s): ${c.tests
          .slice(0, 2)
          .map((t) => (t.length > 70 ? `${t.slice(0, 67)}...` : t))
          .join("; ")}${c.tests.length > 2 ? "; ..." : ""}`
      : c.state === "skipped"
        ? `skipped (${c.why})`
        : "NOT EXERCISED",
  ]);
  const head = ["operation", "status", "exercised by"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: vitest colours its messages; reports carry plain text
const STRIP = /\u001b\[[0-9;]*m/g;
/** Each test's identity and outcome from vitest's JSON report, and the suites that could not run. */
function flatten(report, root, clean) {
  const tests = [];
  const broken = [];
  const times = [];
  for (const file of report?.testResults ?? []) {
    const suite = file.name
      .replace(root, "")
      .replace(/^.*[\\/]/, "")
      .replace(/\.test\.[jt]s$/, "");
    for (const a of file.assertionResults ?? [])
      tests.push({
        suite,
        name: [...(a.ancestorTitles ?? []), a.title].join(" > "),
        status: a.status === "passed" ? "passed" : a.status === "failed" ? "failed" : "skipped",
        seconds: (a.duration ?? 0) / 1000,
        message: clean((a.failureMessages ?? []).join("\n")),
      });
    if (file.status === "failed" && file.message) broken.push({ suite, message: clean(file.message) });
    times.push({
      suite,
      start: file.startTime,
      seconds: Math.max(0, (file.endTime - file.startTime) / 1000) || 0,
    });
  }
  return { tests, broken, times };
}

/** Marks a failure that says nothing about the target (suites/helpers.ts, COULD_NOT_RUN). */
const COULD_NOT_RUN = "[hss-contract: could not run]";

/**
 * The verdict: "pass" (0), "violations" (1: a check failed, or a documented status was not
 * exercised) or "error" (3: a suite could not run, e.g. Prism did not start, or a check could
 * not be made; the run says nothing about the target then). `secrets` are masked in every
 * message (a target may echo a request's headers into its answers). `known` lists the
 * operations the suites can exercise: a cell of an operation `--spec` adds is skipped.
 */
export function summarize({
  report,
  records,
  documented,
  target,
  spec,
  root = "",
  requireCoverage = true,
  secrets = [],
  known,
}) {
  const masks = secrets.filter((x) => x && x.length >= 4);
  const clean = (text) => masks.reduce((t, x) => t.split(x).join("***"), String(text).replace(STRIP, ""));
  const { tests, broken, times } = flatten(report, root, clean);
  const failed = tests.filter((t) => t.status === "failed");
  const unusable = failed.filter((t) => t.message.includes(COULD_NOT_RUN));
  const error = !report || broken.length > 0 || unusable.length > 0;
  const cells = coverage(documented, records).map((c) => {
    if (c.state !== "missing") return c;
    if (known && !known.includes(c.operation))
      return { ...c, state: "skipped", why: "an operation this version of @hss/contract does not know" };
    if (error) return { ...c, state: "skipped", why: "a suite or check could not run" };
    // With a chosen subset of the suites (--suite), a cell they did not reach is skipped, not failed.
    if (!requireCoverage) return { ...c, state: "skipped", why: "not in the chosen suites" };
    return c;
  });
  const missing = cells.filter((c) => c.state === "missing");
  const result = error ? "error" : failed.length || missing.length ? "violations" : "pass";
  return {
    result,
    exitCode: { pass: 0, violations: 1, error: 3 }[result],
    target: target ?? "bundled hss-mock",
    spec,
    tests: {
      passed: tests.filter((t) => t.status === "passed").length,
      failed: failed.length,
      skipped: tests.filter((t) => t.status === "skipped").length,
    },
    coverage: cells,
    failures: [
      ...broken.map((b) => ({ suite: b.suite, test: "(suite could not run)", message: b.message })),
      ...failed.map((t) => ({ suite: t.suite, test: t.name, message: t.message })),
    ],
    results: tests,
    times,
  };
}

// XML 1.0 allows no control characters but tab, LF and CR, whatever the escaping.
const xml = (text) =>
  String(text)
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
/** A failure's headline: fast-check's "Got error" line when there is one, else the first line. */
const firstLine = (text) => {
  const lines = text.split("\n").map((l) => l.trim());
  const got = lines.find((l) => l.startsWith("Got error: "));
  return (got ? got.slice("Got error: ".length) : lines.find(Boolean)) ?? "";
};

/** The JUnit XML report: a testsuite per suite file, plus one listing every coverage cell. */
export function junit(summary) {
  const suites = new Map();
  const add = (suite, testcase) => {
    if (!suites.has(suite)) suites.set(suite, []);
    suites.get(suite).push(testcase);
  };
  for (const f of summary.failures.filter((f) => f.test === "(suite could not run)"))
    add(f.suite, { name: f.test, seconds: 0, error: f.message });
  for (const t of summary.results)
    add(t.suite, {
      name: t.name,
      seconds: t.seconds,
      ...(t.status === "failed" &&
        (t.message.includes(COULD_NOT_RUN) ? { error: t.message } : { failure: t.message })),
      ...(t.status === "skipped" && { skipped: "skipped" }),
    });
  const COVERAGE = "coverage: operation x documented status";
  for (const c of summary.coverage)
    add(COVERAGE, {
      name: `${c.operation} ${c.status}`,
      seconds: 0,
      ...(c.state === "missing" && {
        failure: `documented status ${c.status} of ${c.operation} was not exercised`,
      }),
      ...(c.state === "skipped" && { skipped: c.why }),
      ...(c.state === "exercised" && { out: `exercised by: ${c.tests.join("; ")}` }),
    });
  const count = (cases, key) => cases.filter((c) => c[key] !== undefined).length;
  const all = [...suites.values()].flat();
  const body = [...suites].map(([name, cases]) => {
    // A suite's wall time and start (its hooks included), as vitest measured the file.
    const file = summary.times?.find((t) => t.suite === name);
    const time = (file?.seconds ?? cases.reduce((s, c) => s + c.seconds, 0)).toFixed(3);
    const stamp = file?.start ? ` timestamp="${new Date(file.start).toISOString().slice(0, 19)}"` : "";
    const lines = cases.map((c) => {
      const open = `    <testcase classname="${xml(`hss-contract.${name}`)}" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"`;
      if (c.failure !== undefined)
        return `${open}>\n      <failure message="${xml(firstLine(c.failure))}">${xml(c.failure)}</failure>\n    </testcase>`;
      if (c.error !== undefined)
        return `${open}>\n      <error message="${xml(firstLine(c.error))}">${xml(c.error)}</error>\n    </testcase>`;
      if (c.skipped !== undefined)
        return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
      if (c.out !== undefined)
        return `${open}>\n      <system-out>${xml(c.out)}</system-out>\n    </testcase>`;
      return `${open}/>`;
    });
    return [
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${count(cases, "failure")}" errors="${count(cases, "error")}" skipped="${count(cases, "skipped")}" time="${time}"${stamp}>`,
      ...lines,
      "  </testsuite>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hss-contract" tests="${all.length}" failures="${count(all, "failure")}" errors="${count(all, "error")}" skipped="${count(all, "skipped")}">`,
    ...body,
    "</testsuites>",
    "",
  ].join("\n");
}

/** The JSON summary: the verdict, the counts, every coverage cell and every failure. */
export function jsonSummary(summary) {
  const { results: _results, exitCode: _exitCode, ...rest } = summary;
  return `${JSON.stringify(rest, null, 2)}\n`;
}
