/**
 * Output: json, yaml, table, csv and ndjson, with an optional JMESPath `--query` applied to the
 * JSON result first. Images become one row per tag in table and csv, with stable columns.
 */
import type { VulRepoImageInfo } from "@hss/client";
import { CliError, EXIT } from "./errors.js";
import type { Output } from "./flags.js";
import { toYaml } from "./yaml.js";

/** The columns of table and csv, one row per image tag. */
export const IMAGE_COLUMNS = [
  "namespace",
  "image_name",
  "image_id",
  "image_type",
  "app_name",
  "version",
  "tag_name",
  "tag_id",
  "size",
] as const;

/** One image's rows (an image without tags still gets one row). */
export function imageRows(image: VulRepoImageInfo): string[][] {
  const base = [
    image.namespace,
    image.image_name,
    image.image_id,
    image.image_type,
    image.app_name,
    image.version,
  ];
  if (image.data_list.length === 0) return [[...base, "", "", ""]];
  return image.data_list.map((tag) => [...base, tag.tag_name, tag.tag_id, String(tag.size)]);
}

/** Applies a JMESPath expression; a bad expression is a usage error. */
export async function applyQuery(doc: unknown, query: string | undefined): Promise<unknown> {
  if (!query) return doc;
  const { search } = await import("jmespath");
  try {
    return search(doc as never, query);
  } catch (error) {
    throw new CliError(`--query: ${(error as Error).message}`, EXIT.usage);
  }
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

/** An aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...rows.map(line)].join("\n");
}

/** Renders any JSON value in a format (for query results and receipts). */
export async function renderValue(value: unknown, output: Output): Promise<string> {
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
        return rows.map((r) => (output === "csv" ? csvField(r) : String(r))).join("\n");
      const header = [...new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
      const cell = (v: unknown) =>
        output === "csv"
          ? csvField(v)
          : v === null || v === undefined
            ? ""
            : typeof v === "object"
              ? JSON.stringify(v)
              : String(v);
      const cells = rows.map((r) => header.map((h) => cell((r as Record<string, unknown>)?.[h])));
      if (output === "csv") return [header.join(","), ...cells.map((c) => c.join(","))].join("\n");
      return table(header, cells);
    }
  }
}
