/** `hss batch-scan-local-image` (alias `scan-local`): BatchScanLocalImage. */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import {
  type LocalImageBatchScanRequestBody,
  type LocalImageInfo,
  operations,
  type Schema,
} from "@hss/client";
import { type Context, createContext } from "../context.js";
import { CliError, EXIT, usage } from "../errors.js";
import { bodyFlags, type FlagSpec } from "../flags.js";
import { renderValue } from "../output.js";
import type { Command } from "./types.js";
import { write } from "./write.js";

const op = operations.BatchScanLocalImage;
const bodySchema = op.requestBody?.schema as Schema;
const infoFields = bodySchema.properties?.image_info_list?.items?.properties ?? {};
/** A LocalImageInfo field's schema from the spec; a flag's value may not be empty. */
const infoField = (name: string): Schema => ({ type: "string", ...infoFields[name], minLength: 1 });
const text: Schema = { type: "string", minLength: 1 };
const time = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  schema: { type: "integer" },
  time: true,
  help,
});

/** The command. */
export const batchScanLocalImage: Command = {
  name: "batch-scan-local-image",
  aliases: ["scan-local"],
  summary: op.summary,
  description: op.description,
  usesApi: true,
  positionals: [],
  flags: [
    {
      name: "image",
      key: "images",
      repeatable: true,
      schema: text,
      help: "an image to scan, as name:version (repeatable)",
    },
    {
      name: "image-id",
      key: "imageIds",
      repeatable: true,
      schema: infoField("image_id"),
      help: "an image to scan by id (repeatable)",
    },
    {
      name: "digest",
      key: "digests",
      repeatable: true,
      schema: infoField("image_digest"),
      help: "an image to scan by digest, sha256:... (repeatable)",
    },
    {
      name: "input",
      key: "input",
      schema: text,
      help: "the whole body as JSON from a file, or - for stdin; flags override it",
    },
    {
      name: "all-images",
      key: "operate_all",
      boolean: true,
      schema: { type: "boolean" },
      help: "scan every local image matching the filters (operate_all)",
    },
    time(
      "updated-after",
      "start_latest_update_time",
      "images updated at or after: ISO date or duration ago (7d)",
    ),
    time("updated-before", "end_latest_update_time", "images updated at or before"),
    time("scanned-after", "start_latest_scan_time", "images last scanned at or after"),
    time("scanned-before", "end_latest_scan_time", "images last scanned at or before"),
    ...bodyFlags(op),
    {
      name: "yes",
      key: "yes",
      boolean: true,
      schema: { type: "boolean" },
      help: "confirm operate_all without a prompt (needed when stdin is not a terminal)",
    },
    {
      name: "generate-skeleton",
      key: "skeleton",
      boolean: true,
      schema: { type: "boolean" },
      help: "print a body template for --input and exit",
    },
  ],
  examples: [
    "hss scan-local --image nginx:1.25 --image redis:7 --mock",
    "hss scan-local --all-images --scan-status unscan --local-image-type swr_image --yes",
    "hss scan-local --all-images --updated-after 7d --yes --dry-run",
    "hss scan-local --generate-skeleton > body.json && hss scan-local --input body.json",
  ],
  async run({ globals, values, io }) {
    if (values.skeleton) {
      await write(io.stdout, `${JSON.stringify(skeleton(bodySchema), null, 2)}\n`);
      return 0;
    }
    const body = await buildBody(values, io.stdin);
    const ctx = await createContext(globals, io);
    try {
      if (body.operate_all === true && !values.yes && !ctx.dryRun) await confirm(ctx, body);
      const receipt = await ctx.client.throwing.batchScanLocalImage(body, { signal: ctx.signal });
      const doc = { status: "queued", request_id: receipt.requestId ?? null };
      await write(
        ctx.stdout,
        `${await renderValue(ctx.query ? await (await import("../output.js")).applyQuery(doc, ctx.query) : doc, ctx.output)}\n`,
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

const FRIENDLY = new Set(["images", "imageIds", "digests", "input", "yes", "skeleton"]);

async function buildBody(
  values: Record<string, unknown>,
  stdin: NodeJS.ReadableStream,
): Promise<LocalImageBatchScanRequestBody> {
  let body: Record<string, unknown> = {};
  if (values.input !== undefined) {
    const source = values.input as string;
    let textBody: string;
    try {
      textBody = source === "-" ? await readAll(stdin) : await readFile(source, "utf8");
    } catch (error) {
      throw usage(`--input: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    try {
      body = JSON.parse(textBody);
    } catch (error) {
      throw usage(`--input: ${source} is not valid JSON (${(error as Error).message})`);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw usage("--input: the body must be a JSON object");
  }
  for (const [key, value] of Object.entries(values)) if (!FRIENDLY.has(key)) body[key] = value;
  const list: LocalImageInfo[] = [...((body.image_info_list as LocalImageInfo[] | undefined) ?? [])];
  for (const ref of (values.images as string[] | undefined) ?? []) {
    const at = ref.lastIndexOf(":");
    if (at <= 0 || at === ref.length - 1 || ref.slice(at).includes("/"))
      throw usage(`--image: must be name:version, e.g. nginx:1.25 (got ${JSON.stringify(ref)})`);
    list.push({ image_name: ref.slice(0, at), image_version: ref.slice(at + 1) });
  }
  for (const id of (values.imageIds as string[] | undefined) ?? []) list.push({ image_id: id });
  for (const digest of (values.digests as string[] | undefined) ?? []) list.push({ image_digest: digest });
  if (list.length) body.image_info_list = list;
  if (body.operate_all !== true && list.length === 0)
    throw usage(
      "say which images to scan: --image name:version, --image-id, --digest, --input FILE, or --all-images with filters",
    );
  return body as LocalImageBatchScanRequestBody;
}

async function confirm(ctx: Context, body: LocalImageBatchScanRequestBody): Promise<void> {
  const filters = Object.entries(body).filter(([k]) => k !== "operate_all" && k !== "image_info_list");
  const what = filters.length
    ? `matching ${filters.map(([k, v]) => `${k}=${v}`).join(", ")}`
    : "(no filters: every local image)";
  if (!ctx.stdin.isTTY)
    throw usage(
      `--all-images scans every local image ${what}; add --yes to confirm (stdin is not a terminal)`,
    );
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  const answer = await new Promise<string>((resolve) =>
    rl.question(`Scan every local image ${what}? [y/N] `, resolve),
  );
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("not confirmed; nothing was sent", EXIT.usage);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A template of a schema: every field with a placeholder of its type (the first enum value). */
export function skeleton(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, skeleton(s)]));
    case "array":
      return schema.items ? [skeleton(schema.items)] : [];
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    default:
      return "";
  }
}
