/** `hss list-vul-repo-image <vul_id>` (alias `vul-images`): ListVulRepoImage, one page or all. */
import { operations, type VulRepoImageInfo } from "@hss/client";
import { type Context, createContext } from "../context.js";
import { queryFlags } from "../flags.js";
import { applyQuery, csvField, IMAGE_COLUMNS, imageRows, renderValue, table } from "../output.js";
import type { Command } from "./types.js";
import { write } from "./write.js";

const op = operations.ListVulRepoImage;
const vulParam = op.parameters.find((p) => p.name === "vul_id");
if (!vulParam) throw new Error("the spec lost vul_id");

/** The command. */
export const listVulRepoImage: Command = {
  name: "list-vul-repo-image",
  aliases: ["vul-images"],
  summary: op.summary,
  description: op.description,
  usesApi: true,
  positionals: [
    { name: "vul_id", key: "vul_id", help: vulParam.description, schema: vulParam.schema, required: true },
  ],
  flags: [
    ...queryFlags(op, ["enterprise_project_id"]),
    {
      name: "all",
      key: "all",
      boolean: true,
      schema: { type: "boolean" },
      help: "every page, streamed (ndjson and csv print as pages arrive)",
    },
    {
      name: "max-items",
      key: "maxItems",
      schema: { type: "integer", minimum: 1, maximum: 2_000_200 },
      help: "stop after this many images (implies paging)",
    },
    {
      name: "prefetch",
      key: "prefetch",
      schema: { type: "integer", minimum: 1, maximum: 16, default: 4 },
      help: "pages requested at once with --all",
    },
  ],
  examples: [
    "hss vul-images CVE-2021-44228 --mock --output table",
    "hss vul-images CVE-2021-44228 --image-name nginx --limit 50",
    "hss vul-images CVE-2021-44228 --all --output ndjson > images.ndjson",
    "hss vul-images CVE-2021-44228 --query 'data_list[].image_name' --output json",
  ],
  async run({ globals, values, io }) {
    const ctx = await createContext(globals, io);
    try {
      const { all, maxItems, prefetch, ...params } = values as Record<string, unknown> & { vul_id: string };
      if (all || maxItems !== undefined)
        await streamAll(ctx, params as never, {
          prefetch: (prefetch as number | undefined) ?? 4,
          maxItems: maxItems as number | undefined,
        });
      else {
        const page = await ctx.client.throwing.listVulRepoImage(params as never, { signal: ctx.signal });
        const { requestId, ...doc } = page;
        await printPage(ctx, doc);
        if (ctx.stderr.isTTY && !ctx.query)
          ctx.stderr.write(
            `${doc.data_list.length} of ${doc.total_num} images (request id ${requestId}); --all lists every page\n`,
          );
      }
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

async function printPage(ctx: Context, doc: { total_num: number; data_list: VulRepoImageInfo[] }) {
  if (ctx.query)
    return write(ctx.stdout, `${await renderValue(await applyQuery(doc, ctx.query), ctx.output)}\n`);
  switch (ctx.output) {
    case "table":
      return write(ctx.stdout, `${table(IMAGE_COLUMNS, doc.data_list.flatMap(imageRows))}\n`);
    case "csv":
      return write(
        ctx.stdout,
        `${[
          IMAGE_COLUMNS.join(","),
          ...doc.data_list.flatMap(imageRows).map((r) => r.map(csvField).join(",")),
        ].join("\n")}\n`,
      );
    case "ndjson":
      return write(ctx.stdout, doc.data_list.map((i) => `${JSON.stringify(i)}\n`).join(""));
    default:
      return write(ctx.stdout, `${await renderValue(doc, ctx.output)}\n`);
  }
}

async function streamAll(
  ctx: Context,
  params: { vul_id: string },
  options: { prefetch: number; maxItems: number | undefined },
) {
  const pages = ctx.client.pagesOfVulRepoImages(params, {
    prefetch: options.prefetch,
    maxItems: options.maxItems,
    signal: ctx.signal,
  });
  const collect = Boolean(ctx.query) || ctx.output === "table" || ctx.output === "yaml";
  const collected: VulRepoImageInfo[] = [];
  const progress = ctx.stderr.isTTY === true;
  let total = 0;
  let seen = 0;
  let first = true;
  for await (const page of pages) {
    total = page.totalNum;
    if (first && !collect) {
      if (ctx.output === "csv") await write(ctx.stdout, `${IMAGE_COLUMNS.join(",")}\n`);
      if (ctx.output === "json") await write(ctx.stdout, `{\n  "total_num": ${total},\n  "data_list": [`);
    }
    for (const image of page.items) {
      if (collect) collected.push(image);
      else if (ctx.output === "ndjson") await write(ctx.stdout, `${JSON.stringify(image)}\n`);
      else if (ctx.output === "csv")
        await write(
          ctx.stdout,
          imageRows(image)
            .map((r) => `${r.map(csvField).join(",")}\n`)
            .join(""),
        );
      else await write(ctx.stdout, `${seen === 0 ? "\n" : ",\n"}${indent(JSON.stringify(image, null, 2))}`);
      seen++;
    }
    first = false;
    if (progress)
      ctx.stderr.write(`\r${seen} of ${options.maxItems ? Math.min(total, options.maxItems) : total} images`);
  }
  if (progress) ctx.stderr.write("\n");
  if (collect) return printPage(ctx, { total_num: total, data_list: collected });
  if (ctx.output === "json")
    await write(
      ctx.stdout,
      first ? `{\n  "total_num": 0,\n  "data_list": []\n}\n` : `${seen ? "\n  " : ""}]\n}\n`,
    );
}

const indent = (text: string) => text.replace(/^/gm, "    ");
