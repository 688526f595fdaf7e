/**
 * Running an operation's command: everything is checked before the first byte is sent (flags
 * by the parser, `--query` compiled, the body file read and parsed, the input validated by the
 * spec, the configuration resolved), then a confirmation where the override asks for one, then
 * one call, or every page streamed with `--all`.
 */
import { readFile } from "node:fs/promises";
import { sendOrThrowAny, walkPages } from "@hss/client";
import type { OperationSpec, Schema } from "@hss/client/spec";
import { successOf, validateOperationInput } from "@hss/client/spec";
import { type Context, createContext, type Io } from "../context.js";
import { CliError, EXIT, usage } from "../errors.js";
import { compileQuery, csvField, itemLayout, type Query, renderResult, renderValue } from "../output.js";
import type { Override } from "../overrides/index.js";
import { ask } from "../prompt.js";
import { write } from "../write.js";

type Values = Record<string, unknown>;

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

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** The body from `--input FILE` or `--input -`. */
async function bodyFile(source: string, stdin: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = source === "-" ? await readAll(stdin) : await readFile(source, "utf8");
  } catch (error) {
    throw usage(`--input: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw usage(`--input: ${source} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw usage("--input: the body must be a JSON object");
  return body as Record<string, unknown>;
}

/** The operation's input from the flags: parameters by name, `body.*` fields over `--input`. */
async function buildInput(op: OperationSpec, values: Values, stdin: NodeJS.ReadableStream) {
  const input: Values = {};
  let body = values[":input"] === undefined ? undefined : await bodyFile(values[":input"] as string, stdin);
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith("param.")) input[key.slice(6)] = value;
    else if (key.startsWith("body.")) {
      body ??= {};
      body[key.slice(5)] = value;
    }
  }
  if (op.requestBody && (body !== undefined || op.requestBody.required)) input.body = body ?? {};
  return input;
}

/** Asks for a confirmation on a terminal; refuses without `--yes` elsewhere. */
async function confirm(ctx: Context, question: string): Promise<void> {
  if (!ctx.stdin.isTTY)
    throw usage(`${question.replace(/\?$/, "")}: add --yes to confirm (stdin is not a terminal)`);
  const answer = await ask(ctx, `${question} [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("not confirmed; nothing was sent", EXIT.usage);
}

/** Prints one result: the body (with `--query`), or a receipt when the success has no body. */
async function printResult(
  ctx: Context,
  op: OperationSpec,
  override: Override<never> | undefined,
  query: Query | undefined,
  result: Values,
): Promise<void> {
  const { requestId, ...doc } = result;
  const hasBody = successOf(op).schema !== null;
  const shown = hasBody ? doc : { status: override?.receipt ?? "ok", request_id: requestId ?? null };
  if (query) return write(ctx.stdout, `${renderValue(query(shown), ctx.output, ctx.style)}\n`);
  await write(
    ctx.stdout,
    `${hasBody ? renderResult(op, override, shown, ctx.output, ctx.style) : renderValue(shown, ctx.output, ctx.style)}\n`,
  );
  const paging = op.pagination;
  if (paging && ctx.stderr.isTTY) {
    const items = (doc[paging.items] as unknown[] | undefined)?.length ?? 0;
    ctx.stderr.write(`${items} of ${doc[paging.total]} (request id ${requestId}); --all lists every page\n`);
  }
}

/** Every page of a paged operation, streamed where the format allows (ndjson, csv, json). */
async function streamAll(
  ctx: Context,
  op: OperationSpec,
  override: Override<never> | undefined,
  query: Query | undefined,
  input: Values,
  values: Values,
): Promise<void> {
  const paging = op.pagination as NonNullable<OperationSpec["pagination"]>;
  const maxItems = values[":maxItems"] as number | undefined;
  const walk = walkPages(ctx.client, op, input, {
    prefetch: (values[":prefetch"] as number | undefined) ?? 4,
    ...(maxItems !== undefined && { maxItems }),
    signal: ctx.signal,
  });
  const collect = Boolean(query) || ctx.output === "table" || ctx.output === "yaml";
  const layout = itemLayout(op, override);
  const collected: unknown[] = [];
  const progress = ctx.stderr.isTTY === true;
  let total = 0;
  let seen = 0;
  let first = true;
  for await (const page of walk) {
    total = page.total;
    if (first && !collect) {
      if (ctx.output === "csv") await write(ctx.stdout, `${layout.columns.join(",")}\n`);
      if (ctx.output === "json")
        await write(
          ctx.stdout,
          `{\n  ${JSON.stringify(paging.total)}: ${total},\n  ${JSON.stringify(paging.items)}: [`,
        );
    }
    first = false;
    let chunk = "";
    for (const item of page.items) {
      if (collect) collected.push(item);
      else if (ctx.output === "ndjson") chunk += `${JSON.stringify(item)}\n`;
      else if (ctx.output === "csv")
        for (const row of layout.rows(item)) chunk += `${row.map(csvField).join(",")}\n`;
      else
        chunk += `${seen === 0 && !chunk ? "\n" : ",\n"}${JSON.stringify(item, null, 2).replace(/^/gm, "    ")}`;
      seen++;
    }
    if (chunk) await write(ctx.stdout, chunk);
    if (progress) ctx.stderr.write(`\r${seen} of ${maxItems ? Math.min(total, maxItems) : total}`);
  }
  if (progress) ctx.stderr.write("\n");
  if (collect) {
    const doc = { [paging.total]: total, [paging.items]: collected };
    return write(
      ctx.stdout,
      `${query ? renderValue(query(doc), ctx.output, ctx.style) : renderResult(op, override, doc, ctx.output, ctx.style)}\n`,
    );
  }
  if (ctx.output === "json")
    await write(
      ctx.stdout,
      first
        ? `{\n  ${JSON.stringify(paging.total)}: 0,\n  ${JSON.stringify(paging.items)}: []\n}\n`
        : `${seen ? "\n  " : ""}]\n}\n`,
    );
}

/**
 * A `start_X` after its `end_X` (among the parameters or in the body) asks for an empty range: almost
 * always swapped flags (`--updated-after 1d --updated-before 3d`), so it is a usage error that
 * names the two flags as typed (or the fields, when they came from `--input`).
 */
function checkRanges(input: Values, shown: Record<string, string>): void {
  // Parameters sit at the input's top level (flags keyed `param.<name>`), body fields under
  // `body` (flags keyed `body.<name>`).
  for (const [fields, prefix] of [
    [input, "param"],
    [input.body as Values | undefined, "body"],
  ] as const) {
    if (!fields || typeof fields !== "object") continue;
    for (const [key, start] of Object.entries(fields)) {
      if (!key.startsWith("start_")) continue;
      const endKey = `end_${key.slice(6)}`;
      const end = fields[endKey];
      if (typeof start !== "number" || typeof end !== "number" || start <= end) continue;
      const name = (k: string) => shown[`${prefix}.${k}`] ?? k;
      throw usage(
        `${name(key)} (${stamp(start)}) is after ${name(endKey)} (${stamp(end)}): the range is empty; swap them?`,
      );
    }
  }
}

/** Epoch ms as an ISO time, for messages. */
const stamp = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** Runs an operation's command. */
export async function runOperation(
  op: OperationSpec,
  override: Override<never> | undefined,
  {
    globals,
    values,
    io,
    shown = {},
  }: { globals: Values; values: Values; io: Io; shown?: Record<string, string> },
): Promise<number> {
  if (values[":skeleton"]) {
    await write(io.stdout, `${JSON.stringify(skeleton(op.requestBody?.schema ?? {}), null, 2)}\n`);
    return EXIT.ok;
  }
  const query = globals.query === undefined ? undefined : await compileQuery(globals.query as string);
  let input = await buildInput(op, values, io.stdin);
  if (override?.input) input = override.input(values, input as never) as Values;
  checkRanges(input, shown);
  if (input.body !== undefined) {
    const problems = validateOperationInput(op, { body: input.body }).filter((v) => v.location === "body");
    if (problems.length)
      throw usage(`the body breaks the spec: ${problems.map((v) => `${v.field}: ${v.message}`).join("; ")}`);
  }
  const ctx = await createContext(globals, io);
  try {
    const question = override?.confirm?.(input as never);
    if (question && values[":yes"] !== true && !ctx.dryRun) await confirm(ctx, question);
    if (op.pagination && (values[":all"] === true || values[":maxItems"] !== undefined))
      await streamAll(ctx, op, override, query, input, values);
    else {
      const result = await sendOrThrowAny(ctx.client, op, input, { signal: ctx.signal });
      await printResult(ctx, op, override, query, result);
    }
    return EXIT.ok;
  } finally {
    await ctx.close();
  }
}
