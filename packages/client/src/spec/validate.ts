/**
 * Validation of values against the spec's schemas (the generated operation table), shared by
 * the client (before sending), the CLI (flags) and the mock (incoming requests). Messages name
 * the field and the allowed range, e.g. `limit: must be an integer from 10 to 200`.
 */
import type { OperationSpec, ParameterSpec, Schema } from "./schema.js";

/** Where a validation problem is, and what is allowed. */
export interface Violation {
  /** Dotted path of the field, e.g. `limit` or `image_info_list[1].image_id`. */
  field: string;
  /** `path`, `query`, `header`, `body` or `response` (or where else the value came from). */
  location: string;
  /** What is allowed, e.g. `must be an integer from 10 to 200`. */
  message: string;
}

const INT32 = { min: -2147483648, max: 2147483647 };

/** Describes what a schema allows, in words: `an integer from 10 to 200`. */
export function describeSchema(schema: Schema): string {
  if (schema.enum) return `one of: ${schema.enum.join(", ")}`;
  switch (schema.type) {
    case "integer":
    case "number": {
      const noun = schema.type === "integer" ? "an integer" : "a number";
      const [min, max] = numericBounds(schema);
      if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
      if (min !== undefined) return `${noun} of at least ${min}`;
      if (max !== undefined) return `${noun} of at most ${max}`;
      return noun;
    }
    case "string": {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength;
      const matching = schema.pattern ? ` matching ${schema.pattern}` : "";
      if (max !== undefined) return `a string of ${min} to ${max} characters${matching}`;
      return `${min > 0 ? `a string of at least ${min} character${min === 1 ? "" : "s"}` : "a string"}${matching}`;
    }
    case "boolean":
      return "true or false";
    case "array":
      return schema.maxItems !== undefined ? `an array of at most ${schema.maxItems} items` : "an array";
    case "object":
      return "an object";
    default:
      return "a value";
  }
}

function numericBounds(schema: Schema): [number | undefined, number | undefined] {
  let min = schema.minimum;
  let max = schema.maximum;
  if (schema.format === "int32") {
    min = Math.max(min ?? INT32.min, INT32.min);
    max = Math.min(max ?? INT32.max, INT32.max);
  }
  // No bound the spec does not state: an int64 field's range is its own `minimum`/`maximum`.
  return [min, max];
}

function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Every way `value` breaks `schema`; `field` names it in the messages. */
export function validateValue(schema: Schema, value: unknown, field: string, location: string): Violation[] {
  const out: Violation[] = [];
  check(schema, value, field, location, out);
  return out;
}

/**
 * Appends every way `value` breaks `schema` to `out` (one array for a whole document: a page of
 * 200 images is thousands of values, and a new array per value was most of the time spent).
 * `field` is built by the caller; leaves only use it when they fail.
 */
function check(schema: Schema, value: unknown, field: string, location: string, out: Violation[]): void {
  const start = out.length;
  if (schema.enum && !schema.enum.includes(value as string)) {
    out.push(failure(schema, field, location));
    return;
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") out.push(failure(schema, field, location));
      else {
        const length = codePointLength(value);
        if (
          (schema.minLength !== undefined && length < schema.minLength) ||
          (schema.maxLength !== undefined && length > schema.maxLength) ||
          (schema.pattern && !patternOf(schema.pattern).test(value))
        )
          out.push(failure(schema, field, location));
      }
      break;
    case "integer":
    case "number": {
      let min = schema.minimum;
      let max = schema.maximum;
      if (schema.format === "int32") [min, max] = numericBounds(schema);
      if (
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (schema.type === "integer" && !Number.isInteger(value)) ||
        (min !== undefined && value < min) ||
        (max !== undefined && value > max)
      )
        out.push(failure(schema, field, location));
      break;
    }
    case "boolean":
      if (typeof value !== "boolean") out.push(failure(schema, field, location));
      break;
    case "array":
      if (!Array.isArray(value)) out.push(failure(schema, field, location));
      else {
        if (
          (schema.maxItems !== undefined && value.length > schema.maxItems) ||
          (schema.minItems !== undefined && value.length < schema.minItems)
        )
          out.push(failure(schema, field, location));
        if (schema.items) {
          for (let i = 0; i < value.length && out.length - start < 20; i++)
            check(schema.items, value[i], `${field}[${i}]`, location, out);
        }
      }
      break;
    case "object":
      if (typeof value !== "object" || value === null || Array.isArray(value))
        out.push(failure(schema, field, location));
      else checkObject(schema, value as Record<string, unknown>, field, location, out);
      break;
  }
}

const failure = (schema: Schema, field: string, location: string): Violation => ({
  field,
  location,
  message: `must be ${describeSchema(schema)}`,
});

/** Each pattern compiled once (a schema's pattern is a constant of the spec). */
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, "u");
    if (patterns.size < 256) patterns.set(source, re);
  }
  return re;
}

const NO_PROPERTIES: Record<string, Schema> = {};

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  field: string,
  location: string,
  out: Violation[],
): void {
  const prefix = field ? `${field}.` : "";
  const properties = schema.properties ?? NO_PROPERTIES;
  if (schema.required)
    for (const name of schema.required) {
      if (value[name] === undefined) out.push({ field: prefix + name, location, message: "is required" });
    }
  for (const name of Object.keys(value)) {
    const item = value[name];
    // Own properties only: `constructor` or `__proto__` in a body are fields like any other.
    const propertySchema = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (propertySchema) {
      if (item !== undefined) check(propertySchema, item, prefix + name, location, out);
    } else if (schema.additionalProperties === false) {
      const allowed = Object.keys(properties).join(", ");
      out.push({ field: prefix + name, location, message: `is not a known field (known: ${allowed})` });
    }
  }
}

/**
 * Turns a parameter's text (from a URL, header or CLI flag) into the schema's type:
 * integers must be whole decimal numbers, booleans `true`/`false`. Returns a violation instead
 * when the text is not of that type.
 */
export function parseParameter(
  param: Pick<ParameterSpec, "name" | "in" | "schema">,
  text: string,
): { value: unknown } | { violation: Violation } {
  const { schema } = param;
  const fail = () => ({
    violation: { field: param.name, location: param.in, message: `must be ${describeSchema(schema)}` },
  });
  if (schema.type === "integer" || schema.type === "number") {
    const pattern = schema.type === "integer" ? /^-?\d{1,20}$/ : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
    return pattern.test(text.trim()) ? { value: Number(text.trim()) } : fail();
  }
  if (schema.type === "boolean") {
    if (text === "true" || text === "false") return { value: text === "true" };
    return fail();
  }
  return { value: text };
}

/** The inputs of one call, by location. */
export interface OperationInput {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  header?: Record<string, unknown> | undefined;
  body?: unknown;
}

/** Every way `input` breaks the operation's parameters and body schema. */
export function validateOperationInput(op: OperationSpec, input: OperationInput): Violation[] {
  const out: Violation[] = [];
  const byLocation: Record<string, Record<string, unknown> | undefined> = {
    path: input.path,
    query: input.query,
    header: input.header,
  };
  for (const param of op.parameters) {
    const values = byLocation[param.in];
    const value = values ? findIgnoringCase(values, param.name, param.in === "header") : undefined;
    if (value === undefined || value === null) {
      if (param.required) out.push({ field: param.name, location: param.in, message: "is required" });
      continue;
    }
    out.push(...validateValue(param.schema, value, param.name, param.in));
    if (param.in === "path" && (value === "." || value === ".."))
      out.push({
        field: param.name,
        location: "path",
        message: "must not be '.' or '..' (a URL resolves them away, so the request would go elsewhere)",
      });
  }
  for (const location of ["path", "query"] as const) {
    const known = new Set(op.parameters.filter((p) => p.in === location).map((p) => p.name));
    for (const name of Object.keys(input[location] ?? {})) {
      if (!known.has(name) && input[location]?.[name] !== undefined)
        out.push({
          field: name,
          location,
          message: `is not a ${location} parameter of ${op.operationId} (known: ${[...known].join(", ")})`,
        });
    }
  }
  if (op.requestBody) {
    if (input.body === undefined) {
      if (op.requestBody.required) out.push({ field: "body", location: "body", message: "is required" });
    } else out.push(...validateValue(op.requestBody.schema, input.body, "", "body"));
  }
  return out.map((v) => (v.field === "" ? { ...v, field: "body" } : v));
}

function findIgnoringCase(values: Record<string, unknown>, name: string, ignoreCase: boolean): unknown {
  if (!ignoreCase) return values[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(values)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** The schema of a parameter; throws when the spec has no such parameter (a codegen bug). */
export function parameterSchema(op: OperationSpec, name: string): Schema {
  const param = op.parameters.find((p) => p.name === name);
  if (!param) throw new Error(`${op.operationId} has no parameter ${name}`);
  return param.schema;
}

/** The schema at a dotted path below `schema` (`data_list[].image_type`); undefined when absent. */
export function schemaAt(schema: Schema | null | undefined, path: string): Schema | undefined {
  let current: Schema | undefined = schema ?? undefined;
  for (const part of path.split(".")) {
    const array = part.endsWith("[]");
    const name = array ? part.slice(0, -2) : part;
    current =
      current?.properties && Object.hasOwn(current.properties, name) ? current.properties[name] : undefined;
    if (array) current = current?.items;
  }
  return current;
}
