/**
 * Requests built from the spec alone, for any operation of the table: a valid one (the
 * examples of the spec, the parameters' examples, or values made from their schemas) and an
 * invalid one (one value just outside what the spec allows). The baseline suite uses them for
 * every documented status of every operation, so a new operation is covered with no test code.
 */
import type { OperationSpec, ParameterSpec, Schema } from "@hss/client/spec";
import type { Call } from "./helpers.js";

/** A value the schema accepts: its example, default, first enum value, or one made to fit. */
export function validValue(schema: Schema, example?: unknown): unknown {
  if (example !== undefined) return example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, validValue(schema.properties?.[name] ?? {})]),
      );
    default:
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
  }
}

const byLocation = (op: OperationSpec, location: ParameterSpec["in"]) =>
  op.parameters.filter((p) => p.in === location);

/** The parameters every request needs: path parameters and required ones, from their examples. */
function baseCall(op: OperationSpec): Call {
  // project_id is send()'s: the --project-id of the run.
  const path: Record<string, string> = {};
  for (const p of byLocation(op, "path"))
    if (p.name !== "project_id") path[p.name] = String(validValue(p.schema, p.example));
  const query: Record<string, string | number | boolean> = {};
  for (const p of byLocation(op, "query"))
    if (p.required) query[p.name] = validValue(p.schema, p.example) as string;
  const headers: Record<string, string> = {};
  for (const p of byLocation(op, "header"))
    if (p.required || p.name === "region") headers[p.name] = String(validValue(p.schema, p.example));
  return { path, query, headers };
}

/** Valid requests of an operation: one per request example of the spec, or one made from the schemas. */
export function validCalls(op: OperationSpec): Call[] {
  const base = baseCall(op);
  if (!op.requestBody) return [base];
  const examples = op.requestBody.examples.length
    ? op.requestBody.examples
    : [validValue(op.requestBody.schema)];
  return examples.map((body) => ({ ...base, body }));
}

/** One value just outside a schema, and what was broken; undefined when nothing can be. */
function breaking(schema: Schema): unknown {
  if (schema.enum) return `not-${String(schema.enum[0])}`;
  if (schema.type === "integer" || schema.type === "number") {
    if (schema.maximum !== undefined) return schema.maximum + 1;
    if (schema.minimum !== undefined) return schema.minimum - 1;
    return "not-a-number";
  }
  if (schema.type === "string" && schema.maxLength !== undefined && schema.maxLength < 4096)
    return "x".repeat(schema.maxLength + 1);
  if (schema.type === "boolean") return "not-a-boolean";
  return undefined;
}

/**
 * An invalid request of an operation, breaking one rule of the spec: a query parameter out of
 * its range or enum, else a body with a field its closed schema does not know, else a missing
 * required header. Undefined when the spec leaves nothing to break.
 */
export function invalidCall(op: OperationSpec): { rule: string; call: Call } | undefined {
  const base = validCalls(op)[0] as Call;
  for (const p of byLocation(op, "query")) {
    const bad = breaking(p.schema);
    if (bad !== undefined)
      return {
        rule: `${p.name} outside the spec`,
        call: { ...base, query: { ...base.query, [p.name]: bad as string } },
      };
  }
  if (
    op.requestBody?.schema.additionalProperties === false &&
    typeof base.body === "object" &&
    base.body !== null
  )
    return {
      rule: "an unknown body field",
      call: { ...base, body: { ...(base.body as object), not_a_field_of_the_spec: 1 } },
    };
  const required = byLocation(op, "header").find((p) => p.required);
  if (required)
    return {
      rule: `${required.name} missing`,
      call: { ...base, headers: { ...base.headers, [required.name]: "" } },
    };
  return undefined;
}
