/**
 * The route table: literal path segments win over templated ones whatever the spec's order,
 * a path's other methods are reported, and path parameters are parsed by their schemas.
 */
import type { OperationSpec, ParameterSpec } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { matchRoute, parseRequest, ROUTES, routesOf } from "../src/routes.js";

const param = (name: string, schema: ParameterSpec["schema"]): ParameterSpec => ({
  name,
  in: "path",
  required: true,
  description: "",
  schema,
});

const op = (
  operationId: string,
  method: OperationSpec["method"],
  path: string,
  parameters: ParameterSpec[] = [],
): OperationSpec => ({
  operationId,
  method,
  path,
  summary: "",
  description: "",
  parameters,
  requestBody: null,
  responses: {},
  pagination: null,
  aliases: [],
});

const templated = op("ListVulImages", "GET", "/v5/{project_id}/image/{vul_id}/images", [
  param("project_id", { type: "string" }),
  param("vul_id", { type: "string" }),
]);
const literal = op("ListLocalImages", "GET", "/v5/{project_id}/image/local/images", [
  param("project_id", { type: "string" }),
]);
const numbered = op("GetScan", "GET", "/v5/{project_id}/scans/{scan_no}", [
  param("project_id", { type: "string" }),
  param("scan_no", { type: "integer", minimum: 1, maximum: 1000 }),
]);

describe("matchRoute", () => {
  it.each([
    ["templated first", [templated, literal, numbered]],
    ["literal first", [literal, templated, numbered]],
  ])("prefers the literal segment (%s in the spec)", (_, ops) => {
    const routes = routesOf(ops);
    const local = matchRoute("GET", "/v5/p1/image/local/images", routes);
    expect(local && "route" in local && local.route.op.operationId).toBe("ListLocalImages");
    const vul = matchRoute("GET", "/v5/p1/image/CVE-1/images", routes);
    expect(vul && "route" in vul && vul.route.op.operationId).toBe("ListVulImages");
    expect(vul && "route" in vul && vul.params).toEqual({ project_id: "p1", vul_id: "CVE-1" });
  });

  it("decodes path segments, reports the methods a path takes, and nothing for unknown paths", () => {
    const routes = routesOf([templated, literal]);
    const encoded = matchRoute("GET", "/v5/p1/image/CVE%2D1%20x/images", routes);
    expect(encoded && "route" in encoded && encoded.params.vul_id).toBe("CVE-1 x");
    expect(matchRoute("DELETE", "/v5/p1/image/CVE-1/images", routes)).toEqual({ allowed: ["GET"] });
    expect(matchRoute("GET", "/v5/p1/image", routes)).toBeUndefined();
    expect(matchRoute("GET", "/v5/p1/image/a/b/images", routes)).toBeUndefined();
  });

  it("the spec's own routes: local/batch-scan is the scan, not a vulnerability called local", () => {
    const scan = matchRoute("POST", "/v5/p1/image/local/batch-scan", ROUTES);
    expect(scan && "route" in scan && scan.route.op.operationId).toBe("BatchScanLocalImage");
    expect(matchRoute("GET", "/v5/p1/image/local/batch-scan", ROUTES)).toEqual({ allowed: ["POST"] });
  });
});

describe("parseRequest", () => {
  it("parses an integer path parameter as a number and checks its range", () => {
    const ok = parseRequest(numbered, { project_id: "p", scan_no: "42" }, new Map(), [], {}, undefined);
    expect(ok).toEqual({ ok: true, path: { project_id: "p", scan_no: 42 }, query: {}, header: {} });
    const bad = parseRequest(numbered, { project_id: "p", scan_no: "4x" }, new Map(), [], {}, undefined);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.violations.map((v) => v.field)).toEqual(["scan_no"]);
    const high = parseRequest(numbered, { project_id: "p", scan_no: "5000" }, new Map(), [], {}, undefined);
    expect(!high.ok && high.violations[0]?.message).toMatch(/1 to 1000|at most 1000/);
  });
});
