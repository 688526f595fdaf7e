/**
 * Path templates with characters that mean something in a regular expression: each is matched
 * as itself (a dot only by a dot, parentheses and a plus as written), so an operation such as
 * `/reports/summary.json` answers that path and no look-alike.
 */
import type { OperationSpec, ParameterSpec } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { matchRoute, routesOf } from "../src/routes.js";

const projectId: ParameterSpec = {
  name: "project_id",
  in: "path",
  required: true,
  description: "",
  schema: { type: "string" },
};

const op = (operationId: string, path: string): OperationSpec => ({
  operationId,
  method: "GET",
  path,
  summary: "",
  description: "",
  parameters: [projectId],
  requestBody: null,
  responses: {},
  pagination: null,
  aliases: [],
});

const routes = routesOf([
  op("GetSummary", "/v5/{project_id}/reports/summary.json"),
  op("GetExport", "/v5/{project_id}/export(v2)+all"),
]);
const operationAt = (path: string) => {
  const match = matchRoute("GET", path, routes);
  return match && "route" in match ? [match.route.op.operationId, match.params] : match;
};

describe("regular-expression characters in a path template", () => {
  it("a dot matches only a dot", () => {
    expect(operationAt("/v5/p1/reports/summary.json")).toEqual(["GetSummary", { project_id: "p1" }]);
    expect(operationAt("/v5/p1/reports/summaryxjson")).toBeUndefined();
    expect(operationAt("/v5/p1/reports/summaryjson")).toBeUndefined();
  });

  it("parentheses and a plus are matched as written", () => {
    expect(operationAt("/v5/p1/export(v2)+all")).toEqual(["GetExport", { project_id: "p1" }]);
    expect(operationAt("/v5/p1/exportv2all")).toBeUndefined();
    expect(operationAt("/v5/p1/export(v2)all")).toBeUndefined();
  });
});
