/**
 * The command of one operation, derived from its entry in the spec's table: a kebab-case name
 * from the operationId and the aliases of `x-cli-aliases`; path parameters as positionals;
 * query and header parameters and the body's scalar fields as flags with the spec's types,
 * ranges, enums, defaults and descriptions; `--input` and `--generate-skeleton` when it takes a
 * body; `--all`, `--max-items` and `--prefetch` when it is paged. An override may add flags,
 * examples, a confirmation and table rows (src/overrides).
 */
import type { PositionalSpec } from "@hss/args";
import { MAX_PREFETCH, reachableItems } from "@hss/client";
import { type OperationSpec, operations, type Schema } from "@hss/client/spec";
import { type FlagSpec, GLOBAL_FLAGS } from "../flags.js";
import { type Override, overrideOf } from "../overrides/index.js";
import { kebab } from "./names.js";
import type { Command } from "./types.js";

/** Parameters the global flags and the client's settings provide. */
export const CONTEXT_PARAMETERS: ReadonlySet<string> = new Set([
  "project_id",
  "region",
  "enterprise_project_id",
]);

const bool = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  boolean: true,
  schema: { type: "boolean" },
  help,
});

/**
 * A flag of the spec (a parameter, key `param.<name>`, or a body field, key `body.<field>`). Its
 * name is the spec's name in kebab-case, unless the CLI already uses that name (a global flag,
 * a command option, another field): then it is prefixed (`--param-version`, `--body-limit`).
 */
function specFlag(
  name: string,
  key: string,
  schema: Schema,
  help: string,
  prefix: string,
  taken: Set<string>,
): FlagSpec {
  const plain = kebab(name);
  const flag = taken.has(plain) ? `${prefix}-${plain}` : plain;
  taken.add(flag);
  return { name: flag, key, schema, help, ...(schema.type === "boolean" && { boolean: true }) };
}

/** The command options of a paged operation. */
function pagingFlags(op: OperationSpec): FlagSpec[] {
  return [
    bool("all", ":all", "every page, streamed (ndjson, csv and json print as pages arrive)"),
    {
      name: "max-items",
      key: ":maxItems",
      schema: { type: "integer", minimum: 1, maximum: reachableItems(op) },
      help: "stop after this many items (implies paging)",
    },
    {
      name: "prefetch",
      key: ":prefetch",
      schema: { type: "integer", minimum: 1, maximum: MAX_PREFETCH, default: 4 },
      help: "pages requested at once with --all",
    },
  ];
}

/** The command's own options (not from the spec): body input, confirmation, paging, the override's. */
function ownFlags(op: OperationSpec, override: Override<never> | undefined): FlagSpec[] {
  const flags = [...(override?.flags ?? [])];
  if (op.requestBody)
    flags.push(
      {
        name: "input",
        key: ":input",
        schema: { type: "string", minLength: 1 },
        help: "the whole body as JSON from a file, or - for stdin; flags override its fields",
      },
      bool("generate-skeleton", ":skeleton", "print a body template for --input and exit"),
    );
  if (override?.confirm)
    flags.push(bool("yes", ":yes", "confirm without a prompt (needed when stdin is not a terminal)"));
  if (op.pagination) flags.push(...pagingFlags(op));
  return flags;
}

/** Every flag of an operation's command: the spec's parameters and scalar body fields, then its own. */
function operationFlags(op: OperationSpec, override: Override<never> | undefined): FlagSpec[] {
  const own = ownFlags(op, override);
  const taken = new Set([...GLOBAL_FLAGS, ...own].flatMap((f) => [f.name, ...(f.short ? [f.short] : [])]));
  const params = op.parameters
    .filter((p) => (p.in === "query" || p.in === "header") && !CONTEXT_PARAMETERS.has(p.name))
    .map((p) => specFlag(p.name, `param.${p.name}`, p.schema, p.description, "param", taken));
  const body = Object.entries(op.requestBody?.schema.properties ?? {})
    .filter(([, schema]) => schema.type !== "array" && schema.type !== "object")
    .map(([field, schema]) =>
      specFlag(field, `body.${field}`, schema, schema.description ?? "", "body", taken),
    );
  // Friendlier override flags that set a spec field share its key (`--all-images` is `operate_all`):
  // the override's flag comes first in help, the spec's own stays available.
  return [...params, ...body, ...own];
}

/** Examples for an operation without curated ones. */
function genericExamples(name: string, positionals: readonly PositionalSpec[], op: OperationSpec): string[] {
  const args = positionals
    .map((p) => {
      const example = op.parameters.find((x) => x.name === p.key)?.example;
      return example === undefined ? `<${p.name}>` : String(example);
    })
    .join(" ");
  const base = `hss ${name}${args ? ` ${args}` : ""}`;
  return [`${base} --mock`, ...(op.pagination ? [`${base} --all --output ndjson`] : []), `${base} --dry-run`];
}

/** The command of an operation of the table, by operationId. */
export function operationCommand(operationId: string): Command {
  const op = (operations as unknown as Record<string, OperationSpec>)[operationId];
  if (!op) throw new Error(`the spec has no operation ${operationId}`);
  return commandOf(op);
}

/** The command of an operation. */
export function commandOf(op: OperationSpec): Command {
  const override = overrideOf(op.operationId);
  const name = kebab(op.operationId);
  const positionals: PositionalSpec[] = op.parameters
    .filter((p) => p.in === "path" && !CONTEXT_PARAMETERS.has(p.name))
    .map((p) => ({
      name: p.name,
      key: `param.${p.name}`,
      schema: p.schema,
      help: p.description,
      required: p.required,
    }));
  return {
    name,
    aliases: op.aliases,
    summary: op.summary,
    description: op.description,
    positionals,
    flags: operationFlags(op, override),
    examples: override?.examples ?? genericExamples(name, positionals, op),
    async run(input) {
      const { runOperation } = await import("./run-operation.js");
      return runOperation(op, override, input);
    },
  };
}
