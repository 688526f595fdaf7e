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
import { type OperationSpec, operations, type ParameterSpec, type Schema } from "@hss/client/spec";
import type { FlagSpec } from "../flags.js";
import { type Override, overrideOf } from "../overrides/index.js";
import { kebab } from "./names.js";
import type { Command } from "./types.js";

/** Parameters the global flags and the client's settings provide. */
export const CONTEXT_PARAMETERS: ReadonlySet<string> = new Set([
  "project_id",
  "region",
  "enterprise_project_id",
]);

const paramFlag = (p: ParameterSpec): FlagSpec => ({
  name: kebab(p.name),
  key: p.name,
  schema: p.schema,
  help: p.description,
  ...(p.schema.type === "boolean" && { boolean: true }),
});

const bool = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  boolean: true,
  schema: { type: "boolean" },
  help,
});

/** The flags of the body's scalar fields (keys `body.<field>`); a name taken by a parameter gets `body-`. */
function bodyFlags(op: OperationSpec, taken: Set<string>): FlagSpec[] {
  const properties: Record<string, Schema> = { ...op.requestBody?.schema.properties };
  return Object.entries(properties)
    .filter(([, schema]) => schema.type !== "array" && schema.type !== "object")
    .map(([field, schema]) => ({
      name: taken.has(kebab(field)) ? `body-${kebab(field)}` : kebab(field),
      key: `body.${field}`,
      schema,
      help: schema.description ?? "",
      ...(schema.type === "boolean" && { boolean: true }),
    }));
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

/** Every flag of an operation's command, the override's included. */
function operationFlags(op: OperationSpec, override: Override<never> | undefined): FlagSpec[] {
  const params = op.parameters
    .filter((p) => (p.in === "query" || p.in === "header") && !CONTEXT_PARAMETERS.has(p.name))
    .map(paramFlag);
  const taken = new Set(params.map((f) => f.name));
  const flags = [...params, ...bodyFlags(op, taken), ...(override?.flags ?? [])];
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
    .map((p) => ({ name: p.name, key: p.name, schema: p.schema, help: p.description, required: p.required }));
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
