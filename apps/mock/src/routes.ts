/**
 * The HSS routes, derived from the spec's operation table: a path template becomes a matcher,
 * and a request's parameters are parsed and validated by the spec's schemas, so the mock
 * checks exactly what the contract says and nothing typed by hand.
 */

import type { IncomingHttpHeaders } from "node:http";
import {
  type OperationSpec,
  operations,
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

/** Every operation of the spec as a route. */
export const ROUTES: Route[] = Object.values(operations).map((op) => {
  const names: string[] = [];
  const source = op.path
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
  return { op, pattern: new RegExp(`^${source}$`), names };
});

/** The route of a path, and whether the method fits; `allowed` lists the methods of that path. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.op.method !== method) {
      allowed.push(route.op.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeLenient(m[i + 1] as string);
    });
    return { route, params };
  }
  return allowed.length ? { allowed } : undefined;
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
