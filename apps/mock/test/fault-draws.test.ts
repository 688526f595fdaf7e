/**
 * Fault rates as shares, not all-or-nothing: a drop or throttle rate between 0 and 1 hits about
 * that share of requests; an operation whose faults have no rate draws nothing from the seed's
 * sequence (adding latency or a failNext elsewhere leaves which requests fail at random as they
 * were). And a malformed body breaks each type of schema the way the README's negative controls
 * rely on: numbers and booleans as strings, strings as a number, enums outside their values,
 * an unknown field only where objects are closed.
 */
import { type Schema, validateValue } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { Faults, malformedBody } from "../src/faults.js";

const OP = "ListVulRepoImage";
const OTHER = "BatchScanLocalImage";

const kinds = (faults: Faults, n: number) => Array.from({ length: n }, () => faults.decide(OP).kind);
const count = (list: string[], kind: string) => list.filter((k) => k === kind).length;

describe("fault rates", () => {
  it("dropRate 0.5 drops about half the requests and answers the rest", () => {
    const faults = new Faults("draws");
    faults.set(OP, { dropRate: 0.5 });
    const seen = kinds(faults, 400);
    expect(count(seen, "drop")).toBeGreaterThan(140);
    expect(count(seen, "drop")).toBeLessThan(260);
    expect(count(seen, "none")).toBe(400 - count(seen, "drop"));
  });

  it("throttleRate 0.5 throttles about half the requests and answers the rest", () => {
    const faults = new Faults("draws");
    faults.set(OP, { throttleRate: 0.5, retryAfter: 3 });
    const seen = kinds(faults, 400);
    expect(count(seen, "throttle")).toBeGreaterThan(140);
    expect(count(seen, "throttle")).toBeLessThan(260);
    expect(count(seen, "none")).toBe(400 - count(seen, "throttle"));
  });

  it("an operation whose faults have no rate draws nothing: another operation's random faults stay the same with it", () => {
    const alone = new Faults("draws");
    alone.set(OP, { errorRate: 0.5 });
    const beside = new Faults("draws");
    beside.set(OP, { errorRate: 0.5 });
    beside.set(OTHER, { latencyMs: 5, failNext: 0, errorStatus: 503, malformed: true });
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 200; i++) {
      a.push(alone.decide(OP).kind);
      expect(beside.decide(OTHER)).toEqual({ kind: "none" });
      b.push(beside.decide(OP).kind);
    }
    expect(new Set(a)).toEqual(new Set(["error", "none"]));
    expect(b).toEqual(a);
  });
});

describe("malformed bodies", () => {
  const schema: Schema = {
    type: "object",
    additionalProperties: false,
    properties: {
      count: { type: "integer" },
      ratio: { type: "number" },
      flag: { type: "boolean" },
      name: { type: "string" },
      kind: { type: "string", enum: ["a", "b"] },
      tags: { type: "array", items: { type: "string" } },
      bare: { type: "array" },
      open: { type: "object", properties: { n: { type: "integer" } } },
    },
  };

  it("break each type: numbers and booleans as their strings, strings as a number, enums outside, arrays by their items, closed objects by an unknown field", () => {
    expect(JSON.parse(malformedBody(schema))).toEqual({
      count: "1",
      ratio: "1",
      flag: "true",
      name: 1,
      kind: "not-a",
      tags: [1],
      bare: "not-an-array",
      open: { n: "1" },
      unexpected_field: true,
    });
  });

  it("every field of the schema fails validation", () => {
    const body = JSON.parse(malformedBody(schema));
    const failed = new Set(validateValue(schema, body, "", "response").map((v) => v.field.split(/[.[]/)[0]));
    for (const name of Object.keys(schema.properties ?? {})) expect(failed.has(name), name).toBe(true);
  });
});
