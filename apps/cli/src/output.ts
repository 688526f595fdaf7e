/**
 * Output: json, yaml, table, csv and ndjson, with an optional JMESPath `--query` applied to the
 * JSON result first. A paged operation's items become table and csv rows (one per item, its
 * scalar fields as columns in the spec's order, or the override's rows); other results are
 * one row of their scalar fields. Text meant for a terminal has its control characters escaped.
 */
import type { OperationSpec, Schema } from "@hss/client/spec";
import { schemaAt, successOf } from "@hss/client/spec";
import { loadJmespath } from "./chunks/jmespath.js";
import { loadWidth } from "./chunks/width.js";
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

/** How a table is drawn: the columns it may take, whether its header is bold, how text is measured. */
export interface Style {
  width: number;
  color: boolean;
  /** Display columns of a text (string-width, loaded for tables); code points without it. */
  measure?: (text: string) => number;
}

/** A table as wide as its values, without colour (pipes, files, tests). */
export const PLAIN: Style = { width: Number.POSITIVE_INFINITY, color: false };

const codePoints = (text: string) => [...text].length;

/**
 * The style of stdout: on a terminal, its width (unless `--no-truncate`) and colour (unless
 * `NO_COLOR` or `--color never`; `--color always` forces it); elsewhere whole values, no colour.
 */
export async function styleOf(
  globals: Record<string, unknown>,
  io: { env: Record<string, string | undefined>; stdout: { isTTY?: boolean; columns?: number } },
  output: Output,
): Promise<Style> {
  const tty = io.stdout.isTTY === true;
  const mode = (globals.color as string | undefined) ?? "auto";
  const color = mode === "always" || (mode === "auto" && tty && !io.env.NO_COLOR && io.env.TERM !== "dumb");
  const columns = io.stdout.columns || Number(io.env.COLUMNS) || 80;
  const width = tty && globals.noTruncate !== true ? columns : Number.POSITIVE_INFINITY;
  return { width, color, ...(output === "table" && { measure: (await loadWidth()).stringWidth }) };
}

/** Cut to `width` columns of display, ending with an ellipsis when cut. */
function fit(text: string, width: number, stringWidth: (text: string) => number): string {
  if (stringWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/**
 * Column widths that fit `total` columns: the widest columns give way first. Each keeps the
 * width of its header (up to 8) while that fits, then less, down to one column of text.
 */
function fitWidths(natural: readonly number[], headers: readonly number[], total: number): number[] {
  const room = total - 2 * (natural.length - 1);
  for (const floor of [8, 5, 3, 1]) {
    const minimum = headers.map((h, i) => Math.min(h, floor, natural[i] as number));
    const widths = (cap: number) => natural.map((w, i) => Math.min(w, Math.max(cap, minimum[i] as number)));
    const sum = (cap: number) => widths(cap).reduce((s, w) => s + w, 0);
    let cap = Math.max(...natural);
    while (cap > 1 && sum(cap) > room) cap--;
    if (sum(cap) <= room || floor === 1) return widths(cap);
  }
  return [...natural];
}

/**
 * An aligned text table, measured in display columns (a CJK character takes two), fitted to the
 * style's width by cutting the widest values with an ellipsis.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  style: Style = PLAIN,
): string {
  const stringWidth = style.measure ?? codePoints;
  const titles = header.map((h) => sanitize(h.toUpperCase()));
  const safe = rows.map((r) => titles.map((_, i) => sanitize(r[i] ?? "")));
  const natural = titles.map((h, i) =>
    Math.max(stringWidth(h), ...safe.map((r) => stringWidth(r[i] as string))),
  );
  const widths = fitWidths(
    natural,
    titles.map((h) => stringWidth(h)),
    style.width,
  );
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => {
        const cell = fit(c, widths[i] as number, stringWidth);
        return cell + " ".repeat(Math.max(0, (widths[i] as number) - stringWidth(cell)));
      })
      .join("  ")
      .trimEnd();
  const head = line(titles);
  return [style.color ? `\u001b[1m${head}\u001b[22m` : head, ...safe.map(line)].join("\n");
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
export function renderValue(value: unknown, output: Output, style: Style = PLAIN): string {
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
        style,
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
  style: Style = PLAIN,
): string {
  const paging = op.pagination;
  const items = paging
    ? ((doc as Record<string, unknown>)[paging.items] as unknown[] | undefined)
    : undefined;
  if (!paging || !Array.isArray(items)) return renderValue(doc, output, style);
  const layout = itemLayout(op, override);
  switch (output) {
    case "table":
      return table(
        layout.columns,
        items.flatMap((item) => layout.rows(item)),
        style,
      );
    case "csv":
      return [
        layout.columns.join(","),
        ...items.flatMap((i) => layout.rows(i)).map((r) => r.map(csvField).join(",")),
      ].join("\n");
    case "ndjson":
      return items.map((i) => JSON.stringify(i)).join("\n");
    default:
      return renderValue(doc, output, style);
  }
}
