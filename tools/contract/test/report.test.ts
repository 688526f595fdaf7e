/**
 * What a run amounts to (bin/report.mjs): the coverage cells, the verdict and its exit code,
 * and the JUnit XML CI systems display, checked with a real XML parser.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { operationList } from "@hss/client/spec";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript, shipped as is (bin/)
import { coverage, documentedStatuses, jsonSummary, junit, summarize } from "../bin/report.mjs";

const documented = { List: ["200", "400"], Scan: ["200", "429"] };
const rec = (operation: string, status: string, test: string, skipped = false) => ({
  operation,
  status,
  test,
  skipped,
});
const test = (title: string, status: string, failureMessages: string[] = []) => ({
  ancestorTitles: ["List"],
  title,
  status,
  duration: 1500,
  failureMessages,
});
const report = (assertionResults: object[], fileStatus = "passed", message = "") => ({
  testResults: [{ name: "/x/dist/suites/baseline.test.js", status: fileStatus, message, assertionResults }],
});
const allCovered = [
  rec("List", "200", "baseline: a"),
  rec("List", "400", "baseline: b"),
  rec("Scan", "200", "baseline: c"),
  rec("Scan", "429", "baseline: d", true),
];

describe("coverage cells", () => {
  it("a cell is exercised by the tests that saw it, skipped when only marked so, else missing", () => {
    const cells = coverage(documented, [
      rec("List", "200", "t1"),
      rec("List", "200", "t1"),
      rec("List", "200", "t2"),
      { ...rec("Scan", "429", "t3", true), why: "needs the bundled mock's fault injection" },
      rec("Other", "200", "t4"),
    ]);
    expect(cells).toEqual([
      { operation: "List", status: "200", state: "exercised", tests: ["t1", "t2"] },
      { operation: "List", status: "400", state: "missing", tests: [] },
      { operation: "Scan", status: "200", state: "missing", tests: [] },
      {
        operation: "Scan",
        status: "429",
        state: "skipped",
        tests: [],
        why: "needs the bundled mock's fault injection",
      },
    ]);
  });

  it("the documented statuses come from the spec the run checks against: the shipped one has every operation", () => {
    const spec = readFileSync(createRequire(import.meta.url).resolve("@hss/client/openapi.yaml"), "utf8");
    expect(documentedStatuses(spec)).toEqual(
      Object.fromEntries(operationList().map((op) => [op.operationId, Object.keys(op.responses)])),
    );
    expect(() => documentedStatuses("a: 1\n")).toThrow(/not an OpenAPI document/);
    expect(() => documentedStatuses("openapi: 3.0.3\npaths: {}\n")).toThrow(/not an OpenAPI document/);
  });
});

describe("the verdict", () => {
  const run = (r: unknown, records = allCovered) =>
    summarize({ report: r, records, documented, target: "http://t", spec: "s.yaml" });

  it("passes when every check passed and every cell was exercised or skipped", () => {
    const s = run(report([test("ok", "passed")]));
    expect([s.result, s.exitCode, s.tests]).toEqual(["pass", 0, { passed: 1, failed: 0, skipped: 0 }]);
  });

  it("is a violation when a check failed, or when a documented status was not exercised", () => {
    const failed = run(report([test("ok", "passed"), test("bad", "failed", ["AssertionError: x"])]));
    expect([failed.result, failed.exitCode]).toEqual(["violations", 1]);
    expect(failed.failures).toEqual([
      { suite: "baseline", test: "List > bad", message: "AssertionError: x" },
    ]);
    const uncovered = run(report([test("ok", "passed")]), allCovered.slice(1));
    expect([uncovered.result, uncovered.exitCode]).toEqual(["violations", 1]);
  });

  it("is 'could not run' when a suite could not start or no report was written, even beside failures", () => {
    const broken = run(report([test("bad", "failed", ["x"])], "failed", "prism exited with 1"));
    expect([broken.result, broken.exitCode]).toEqual(["error", 3]);
    expect(broken.failures[0]).toEqual({
      suite: "baseline",
      test: "(suite could not run)",
      message: "prism exited with 1",
    });
    expect(run(undefined).exitCode).toBe(3);
  });

  it("with a chosen subset of the suites (--suite), a cell they did not reach is skipped, not a violation", () => {
    const s = summarize({
      report: report([test("ok", "passed")]),
      records: allCovered.slice(1),
      documented,
      spec: "s",
      requireCoverage: false,
    });
    expect([s.result, s.exitCode]).toEqual(["pass", 0]);
    expect(s.coverage[0]).toMatchObject({ state: "skipped", why: "not in the chosen suites" });
  });

  it("masks every secret in every message, and skips the cells of operations the suites do not know", () => {
    const s = summarize({
      report: report([test("bad", "failed", ["target said: token=TOPSECRET1 sk=SK-SECRET-2"])]),
      records: allCovered,
      documented: { ...documented, Extra: ["200"] },
      spec: "s",
      secrets: ["TOPSECRET1", "SK-SECRET-2", ""],
      known: ["List", "Scan"],
    });
    const all = `${junit(s)}${jsonSummary(s)}`;
    expect(all).not.toMatch(/TOPSECRET1|SK-SECRET-2/);
    expect(s.failures[0].message).toBe("target said: token=*** sk=***");
    expect(s.coverage.at(-1)).toMatchObject({ operation: "Extra", state: "skipped" });
    expect(s.coverage.at(-1).why).toMatch(/does not know/);
  });

  it("a check that could not be made (a request the given spec refuses) is 'could not run', an error in JUnit", () => {
    const s = summarize({
      report: report([
        test("valid", "failed", ["Error: [hss-contract: could not run] Prism refused a request"]),
      ]),
      records: allCovered,
      documented,
      spec: "s",
    });
    expect([s.result, s.exitCode]).toEqual(["error", 3]);
    expect(junit(s)).toMatch(
      /<error message="Error: \[hss-contract: could not run\] Prism refused a request">/,
    );
  });

  it("the JSON summary carries the verdict, the counts, every cell and every failure", () => {
    const s = JSON.parse(jsonSummary(run(report([test("bad", "failed", ["boom"])]))));
    expect(s.result).toBe("violations");
    expect(s.target).toBe("http://t");
    expect(s.coverage).toHaveLength(4);
    expect(s.failures).toHaveLength(1);
  });
});

describe("JUnit XML", () => {
  const parse = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (n) => n === "testsuite" || n === "testcase",
    }).parse(xml);
  };

  it("lists every test and, in a suite of its own, every coverage cell with its state", () => {
    const s = summarize({
      report: report([
        test("ok", "passed"),
        test("bad", "failed", ['\u001b[31mexpected <a> & "b"\u0007\u001b[39m\nmore']),
        test("later", "skipped"),
      ]),
      records: allCovered.slice(1),
      documented,
      spec: "s",
    });
    const doc = parse(junit(s));
    const suites = doc.testsuites.testsuite as {
      name: string;
      tests: string;
      failures: string;
      skipped: string;
      testcase: { name: string; failure?: { message: string; "#text": string }; skipped?: object }[];
    }[];
    const baseline = suites.find((x) => x.name === "baseline");
    expect(baseline?.testcase.map((c) => c.name)).toEqual(["List > ok", "List > bad", "List > later"]);
    expect([baseline?.tests, baseline?.failures, baseline?.skipped]).toEqual(["3", "1", "1"]);
    const failure = baseline?.testcase[1]?.failure;
    expect(failure?.message).toBe('expected <a> & "b"');
    expect(failure?.["#text"]).toContain("more");
    const cells = suites.find((x) => x.name.startsWith("coverage"));
    expect(cells?.testcase.map((c) => c.name)).toEqual(["List 200", "List 400", "Scan 200", "Scan 429"]);
    expect(cells?.testcase[0]?.failure?.message).toMatch(/not exercised/);
    expect(cells?.testcase[3]?.skipped).toBeDefined();
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(["7", "2"]);
  });

  it("a suite that could not run is an error case, not a silent pass", () => {
    const s = summarize({
      report: report([], "failed", "prism did not start"),
      records: allCovered,
      documented,
      spec: "s",
    });
    const doc = parse(junit(s));
    expect(doc.testsuites.errors).toBe("1");
    const baseline = doc.testsuites.testsuite.find((x: { name: string }) => x.name === "baseline");
    expect(baseline.testcase[0].error.message).toBe("prism did not start");
  });
});
