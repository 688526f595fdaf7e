/**
 * Turns the OpenAPI document into the operation table every runtime part reads: each
 * operation's method, path, parameters and body with their schemas fully dereferenced, so the
 * client's validation, the CLI's flags and the mock's checks share one source and no one
 * types a range, default or enum by hand.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

function isObj(value: Json | undefined): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves local `$ref`s (`#/components/...`) recursively; the spec has no cycles, checked here. */
export function deref(doc: Obj, value: Json, seen: string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => deref(doc, item, seen));
  if (!isObj(value)) return value;
  const ref = value.$ref;
  if (typeof ref === "string") {
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
    if (seen.includes(ref)) throw new Error(`cyclic $ref: ${[...seen, ref].join(" -> ")}`);
    let target: Json | undefined = doc;
    for (const part of ref.slice(2).split("/")) {
      target = isObj(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    }
    if (target === undefined) throw new Error(`unresolved $ref: ${ref}`);
    return deref(doc, target, [...seen, ref]);
  }
  const out: Obj = {};
  for (const [key, item] of Object.entries(value)) {
    // Examples are documentation; they would only bloat the runtime table.
    if (key === "example" || key === "examples") continue;
    out[key] = deref(doc, item, seen);
  }
  return out;
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
      const params = [...asArray(item.parameters), ...asArray(op.parameters)].map((p) => {
        const param = deref(doc, p) as Obj;
        return {
          name: param.name ?? null,
          in: param.in ?? null,
          required: param.required === true,
          description: oneLine(param.description),
          schema: param.schema ?? {},
        } satisfies Obj;
      });
      const body = isObj(op.requestBody) ? (deref(doc, op.requestBody) as Obj) : undefined;
      const bodyContent = body && isObj(body.content) ? body.content["application/json"] : undefined;
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
      table[id] = {
        operationId: id,
        method: method.toUpperCase(),
        path,
        summary: oneLine(op.summary),
        description: oneLine(op.description),
        parameters: params,
        requestBody:
          body && isObj(bodyContent)
            ? { required: body.required === true, schema: bodyContent.schema ?? {} }
            : null,
        responses,
      };
    }
  }
  return table;
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function oneLine(value: Json | undefined): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}
