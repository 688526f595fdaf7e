/**
 * How a configured fault decides each request, in the order the README gives (drop, failNext,
 * throttle, errorRate), with the documented defaults; and that `malformed` bodies break every
 * field the spec's response schema has, so a client validating responses must reject them.
 */
import { operations, validateValue } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { Faults, malformedBody } from "../src/faults.js";

const OP = "ListVulRepoImage";
const decisions = (faults: Faults, n: number) => Array.from({ length: n }, () => faults.decide(OP));

describe("fault decisions", () => {
  it("no fault set means no fault; an empty set is no fault either", () => {
    const faults = new Faults("s");
    expect(faults.decide(OP)).toEqual({ kind: "none" });
    expect(faults.set(OP, {})).toEqual([]);
    expect(decisions(faults, 3)).toEqual(Array(3).fill({ kind: "none" }));
  });

  it("failNext fails exactly N requests with errorStatus (500 by default), then recovers", () => {
    const faults = new Faults("s");
    faults.set(OP, { failNext: 2 });
    expect(decisions(faults, 3)).toEqual([
      { kind: "error", status: 500 },
      { kind: "error", status: 500 },
      { kind: "none" },
    ]);
    faults.set(OP, { failNext: 1, errorStatus: 503 });
    expect(decisions(faults, 2)).toEqual([{ kind: "error", status: 503 }, { kind: "none" }]);
    expect(faults.get(OP)).toEqual({ failNext: 0, errorStatus: 503 });
  });

  it("a set fault is a copy: counting failNext down leaves the caller's object alone", () => {
    const faults = new Faults("s");
    const config = { failNext: 1 };
    faults.set(OP, config);
    faults.decide(OP);
    expect(config).toEqual({ failNext: 1 });
  });

  it("throttleRate 1 throttles every request with retryAfter (1 s by default)", () => {
    const faults = new Faults("s");
    faults.set(OP, { throttleRate: 1 });
    expect(decisions(faults, 2)).toEqual(Array(2).fill({ kind: "throttle", retryAfter: 1 }));
    faults.set(OP, { throttleRate: 1, retryAfter: 7 });
    expect(faults.decide(OP)).toEqual({ kind: "throttle", retryAfter: 7 });
  });

  it("errorRate 1 fails every request with errorStatus; rate 0 never does", () => {
    const faults = new Faults("s");
    faults.set(OP, { errorRate: 1, errorStatus: 418 });
    expect(decisions(faults, 2)).toEqual(Array(2).fill({ kind: "error", status: 418 }));
    faults.set(OP, { errorRate: 0, throttleRate: 0, dropRate: 0 });
    expect(decisions(faults, 5)).toEqual(Array(5).fill({ kind: "none" }));
  });

  it("drop comes first, then failNext, then throttle, then errorRate", () => {
    const faults = new Faults("s");
    faults.set(OP, { dropRate: 1, failNext: 1, throttleRate: 1, errorRate: 1 });
    expect(faults.decide(OP)).toEqual({ kind: "drop" });
    faults.set(OP, { failNext: 1, throttleRate: 1, errorRate: 1, errorStatus: 502 });
    expect(decisions(faults, 2)).toEqual([
      { kind: "error", status: 502 },
      { kind: "throttle", retryAfter: 1 },
    ]);
  });

  it("a rate between 0 and 1 hits about that share, the same draws for the same seed, and clear() restarts them", () => {
    const draw = (faults: Faults) => decisions(faults, 400).map((d) => d.kind);
    const a = new Faults("seed-a");
    a.set(OP, { errorRate: 0.25 });
    const first = draw(a);
    const hits = first.filter((k) => k === "error").length;
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
    const b = new Faults("seed-a");
    b.set(OP, { errorRate: 0.25 });
    expect(draw(b)).toEqual(first);
    a.clear();
    a.set(OP, { errorRate: 0.25 });
    expect(draw(a)).toEqual(first);
    a.clear(OP);
    expect(a.get(OP)).toBeUndefined();
  });

  it("an invalid fault is refused whole, naming the field; a body that is not an object is named body", () => {
    const faults = new Faults("s");
    expect(faults.set(OP, { failNext: -1 })).toEqual([
      { field: "failNext", location: "body", message: "must be an integer from 0 to 1000000" },
    ]);
    expect(faults.set(OP, [1])).toEqual([{ field: "body", location: "body", message: "must be an object" }]);
    expect(faults.get(OP)).toBeUndefined();
  });
});

describe("malformed bodies", () => {
  it("break every field of ListVulRepoImage's 200 schema: wrong types, enum values outside, unknown fields", () => {
    const schema = operations.ListVulRepoImage.responses["200"]?.schema ?? null;
    if (!schema) throw new Error("no 200 schema");
    const body = JSON.parse(malformedBody(schema));
    expect(typeof body.total_num).toBe("string");
    expect(body.unexpected_field).toBe(true);
    const image = body.data_list[0];
    expect(image.image_type).toMatch(/^not-/);
    expect(image.unexpected_field).toBe(true);
    expect(typeof image.tag_count).toBe("string");
    const fields = new Set(validateValue(schema, body, "", "response").map((v) => v.field));
    for (const name of Object.keys(schema.properties ?? {})) {
      const broken = [...fields].some(
        (f) => f === name || f.startsWith(`${name}[`) || f.startsWith(`${name}.`),
      );
      expect(broken, name).toBe(true);
    }
  });

  it("where no body is documented, the body is one unexpected field", () => {
    expect(malformedBody(null)).toBe('{"unexpected":true}');
  });
});
