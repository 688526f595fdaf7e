/**
 * The request journal's bounds: the last N entries in order, paths and query text cut (and the
 * entry marked) at the documented lengths, the oldest dropped when the byte budget is spent, and
 * nothing kept that alone exceeds it.
 */
import { describe, expect, it } from "vitest";
import { Journal, MAX_PATH, MAX_QUERY_PARAMS, MAX_QUERY_TEXT } from "../src/journal.js";
import { record } from "./journal-record.js";

describe("journal", () => {
  it("keeps the last `capacity` entries, oldest first, numbered in arrival order", () => {
    const j = new Journal(3);
    for (let i = 1; i <= 5; i++) j.add(record(`/p${i}`));
    const list = j.list();
    expect(list.map((e) => [e.seq, e.path])).toEqual([
      [3, "/p3"],
      [4, "/p4"],
      [5, "/p5"],
    ]);
    expect(j.list(2).map((e) => e.path)).toEqual(["/p4", "/p5"]);
    expect(j.list(10)).toHaveLength(3);
    expect(list[0]).toEqual({
      seq: 3,
      time: "2026-01-01T00:00:00.005Z",
      request_id: "rid",
      method: "GET",
      path: "/p3",
      query: {},
      operation: "ListVulRepoImage",
      auth: "none",
      status: 200,
      duration_ms: 1,
    });
    expect(j.usage.entries).toBe(3);
  });

  it("a path longer than 512 characters is cut there, with an ellipsis, and the entry says so", () => {
    const j = new Journal(10);
    j.add(record(`/${"a".repeat(MAX_PATH - 1)}`));
    j.add(record(`/${"b".repeat(MAX_PATH)}`));
    const [fits, long] = j.list() as unknown as [
      { path: string; truncated?: true },
      { path: string; truncated?: true },
    ];
    expect(fits.path).toHaveLength(MAX_PATH);
    expect(fits).not.toHaveProperty("truncated");
    expect(long.path).toBe(`/${"b".repeat(MAX_PATH - 1)}…`);
    expect(long.truncated).toBe(true);
  });

  it("query names and values longer than 256 characters are cut; at most 32 parameters are kept", () => {
    const j = new Journal(10);
    j.add(record("/q", [["n".repeat(MAX_QUERY_TEXT), "v".repeat(MAX_QUERY_TEXT)]]));
    j.add(record("/q", [["name", "v".repeat(MAX_QUERY_TEXT + 1)]]));
    j.add(record("/q", [["n".repeat(MAX_QUERY_TEXT + 1), "v"]]));
    j.add(
      record(
        "/q",
        Array.from({ length: MAX_QUERY_PARAMS + 3 }, (_, i) => [`k${i}`, "v"] as [string, string]),
      ),
    );
    j.add(
      record(
        "/q",
        Array.from({ length: MAX_QUERY_PARAMS }, (_, i) => [`k${i}`, "v"] as [string, string]),
      ),
    );
    const [exact, longValue, longName, many, enough] = j.list() as {
      query: Record<string, string>;
      truncated?: true;
    }[];
    expect(exact?.truncated).toBeUndefined();
    expect(longValue?.query.name).toBe(`${"v".repeat(MAX_QUERY_TEXT)}…`);
    expect(longValue?.truncated).toBe(true);
    expect(Object.keys(longName?.query ?? {})).toEqual([`${"n".repeat(MAX_QUERY_TEXT)}…`]);
    expect(longName?.truncated).toBe(true);
    expect(Object.keys(many?.query ?? {})).toHaveLength(MAX_QUERY_PARAMS);
    expect(many?.truncated).toBe(true);
    expect(Object.keys(enough?.query ?? {})).toHaveLength(MAX_QUERY_PARAMS);
    expect(enough?.truncated).toBeUndefined();
  });

  it("the byte budget drops the oldest entries first, and usage stays within it", () => {
    const j = new Journal(1000, 2000);
    for (let i = 0; i < 50; i++) j.add(record(`/${String(i).padStart(100, "x")}`));
    const { entries, bytes } = j.usage;
    expect(bytes).toBeLessThanOrEqual(2000);
    expect(entries).toBeGreaterThan(1);
    expect(entries).toBeLessThan(50);
    const seqs = j.list().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: entries }, (_, i) => 51 - entries + i));
  });

  it("an entry larger than the whole budget is not kept, and keeps the others", () => {
    const j = new Journal(10, 1000);
    j.add(record("/small"));
    j.add(record(`/${"x".repeat(MAX_PATH)}`, [["q", "v".repeat(MAX_QUERY_TEXT)]]));
    expect(j.list().map((e) => e.path)).toEqual(["/small"]);
  });

  it("capacity 0 keeps nothing; clear forgets everything but keeps counting", () => {
    const none = new Journal(0);
    none.add(record("/a"));
    expect(none.list()).toEqual([]);
    expect(none.usage).toEqual({ entries: 0, bytes: 0 });
    const j = new Journal(5);
    j.add(record("/a"));
    j.add(record("/b"));
    j.clear();
    expect(j.list()).toEqual([]);
    expect(j.usage).toEqual({ entries: 0, bytes: 0 });
    j.add(record("/c"));
    expect(j.list().map((e) => [e.seq, e.path])).toEqual([[3, "/c"]]);
  });
});
