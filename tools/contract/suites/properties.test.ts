/**
 * Property-based tests generated from the spec, seeded and bounded: random valid requests get
 * 2xx and conform (through `prism proxy --errors`); random invalid ones (out of range, wrong
 * type, missing required, unknown enum value, oversized, unknown field) get a documented 4xx
 * with the HSS error body from the implementation itself (through a plain proxy, which forwards
 * them), never 5xx and never a hang.
 */

import { operations, validateOperationInput } from "@hss/client/spec";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  behindProxies,
  type Call,
  LIST,
  listParam,
  SCAN,
  scanProperty,
  send,
  violations,
} from "./helpers.js";

const ctx = behindProxies();

const limit = listParam("limit");
const offset = listParam("offset");
const word = fc.stringMatching(/^[a-z0-9-]{0,12}$/);

const validList: fc.Arbitrary<Call> = fc
  .record(
    {
      limit: fc.integer({ min: limit.minimum ?? 10, max: limit.maximum ?? 200 }),
      offset: fc.integer({ min: offset.minimum ?? 0, max: 1000 }),
      namespace: word,
      image_name: word,
      app_name: fc.constantFrom("log4j-core", "openssl", "zlib", ""),
      enterprise_project_id: fc.constantFrom("0", "all_granted_eps"),
    },
    { requiredKeys: [] },
  )
  .map((query) => ({ query, path: { vul_id: "CVE-2021-44228" } }));

const validScan: fc.Arbitrary<Call> = fc
  .record(
    {
      scan_status: fc.constantFrom(...(scanProperty("scan_status").enum as string[])),
      local_image_type: fc.constantFrom(...(scanProperty("local_image_type").enum as string[])),
      image_name: word,
      image_size: fc.nat(),
      start_latest_update_time: fc.nat(),
      end_latest_scan_time: fc.nat(),
    },
    { requiredKeys: [] },
  )
  .map((filters) => ({ body: { operate_all: true, ...filters } }));

/** Invalid requests, each breaking one rule of the spec: [rule, operationId, call]. */
const invalid: fc.Arbitrary<[string, keyof typeof operations, Call]> = fc
  .oneof(
    // Next to the bounds as often as far from them: a uniform draw from -1000..9 almost never
    // tried 5-9, where an off-by-one in the minimum would hide.
    fc
      .oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -1000, max: -1 }))
      .map((v) => ["limit below range", LIST, { query: { limit: v } }] as const),
    fc
      .oneof(fc.integer({ min: 201, max: 210 }), fc.integer({ min: 211, max: 100_000 }))
      .map((v) => ["limit above range", LIST, { query: { limit: v } }] as const),
    fc
      .integer({ min: 2_000_001, max: 2 ** 31 - 1 })
      .map((v) => ["offset above range", LIST, { query: { offset: v } }] as const),
    fc
      .stringMatching(/^[a-z]{1,8}$/)
      .map((v) => ["limit of the wrong type", LIST, { query: { limit: v } }] as const),
    fc
      .integer({ min: 257, max: 2000 })
      .map(
        (n) =>
          [
            "enterprise_project_id oversized",
            LIST,
            { query: { enterprise_project_id: "e".repeat(n) } },
          ] as const,
      ),
    fc.constant(["enterprise_project_id too short", LIST, { query: { enterprise_project_id: "" } }] as const),
    fc
      .stringMatching(/^[a-z]{3,10}$/)
      .map((v) => ["unknown scan_status", SCAN, { body: { operate_all: true, scan_status: v } }] as const),
    fc
      .stringMatching(/^[a-z]{3,10}$/)
      .map(
        (v) =>
          ["unknown local_image_type", SCAN, { body: { operate_all: true, local_image_type: v } }] as const,
      ),
    fc
      .constantFrom("yes", 1, null)
      .map((v) => ["operate_all of the wrong type", SCAN, { body: { operate_all: v } }] as const),
    fc
      .integer({ min: -1_000_000, max: -1 })
      .map((v) => ["negative image_size", SCAN, { body: { operate_all: true, image_size: v } }] as const),
    fc
      .stringMatching(/^[a-z]{4,10}$/)
      .map((k) => ["unknown body field", SCAN, { body: { operate_all: true, [`x_${k}`]: 1 } }] as const),
    fc.constant([
      "missing required region header",
      SCAN,
      { headers: { region: "" }, body: { operate_all: true } },
    ] as const),
    fc.constantFrom("[]", '"text"', "42").map((b) => ["body not an object", SCAN, { body: b }] as const),
  )
  .map(([rule, op, call]) => [rule, op.operationId, call]) as fc.Arbitrary<
  [string, keyof typeof operations, Call]
>;

describe("properties (seeded, bounded)", () => {
  it("random valid requests get 2xx and conform", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Operations by id, so that a counterexample prints the request, not the operation's spec.
        fc.oneof(
          validList.map((c) => [LIST.operationId, c] as const),
          validScan.map((c) => [SCAN.operationId, c] as const),
        ),
        async ([operationId, call]) => {
          const op = operations[operationId as keyof typeof operations];
          const r = await send(ctx.strict.url, op, call);
          expect(
            r.status,
            `${op.operationId} ${JSON.stringify(call)}: ${r.text.slice(0, 200)}`,
          ).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(300);
          expect(violations(r.headers, r.text)).toEqual([]);
        },
      ),
      { seed: 20261123, numRuns: 80, includeErrorInReport: true },
    );
  });

  it("random invalid requests get a documented 4xx with the HSS error body, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(invalid, async ([rule, operationId, call]) => {
        const op = operations[operationId];
        // The case really breaks the spec, by the spec's own validator (Prism ignores empty query values).
        const bodyValue = typeof call.body === "string" ? JSON.parse(call.body) : call.body;
        const header = { region: "cn-north-4", ...call.headers };
        const input = {
          path: { project_id: "p1", ...(op === LIST && { vul_id: "CVE-2021-44228" }) },
          query: call.query,
          header: header.region ? header : {},
          body: bodyValue,
        };
        expect(validateOperationInput(op, input).length, `${rule} is valid by the spec`).toBeGreaterThan(0);
        // A hang is the request's own deadline (--timeout), not a clock here.
        const r = await send(ctx.plain.url, op, call);
        const documented = Object.keys(op.responses)
          .filter((s) => s.startsWith("4"))
          .map(Number);
        expect(documented, `${rule}: ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
        expect(typeof r.json?.error_code, rule).toBe("string");
        expect(typeof r.json?.error_msg, rule).toBe("string");
        expect(violations(r.headers, r.text, "response"), rule).toEqual([]);
      }),
      { seed: 7, numRuns: 80, includeErrorInReport: true },
    );
  });
});
