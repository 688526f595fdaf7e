/**
 * The HSS routes, derived from the spec's operation table: a path template becomes a matcher,
 * and a request's parameters are parsed and validated by the spec's schemas, so the mock
 * checks exactly what the contract says and nothing typed by hand.
 */

import type { IncomingHttpHeaders } from "node:http";
import {
  type OperationSpec,
  operationList,
  parseParameter,
  type Violation,
  validateOperationInput,
  withParameterDefaults,
} from "@hss/client/spec";
import { decodeLenient } from "./http.js";

/** One route: its operation and a matcher of its path. */
export interface Route {
  op: OperationSpec;
  pattern: RegExp;
  names: string[];
}

/**
 * Literal path segments before templated ones, as OpenAPI resolves paths: with both
 * `/image/{vul_id}/images` and `/image/local/images`, `local` is not a vulnerability id.
 */
function bySpecificity(a: Route, b: Route): number {
  const as = a.op.path.split("/");
  const bs = b.op.path.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const templated = Number((as[i] as string).includes("{")) - Number((bs[i] as string).includes("{"));
    if (templated !== 0) return templated;
  }
  return 0;
}

/** Every operation of the spec as a route, the most specific first. */
export const ROUTES: Route[] = operationList()
  .map((op) => {
    const names: string[] = [];
    const source = op.path
      .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
      .replace(/\\?\{([^}]+)\\?\}/g, (_m: string, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
    return { op, pattern: new RegExp(`^${source}$`), names };
  })
  .sort(bySpecificity);

/**
 * The route of a path and method. The most specific path template that matches decides (as in
 * OpenAPI); when it has no operation for the method, `allowed` lists the methods it has.
 */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const first = ROUTES.find((route) => route.pattern.test(path));
  if (!first) return undefined;
  const same = ROUTES.filter((route) => route.op.path === first.op.path);
  const route = same.find((r) => r.op.method === method);
  if (!route) return { allowed: same.map((r) => r.op.method) };
  const m = route.pattern.exec(path) as RegExpExecArray;
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => {
    params[name] = decodeLenient(m[i + 1] as string);
  });
  return { route, params };
}

/** The parsed, validated inputs of a request (query defaults filled), or the violations. */
export type ParsedRequest =
  | { ok: true; query: Record<string, unknown>; header: Record<string, string> }
  | { ok: false; violations: Violation[] };

/**
 * Parses query and header parameters by their schemas, validates everything against the spec,
 * and fills the spec's defaults of absent query parameters (what the handler then sees).
 */
export function parseRequest(
  op: OperationSpec,
  path: Record<string, string>,
  rawQuery: Record<string, string>,
  repeated: string[],
  headers: IncomingHttpHeaders,
  body: unknown,
): ParsedRequest {
  const violations: Violation[] = [];
  const query: Record<string, unknown> = Object.create(null);
  const header: Record<string, string> = {};
  for (const name of repeated)
    violations.push({ field: name, location: "query", message: "must be given at most once" });
  for (const [name, text] of Object.entries(rawQuery)) {
    const param = op.parameters.find((p) => p.in === "query" && p.name === name);
    if (!param) {
      query[name] = text; // reported as unknown by the validation below
      continue;
    }
    const parsed = parseParameter(param, text);
    if ("violation" in parsed) violations.push(parsed.violation);
    else query[name] = parsed.value;
  }
  for (const param of op.parameters) {
    if (param.in !== "header") continue;
    const value = headers[param.name.toLowerCase()];
    if (typeof value === "string") header[param.name] = value;
  }
  const parsedNames = new Set(violations.map((v) => v.field));
  for (const v of validateOperationInput(op, { path, query, header, body }))
    if (!parsedNames.has(v.field)) violations.push(v);
  if (violations.length) return { ok: false, violations };
  return { ok: true, query: withParameterDefaults(op, "query", query), header };
}
