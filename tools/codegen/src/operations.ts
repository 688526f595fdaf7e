/**
 * Turns the OpenAPI document into the operation table every runtime part reads: each
 * operation's method, path, parameters and body with their schemas fully dereferenced, its
 * documented responses, and what the spec's vendor extensions say about it (pagination, CLI
 * aliases). The client's validation, the CLI's flags and the mock's checks share this one
 * source, so no one types a range, default or enum by hand.
 *
 * Everything an extension names is checked here, so a typo in the spec fails `generate`
 * rather than a user's call.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

export function isObj(value: Json | undefined): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves local `$ref`s (`#/components/...`) recursively; the spec has no cycles, checked here. */
export function deref(doc: Obj, value: Json, seen: string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => deref(doc, item, seen));
  if (!isObj(value)) return value;
  const ref = value.$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`cyclic $ref: ${[...seen, ref].join(" -> ")}`);
    return deref(doc, lookup(doc, ref, seen), [...seen, ref]);
  }
  const out: Obj = {};
  for (const [key, item] of Object.entries(value)) {
    // Examples and authoring notes (`x-hss-note`) are documentation; in schemas they would
    // only bloat the runtime table.
    if (key === "example" || key === "examples" || key === "x-hss-note") continue;
    out[key] = deref(doc, item, seen);
  }
  return out;
}

/** One parameter as the table carries it (its example kept: the CLI's help and the contract use it). */
function parameter(doc: Obj, raw: Json): Obj {
  const param = (isObj(raw) && typeof raw.$ref === "string" ? lookup(doc, raw.$ref) : raw) as Obj;
  const out: Obj = {
    name: param.name ?? null,
    in: param.in ?? null,
    required: param.required === true,
    description: oneLine(param.description),
    schema: deref(doc, param.schema ?? {}),
  };
  if (param.example !== undefined) out.example = param.example;
  return out;
}

/** The object a local `$ref` points at, following chains of `$ref`s (not dereferenced inside). */
function lookup(doc: Obj, ref: string, seen: string[] = []): Json {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  if (seen.includes(ref)) throw new Error(`cyclic $ref: ${[...seen, ref].join(" -> ")}`);
  let target: Json | undefined = doc;
  for (const part of ref.slice(2).split("/"))
    target = isObj(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  if (target === undefined) throw new Error(`unresolved $ref: ${ref}`);
  return isObj(target) && typeof target.$ref === "string" ? lookup(doc, target.$ref, [...seen, ref]) : target;
}

/** The request body's JSON schema and the values of its examples. */
function requestBody(doc: Obj, raw: Json | undefined): Obj | null {
  if (!isObj(raw)) return null;
  const body = (typeof raw.$ref === "string" ? lookup(doc, raw.$ref) : raw) as Obj;
  const media = isObj(body.content) ? body.content["application/json"] : undefined;
  if (!isObj(media)) return null;
  const examples: Json[] = [];
  if (media.example !== undefined) examples.push(media.example);
  if (isObj(media.examples))
    for (const example of Object.values(media.examples)) {
      const value = isObj(example) && typeof example.$ref === "string" ? lookup(doc, example.$ref) : example;
      if (isObj(value) && value.value !== undefined) examples.push(value.value);
    }
  return { required: body.required === true, schema: deref(doc, media.schema ?? {}), examples };
}

/** Builds the table keyed by operationId. */
export function buildOperationTable(doc: Obj): Obj {
  const table: Obj = {};
  const paths = doc.paths;
  if (!isObj(paths)) throw new Error("the spec has no paths");
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const id = op.operationId;
      if (typeof id !== "string") throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      if (!/^[A-Z][A-Za-z0-9]*$/.test(id)) throw new Error(`operationId ${id} must be PascalCase`);
      if (id in table) throw new Error(`operationId ${id} is used twice`);
      const parameters = [...asArray(item.parameters), ...asArray(op.parameters)].map((p) =>
        parameter(doc, p),
      );
      checkParameterNames(id, parameters);
      const responses: Obj = {};
      for (const [status, response] of Object.entries(isObj(op.responses) ? op.responses : {})) {
        const res = deref(doc, response) as Obj;
        const content = isObj(res.content) ? res.content["application/json"] : undefined;
        responses[status] = {
          description: oneLine(res.description),
          headers: Object.keys(isObj(res.headers) ? res.headers : {}),
          schema: isObj(content) ? (content.schema ?? null) : null,
        };
      }
      const entry: Obj = {
        operationId: id,
        method: method.toUpperCase(),
        path,
        summary: oneLine(op.summary),
        description: oneLine(op.description),
        parameters,
        requestBody: requestBody(doc, op.requestBody),
        responses,
        pagination: null,
        aliases: aliases(id, op["x-cli-aliases"]),
      };
      entry.pagination = pagination(entry, op["x-hss-pagination"]);
      table[id] = entry;
    }
  }
  checkAliases(table);
  return table;
}

/** Parameters become fields of one flat input (client) and flags (CLI): names must not collide. */
function checkParameterNames(id: string, parameters: Obj[]): void {
  const seen = new Set<string>();
  for (const p of parameters) {
    const name = String(p.name);
    if (name === "body")
      throw new Error(`${id}: a parameter may not be called "body" (the request body's name)`);
    if (seen.has(name)) throw new Error(`${id}: parameter ${name} appears in two locations`);
    seen.add(name);
  }
}

function aliases(id: string, value: Json | undefined): Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((a) => typeof a === "string" && /^[a-z][a-z0-9-]*$/.test(a)))
    throw new Error(`${id}: x-cli-aliases must be a list of kebab-case names`);
  return value;
}

function checkAliases(table: Obj): void {
  const names = new Map<string, string>();
  for (const [id, op] of Object.entries(table)) {
    for (const name of [kebab(id), ...((op as Obj).aliases as string[])]) {
      const other = names.get(name);
      if (other) throw new Error(`the command name ${name} belongs to both ${other} and ${id}`);
      names.set(name, id);
    }
  }
}

/** `ListVulRepoImage` -> `list-vul-repo-image`. */
export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * `x-hss-pagination: { offset, limit, total, items }`: `offset` and `limit` name integer query
 * parameters with a maximum, `total` an integer and `items` an array of the 2xx response body.
 */
function pagination(op: Obj, value: Json | undefined): Obj | null {
  if (value === undefined) return null;
  const id = String(op.operationId);
  const fail = (why: string): never => {
    throw new Error(`${id}: x-hss-pagination: ${why}`);
  };
  if (!isObj(value)) return fail("must be an object { offset, limit, total, items }");
  const keys = ["offset", "limit", "total", "items"];
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(`unknown key ${key}`);
  for (const key of keys) if (typeof value[key] !== "string") fail(`${key} must name a field`);
  const params = op.parameters as Obj[];
  for (const key of ["offset", "limit"]) {
    const param = params.find((p) => p.name === value[key] && p.in === "query");
    if (!param) fail(`${key}: ${value[key]} is not a query parameter`);
    const schema = (param as Obj).schema as Obj;
    if (schema.type !== "integer" || typeof schema.maximum !== "number")
      fail(`${key}: ${value[key]} must be an integer with a maximum`);
    if (key === "limit" && !(typeof schema.minimum === "number" && schema.minimum >= 1))
      fail(`limit: ${value[key]} must have a minimum of at least 1 (a page of 0 items never ends a walk)`);
  }
  const success = Object.entries(op.responses as Obj).find(([status]) => /^2\d\d$/.test(status))?.[1] as
    | Obj
    | undefined;
  const body = (success?.schema ?? {}) as Obj;
  const properties = body.properties as Obj | undefined;
  if (!properties) return fail("the 2xx response has no object body");
  const field = (name: string) => (Object.hasOwn(properties, name) ? (properties[name] as Obj) : undefined);
  const required = (body.required ?? []) as Json[];
  if (field(value.total as string)?.type !== "integer")
    fail(`total: ${value.total} is not an integer field of the response`);
  if (field(value.items as string)?.type !== "array")
    fail(`items: ${value.items} is not an array field of the response`);
  for (const key of ["total", "items"])
    if (!required.includes(value[key] as string))
      fail(`${key}: ${value[key]} must be a required field of the response`);
  const { offset, limit, total, items } = value as Record<string, string>;
  return { offset, limit, total, items } as Obj;
}

/** What the runtime needs of `components`: shared parameters and the schemas of security scheme values. */
export function buildComponents(doc: Obj): Obj {
  const components = isObj(doc.components) ? doc.components : {};
  const parameters: Obj = {};
  for (const [name, raw] of Object.entries(isObj(components.parameters) ? components.parameters : {}))
    parameters[name] = parameter(doc, raw);
  const securitySchemes: Obj = {};
  for (const [name, raw] of Object.entries(
    isObj(components.securitySchemes) ? components.securitySchemes : {},
  )) {
    if (!isObj(raw)) continue;
    securitySchemes[name] = {
      type: raw.type ?? null,
      in: raw.in ?? null,
      name: raw.name ?? null,
      description: oneLine(raw.description),
      schema: raw["x-hss-schema"] === undefined ? null : deref(doc, raw["x-hss-schema"]),
    };
  }
  return { parameters, securitySchemes };
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function oneLine(value: Json | undefined): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}
