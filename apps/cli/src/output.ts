/**
 * Output: json, yaml, table, csv and ndjson, with an optional JMESPath `--query` applied to the
 * JSON result first. A paged operation's items become table and csv rows (one per item, its
 * scalar fields as columns in the spec's order, or the override's rows); other results are
 * one row of their scalar fields. Text meant for a terminal has its control characters escaped.
 */
import type { OperationSpec, Schema } from "@hss/client/spec";
import { schemaAt, successOf } from "@hss/client/spec";
import { loadJmespath } from "./chunks/jmespath.js";
import { CliError, EXIT } from "./errors.js";
import type { Output } from "./flags.js";
import type { Override } from "./overrides/index.js";
import { sanitize } from "./text.js";
import { toYaml } from "./yaml.js";

export { sanitize };

/** A compiled `--query`. */
export type Query = (doc: unknown) => unknown;

/** Compiles a JMESPath expression before anything is sent; a bad one is a usage error. */
export async function compileQuery(expression: string): Promise<Query> {
  const jmespath = await loadJmespath();
  try {
    jmespath.compile(expression);
  } catch (error) {
    throw new CliError(`--query: ${(error as Error).message}`, EXIT.usage);
  }
  return (doc) => {
    try {
      return jmespath.search(doc, expression);
    } catch (error) {
      throw new CliError(`--query: ${(error as Error).message}`, EXIT.usage);
    }
  };
}

/** A CSV field per RFC 4180. */
export function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A value as cell text: scalars as they are, the rest as JSON. */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** An aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map((c) => sanitize(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...safe.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...safe.map(line)].join("\n");
}

/** The schema of one item of a paged operation. */
function itemSchema(op: OperationSpec): Schema | undefined {
  const paging = op.pagination;
  return paging ? schemaAt(successOf(op).schema, `${paging.items}[]`) : undefined;
}

/** The table and csv layout of a paged operation's items: the override's, or every scalar field. */
export function itemLayout(op: OperationSpec, override: Override<never> | undefined) {
  if (override?.table)
    return override.table as { columns: readonly string[]; rows(item: unknown): string[][] };
  const properties = itemSchema(op)?.properties ?? {};
  const columns = Object.entries(properties)
    .filter(([, s]) => s.type !== "array" && s.type !== "object")
    .map(([name]) => name);
  return {
    columns,
    rows: (item: unknown) => [columns.map((c) => text((item as Record<string, unknown>)[c]))],
  };
}

/** Renders any JSON value in a format (query results, receipts, objects). */
export function renderValue(value: unknown, output: Output): string {
  switch (output) {
    case "json":
      return JSON.stringify(value, null, 2);
    case "yaml":
      return toYaml(value);
    case "ndjson":
      return Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join("\n") : JSON.stringify(value);
    case "table":
    case "csv": {
      const rows = Array.isArray(value) ? value : [value];
      if (rows.every((r) => r === null || typeof r !== "object"))
        return rows.map((r) => (output === "csv" ? csvField(r) : sanitize(text(r)))).join("\n");
      const header = [...new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
      const pick = (r: unknown, h: string) => (r as Record<string, unknown> | null)?.[h];
      if (output === "csv")
        return [header.join(","), ...rows.map((r) => header.map((h) => csvField(pick(r, h))).join(","))].join(
          "\n",
        );
      return table(
        header,
        rows.map((r) => header.map((h) => text(pick(r, h)))),
      );
    }
  }
}

/** Renders one page or result of an operation. */
export function renderResult(
  op: OperationSpec,
  override: Override<never> | undefined,
  doc: unknown,
  output: Output,
): string {
  const paging = op.pagination;
  const items = paging
    ? ((doc as Record<string, unknown>)[paging.items] as unknown[] | undefined)
    : undefined;
  if (!paging || !Array.isArray(items)) return renderValue(doc, output);
  const layout = itemLayout(op, override);
  switch (output) {
    case "table":
      return table(
        layout.columns,
        items.flatMap((item) => layout.rows(item)),
      );
    case "csv":
      return [
        layout.columns.join(","),
        ...items.flatMap((i) => layout.rows(i)).map((r) => r.map(csvField).join(",")),
      ].join("\n");
    case "ndjson":
      return items.map((i) => JSON.stringify(i)).join("\n");
    default:
      return renderValue(doc, output);
  }
}
