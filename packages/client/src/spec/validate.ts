/**
 * Validation of values against the spec's schemas (the generated operation table), shared by
 * the client (before sending), the CLI (flags) and the mock (incoming requests). Messages name
 * the field and the allowed range, e.g. `limit: must be an integer from 10 to 200`. A schema is
 * made into checks the first time it is used and kept (schemas are constants of the spec): a
 * schema object changed after that is not seen.
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
  check(compiled(schema), value, field, location, out);
  return out;
}

/**
 * A schema made into functions once: whether a value passes the schema's own rules (enum, type,
 * bounds), and a check that appends every way a value and what lies below it break the schema to
 * one array for a whole document (a page of 200 images is thousands of values; looking each rule
 * up again for each value was most of the time spent). `field` is built by the caller; a leaf's
 * own name is only built when it fails.
 */
interface Compiled {
  conforms(value: unknown): boolean;
  /** `must be ...`: what the schema allows. */
  message: string;
  /** For arrays and objects, which hold other values: checks the value and all below it. */
  check?: (value: unknown, field: string, location: string, out: Violation[]) => void;
}

/** Each schema compiled once: a schema is a constant of the spec (the operation table). */
const compiledSchemas = new WeakMap<Schema, Compiled>();

/** What a schema that is not an object (`items: true`) allows: anything, as it always did. */
const ANYTHING: Compiled = { conforms: () => true, message: "must be a value" };

function compiled(schema: Schema): Compiled {
  if (typeof schema !== "object" || schema === null) return ANYTHING;
  let done = compiledSchemas.get(schema);
  if (!done) {
    const conforms = conformsTo(schema);
    const message = `must be ${describeSchema(schema)}`;
    done = { conforms, message };
    // Kept before what lies below is compiled, so that a schema that holds itself ends.
    compiledSchemas.set(schema, done);
    try {
      if (schema.type === "array") done.check = arrayCheck(schema, conforms, message);
      else if (schema.type === "object") done.check = objectCheck(schema, conforms, message);
    } catch (error) {
      // A schema below that cannot be compiled fails every use of this one, not only the first.
      compiledSchemas.delete(schema);
      throw error;
    }
  }
  return done;
}

/** Appends every way `value` breaks `schema` (and what lies below it) to `out`. */
function check(schema: Compiled, value: unknown, field: string, location: string, out: Violation[]): void {
  if (schema.check) schema.check(value, field, location, out);
  else if (!schema.conforms(value)) out.push({ field, location, message: schema.message });
}

function arrayCheck(schema: Schema, conforms: (value: unknown) => boolean, message: string) {
  const items = schema.items && compiled(schema.items);
  return (value: unknown, field: string, location: string, out: Violation[]) => {
    const start = out.length;
    if (!conforms(value)) {
      out.push({ field, location, message });
      // An array of the wrong length still has its items checked; nothing else is looked into.
      if (schema.enum || !Array.isArray(value)) return;
    }
    if (!items) return;
    const list = value as unknown[];
    for (let i = 0; i < list.length && out.length - start < 20; i++)
      if (items.check || !items.conforms(list[i])) check(items, list[i], `${field}[${i}]`, location, out);
  };
}

function objectCheck(schema: Schema, conforms: (value: unknown) => boolean, message: string) {
  const required = schema.required ?? [];
  const described = schema.properties ?? {};
  const properties = new Map(
    Object.entries(described)
      // A property whose schema is missing (null) is not described, as it always was.
      .filter(([, property]) => property)
      .map(([name, property]) => [name, { schema: compiled(property), required: required.includes(name) }]),
  );
  const closed = schema.additionalProperties === false;
  const unknown = `is not a known field (known: ${Object.keys(described).join(", ")})`;
  return (value: unknown, field: string, location: string, out: Violation[]) => {
    if (!conforms(value)) {
      out.push({ field, location, message });
      return;
    }
    const object = value as Record<string, unknown>;
    const start = out.length;
    let present = 0;
    // Own properties only: `constructor` or `__proto__` in a body are fields like any other.
    for (const name of Object.keys(object)) {
      const property = properties.get(name);
      if (property) {
        const item = object[name];
        if (item === undefined) continue;
        if (property.required) present++;
        if (property.schema.check || !property.schema.conforms(item))
          check(property.schema, item, childField(field, name), location, out);
      } else if (closed) out.push({ field: childField(field, name), location, message: unknown });
    }
    // The fields it lacks come first, in the order the schema lists them.
    if (present < required.length) {
      const missing = required
        .filter((name) => object[name] === undefined)
        .map((name) => ({ field: childField(field, name), location, message: "is required" }));
      out.splice(start, 0, ...missing);
    }
  };
}

const childField = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/** Whether a value passes its own schema (enum, type, bounds), what lies below it aside. */
function conformsTo(schema: Schema): (value: unknown) => boolean {
  const type = typeOf(schema);
  const values = schema.enum;
  return values ? (value) => values.includes(value as string) && type(value) : type;
}

function typeOf(schema: Schema): (value: unknown) => boolean {
  switch (schema.type) {
    case "string": {
      const { minLength, maxLength } = schema;
      // The pattern compiled with the schema, once.
      const pattern = schema.pattern ? new RegExp(schema.pattern, "u") : undefined;
      if (minLength === undefined && maxLength === undefined && !pattern)
        return (value) => typeof value === "string";
      return (value) => typeof value === "string" && stringFits(value, minLength, maxLength, pattern);
    }
    case "integer":
    case "number": {
      const [min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY] = numericBounds(schema);
      const whole = schema.type === "integer";
      return (value) =>
        typeof value === "number" &&
        Number.isFinite(value) &&
        (!whole || Number.isInteger(value)) &&
        value >= min &&
        value <= max;
    }
    case "boolean":
      return (value) => typeof value === "boolean";
    case "array": {
      const { minItems = 0, maxItems = Number.POSITIVE_INFINITY } = schema;
      return (value) => Array.isArray(value) && value.length <= maxItems && value.length >= minItems;
    }
    case "object":
      return (value) => typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return () => true;
  }
}

/**
 * A string's length in code points against the schema's bounds, and its pattern. A string has
 * at most as many code points as UTF-16 units and at least half as many, so they are only
 * counted when the unit count alone cannot tell.
 */
function stringFits(
  value: string,
  minLength: number | undefined,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): boolean {
  if (maxLength !== undefined && value.length > maxLength && codePointLength(value) > maxLength) return false;
  if (minLength !== undefined && value.length < 2 * minLength && codePointLength(value) < minLength)
    return false;
  return !pattern || pattern.test(value);
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
