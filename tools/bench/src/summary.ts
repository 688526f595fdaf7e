/**
 * The summary of one `corepack pnpm bench` run: every ratio measured in that run, each with its
 * target and a pass/short mark, printed as one table and written as JSON, and the change per
 * row between two such files (`--compare`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fmt } from "./stats.ts";

/** How a row's value meets its target: at least, at most, or no target (shown for information). */
export type Goal = { atLeast: number } | { atMost: number } | null;

/** One measured row. */
export interface Row {
  /** Stable id, so that two runs' rows can be matched. */
  id: string;
  /** What was measured, in words. */
  measure: string;
  /** The measured figure: a ratio (unit "x") or a quantity. */
  value: number;
  unit: "x" | "req/s" | "items/s" | "MB" | "ms" | "µs";
  /** The raw figures the value came from, e.g. "9,011 / 32,256 req/s". */
  detail: string;
  goal: Goal;
  /** Cores of each process, e.g. "load 1 (cpu 0), server 1 (cpu 1)". */
  cores: string;
}

/** A run's results, as written to JSON. */
export interface Results {
  /** The checkout measured (its git commit) and when. */
  commit: string;
  root: string;
  date: string;
  node: string;
  cpus: number;
  /** Load average when the run began and ended (other work on the machine shows here). */
  load: { start: number[]; end: number[] };
  rows: Row[];
}

export const passes = (row: Pick<Row, "value" | "goal">): boolean | null =>
  row.goal === null
    ? null
    : "atLeast" in row.goal
      ? row.value >= row.goal.atLeast
      : row.value <= row.goal.atMost;

const digits = (unit: Row["unit"], value: number) =>
  unit === "x" ? 3 : unit === "MB" || unit === "µs" ? 1 : value >= 100 ? 0 : 1;

/** A value with its unit, e.g. "0.853x", "51,200 items/s". */
export function show(value: number, unit: Row["unit"]): string {
  const n = Number(value.toFixed(digits(unit, value))).toLocaleString("en-US", {
    minimumFractionDigits: digits(unit, value),
    maximumFractionDigits: digits(unit, value),
  });
  return unit === "x" ? `${n}x` : `${n} ${unit}`;
}

const goalText = (row: Row) =>
  row.goal === null
    ? ""
    : "atLeast" in row.goal
      ? `>= ${show(row.goal.atLeast, row.unit)}`
      : `<= ${show(row.goal.atMost, row.unit)}`;

/** Prints a markdown table, columns padded. */
export function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c + " ".repeat((widths[i] as number) - [...c].length)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** The summary table of a run. */
export function summaryTable(results: Results): string {
  return table(
    ["measure", "result", "from", "target", "", "cores"],
    results.rows.map((row) => {
      const ok = passes(row);
      return [
        row.measure,
        show(row.value, row.unit),
        row.detail,
        goalText(row),
        ok === null ? "" : ok ? "pass" : "SHORT",
        row.cores,
      ];
    }),
  );
}

/** Writes the results as JSON (the directory made when missing). */
export function writeResults(file: string, results: Results): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Arrays of numbers on one line, as the formatter (Biome) writes them.
  const text = JSON.stringify(results, null, 2).replace(
    /\[\n\s+([-\d.,\s]+?)\n\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s*/).join(", ")}]`,
  );
  writeFileSync(file, `${text}\n`);
}

export function readResults(file: string): Results {
  return JSON.parse(readFileSync(file, "utf8")) as Results;
}

/**
 * The change per row from `before` to `after`: both values, the change in percent, and whether
 * it moved toward the target (for rows without one: up or down).
 */
export function compareTable(before: Results, after: Results): string {
  const old = new Map(before.rows.map((r) => [r.id, r]));
  const ids = [
    ...after.rows.map((r) => r.id),
    ...before.rows.map((r) => r.id).filter((id) => !after.rows.some((r) => r.id === id)),
  ];
  const rows = ids.map((id) => {
    const a = old.get(id);
    const b = after.rows.find((r) => r.id === id);
    const row = (b ?? a) as Row;
    if (!a || !b)
      return [
        row.measure,
        a ? show(a.value, a.unit) : "-",
        b ? show(b.value, b.unit) : "-",
        "",
        "",
        goalText(row),
        b ? markOf(b) : "",
      ];
    const change = a.value === 0 ? 0 : (b.value - a.value) / a.value;
    const better =
      row.goal === null
        ? ""
        : ("atLeast" in row.goal ? b.value > a.value : b.value < a.value)
          ? "better"
          : "worse";
    return [
      row.measure,
      show(a.value, a.unit),
      show(b.value, b.unit),
      `${change >= 0 ? "+" : ""}${fmt(change * 100, 1)}%`,
      Math.abs(change) < 0.02 ? "same" : better,
      goalText(row),
      markOf(b),
    ];
  });
  return table(
    [
      "measure",
      `before (${before.commit.slice(0, 7)})`,
      `after (${after.commit.slice(0, 7)})`,
      "change",
      "",
      "target",
      "after",
    ],
    rows,
  );
}

const markOf = (row: Row) => {
  const ok = passes(row);
  return ok === null ? "" : ok ? "pass" : "SHORT";
};
