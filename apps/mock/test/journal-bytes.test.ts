/**
 * The journal's byte budget as a bound that is kept: what it counts of an entry covers the text
 * it keeps (two bytes a character, as JavaScript strings may take) and grows with every
 * parameter; an entry cut for its length is counted at its cut size; entries that fill the budget
 * exactly are all kept; and query text at the limit is kept whole when the entry is cut for
 * its path.
 */
import { describe, expect, it } from "vitest";
import { Journal, type JournalRecord, MAX_PATH, MAX_QUERY_TEXT } from "../src/journal.js";
import { record } from "./journal-record.js";

/** The bytes one entry is counted at, alone in a journal without a budget, and what it keeps. */
function counted(r: JournalRecord) {
  const j = new Journal(10);
  j.add(r);
  const [entry] = j.list();
  if (!entry) throw new Error("not kept");
  return { bytes: j.usage.bytes, entry };
}

const textOf = (e: { path: string; query: Record<string, string> }) =>
  e.path.length + Object.entries(e.query).reduce((n, [k, v]) => n + k.length + v.length, 0);

describe("what an entry is counted at", () => {
  it.each([
    ["a path of 500 characters", () => record(`/${"p".repeat(499)}`)],
    ["a query value of 256 characters", () => record("/q", [["n", "v".repeat(MAX_QUERY_TEXT)]])],
    ["a query name of 256 characters", () => record("/q", [["n".repeat(MAX_QUERY_TEXT), "v"]])],
    ["a cut path and a cut value", () => record(`/${"p".repeat(600)}`, [["n", "v".repeat(300)]])],
    [
      "a cut path and a value at the limit",
      () => record(`/${"p".repeat(600)}`, [["v".repeat(MAX_QUERY_TEXT), "n"]]),
    ],
  ])("covers two bytes a character of what is kept: %s", (_, make) => {
    const { bytes, entry } = counted(make());
    expect(bytes).toBeGreaterThanOrEqual(2 * textOf(entry));
  });

  it.each([
    ["a path that fits", "/q"],
    ["a path that is cut", `/${"p".repeat(MAX_PATH + 100)}`],
  ])("grows with every parameter kept, even one-character ones (%s)", (_, path) => {
    const letters = Array.from(
      { length: 26 },
      (_, i) => [String.fromCharCode(97 + i), "1"] as [string, string],
    );
    const without = counted(record(path)).bytes;
    const withSome = counted(record(path, letters.slice(0, 13))).bytes;
    const withAll = counted(record(path, letters)).bytes;
    expect(withSome).toBeGreaterThan(without);
    expect(withAll).toBeGreaterThan(withSome);
  });

  it("a path cut to 512 characters is counted at its cut length: a 100 000-character path fits a budget made for its cut", () => {
    const cut = counted(record(`/${"p".repeat(MAX_PATH + 10)}`)).bytes;
    const j = new Journal(10, cut);
    j.add(record(`/${"p".repeat(100_000)}`));
    const [entry] = j.list();
    expect(entry?.path).toBe(`/${"p".repeat(MAX_PATH - 1)}…`);
    expect(entry?.truncated).toBe(true);
    expect(j.usage.bytes).toBe(cut);
  });
});

describe("the budget's edge", () => {
  const make = () => record("/same", [["limit", "10"]]);

  it("an entry that takes exactly the whole budget is kept", () => {
    const size = counted(make()).bytes;
    const j = new Journal(10, size);
    j.add(make());
    expect(j.list().map((e) => e.path)).toEqual(["/same"]);
    expect(j.usage).toEqual({ entries: 1, bytes: size });
  });

  it("entries that fill the budget exactly are all kept; one more drops the oldest", () => {
    const size = counted(make()).bytes;
    const j = new Journal(10, 3 * size);
    for (let i = 0; i < 3; i++) j.add(make());
    expect(j.list().map((e) => e.seq)).toEqual([1, 2, 3]);
    j.add(make());
    expect(j.list().map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(j.usage).toEqual({ entries: 3, bytes: 3 * size });
  });
});

describe("query text of an entry cut for its path", () => {
  it("a name and a value of exactly 256 characters are kept whole, no ellipsis", () => {
    const name = "n".repeat(MAX_QUERY_TEXT);
    const value = "v".repeat(MAX_QUERY_TEXT);
    const { entry } = counted(record(`/${"p".repeat(MAX_PATH)}`, [[name, value]]));
    expect(entry.truncated).toBe(true);
    expect(entry.query).toEqual({ [name]: value });
  });
});
