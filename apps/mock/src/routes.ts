/**
 * The HSS routes, derived from the spec's operation table: a path template becomes a matcher,
 * and a request's parameters are parsed and validated by the spec's schemas, so the mock
 * checks exactly what the contract says and nothing typed by hand.
 */

import type { IncomingHttpHeaders } from "node:http";
import {
  type OperationSpec,
  operationList,
  type ParameterSpec,
  parseParameter,
  type Violation,
  validateOperationInput,
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

/** Operations as routes, the most specific first. */
export function routesOf(ops: readonly OperationSpec[]): Route[] {
  return ops
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
}

/** Every operation of the spec as a route, the most specific first. */
export const ROUTES: Route[] = routesOf(operationList());

/**
 * The route of a path and method. The most specific path template that matches decides (as in
 * OpenAPI); when it has no operation for the method, `allowed` lists the methods it has.
 */
export function matchRoute(
  method: string,
  path: string,
  routes: readonly Route[] = ROUTES,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const first = routes.find((route) => route.pattern.test(path));
  if (!first) return undefined;
  const same = routes.filter((route) => route.op.path === first.op.path);
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
  | {
      ok: true;
      path: Record<string, unknown>;
      query: Record<string, unknown>;
      header: Record<string, unknown>;
    }
  | { ok: false; violations: Violation[] };

/** What parsing needs of an operation, made once: its query parameters by name, defaults, headers. */
interface Plan {
  query: Map<string, ParameterSpec>;
  defaults: [string, unknown][];
  headers: ParameterSpec[];
  paths: ParameterSpec[];
  known: string;
}
const plans = new WeakMap<OperationSpec, Plan>();
function planOf(op: OperationSpec): Plan {
  let plan = plans.get(op);
  if (plan) return plan;
  const query = op.parameters.filter((p) => p.in === "query");
  plan = {
    query: new Map(query.map((p) => [p.name, p])),
    defaults: query.filter((p) => p.schema.default !== undefined).map((p) => [p.name, p.schema.default]),
    headers: op.parameters.filter((p) => p.in === "header"),
    paths: op.parameters.filter((p) => p.in === "path"),
    known: query.map((p) => p.name).join(", "),
  };
  plans.set(op, plan);
  return plan;
}

/**
 * Parses query and header parameters by their schemas, validates everything against the spec,
 * and fills the spec's defaults of absent query parameters (what the handler then sees).
 */
export function parseRequest(
  op: OperationSpec,
  rawPath: Record<string, string>,
  rawQuery: Map<string, string>,
  repeated: string[],
  headers: IncomingHttpHeaders,
  body: unknown,
): ParsedRequest {
  const plan = planOf(op);
  const violations: Violation[] = [];
  const query: Record<string, unknown> = {};
  const path: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  /** A parameter's text in the schema's type (an integer path parameter is a number). */
  const take = (param: ParameterSpec, text: string, into: Record<string, unknown>) => {
    const parsed = parseParameter(param, text);
    if ("violation" in parsed) violations.push(parsed.violation);
    else into[param.name] = parsed.value;
  };
  for (const name of repeated)
    violations.push({ field: name, location: "query", message: "must be given at most once" });
  for (const [name, text] of rawQuery) {
    const param = plan.query.get(name);
    if (!param) {
      violations.push({
        field: name,
        location: "query",
        message: `is not a query parameter of ${op.operationId} (known: ${plan.known})`,
      });
      continue;
    }
    take(param, text, query);
  }
  for (const param of plan.paths)
    if (rawPath[param.name] !== undefined) take(param, rawPath[param.name] as string, path);
  for (const param of plan.headers) {
    const value = headers[param.name.toLowerCase()];
    if (typeof value === "string") take(param, value, header);
  }
  const parsedNames = new Set(violations.map((v) => v.field));
  for (const v of validateOperationInput(op, { path, query, header, body }))
    if (!parsedNames.has(v.field)) violations.push(v);
  if (violations.length) return { ok: false, violations };
  for (const [name, value] of plan.defaults) if (query[name] === undefined) query[name] = value;
  return { ok: true, path, query, header };
}
