/**
 * The operation table as the mock and the CLI read it: every operation in the spec's order, and
 * each one's documented success (the status the mock answers with, the schema the CLI prints by).
 */
import { describe, expect, it } from "vitest";
import { createHssClient, methodName } from "../src/index.js";
import {
  BatchScanLocalImage,
  ListVulRepoImage,
  type OperationSpec,
  operationList,
  operations,
  type ResponseSpec,
  successOf,
} from "../src/spec/index.js";

const response = (description: string, schema: ResponseSpec["schema"]): ResponseSpec => ({
  description,
  headers: [],
  schema,
});

/** An operation of a spec other than ours, documenting these responses in this order. */
const operationWith = (responses: Record<string, ResponseSpec>): OperationSpec => ({
  ...ListVulRepoImage,
  operationId: "Other",
  responses,
});

describe("operationList", () => {
  it("lists every operation of the table once, in the spec's order, and each becomes a client method", () => {
    const list = operationList();
    expect(list.map((op) => op.operationId)).toEqual(Object.keys(operations));
    expect(list[0]).toBe(ListVulRepoImage);
    expect(list).toContain(BatchScanLocalImage);
    const hss = createHssClient({ region: "cn-north-4", env: {} }) as unknown as Record<string, unknown>;
    for (const op of list) expect(typeof hss[methodName(op.operationId)]).toBe("function");
  });
});

describe("the client's methods", () => {
  it("every operation gets both call styles; only the paged ones get page and item iterators", () => {
    const hss = createHssClient({ region: "cn-north-4", env: {} });
    const names = operationList().map((op) => methodName(op.operationId));
    const paged = operationList()
      .filter((op) => op.pagination !== null)
      .map((op) => methodName(op.operationId));
    expect(paged).toEqual(["listVulRepoImage"]);
    expect(Object.keys(hss.throwing)).toEqual(names);
    expect(Object.keys(hss.pages)).toEqual(paged);
    expect(Object.keys(hss.paginate)).toEqual(paged);
  });
});

describe("successOf", () => {
  it("both operations of the spec succeed with 200; a page of images has a schema, the scan's answer none", () => {
    const list = successOf(ListVulRepoImage);
    expect(list.status).toBe(200);
    expect(list.schema).toBe(ListVulRepoImage.responses["200"]?.schema);
    expect(list.schema?.properties?.data_list).toBeDefined();
    expect(successOf(BatchScanLocalImage)).toEqual({ status: 200, schema: null });
  });

  it("is the first 2xx the operation documents, not an error response, with that response's schema", () => {
    const created = { type: "object", properties: { id: { type: "string" } } } as const;
    const op = operationWith({
      "400": response("bad", { type: "object" }),
      "201": response("created", created),
      "202": response("accepted", { type: "string" }),
    });
    expect(successOf(op)).toEqual({ status: 201, schema: created });
  });

  it("a documented 2xx without a body has no schema", () => {
    expect(successOf(operationWith({ "204": response("done", null) }))).toEqual({
      status: 204,
      schema: null,
    });
  });

  it("only a three-digit status starting with 2 is a success: 1200, 2000, 2a0 and 20a are not, so success is 200", () => {
    const op = operationWith({
      "1200": response("prefixed", { type: "string" }),
      "2000": response("long", { type: "string" }),
      "2a0": response("letter", { type: "string" }),
      "20a": response("letter", { type: "string" }),
      "400": response("bad", { type: "object" }),
    });
    expect(successOf(op)).toEqual({ status: 200, schema: null });
  });

  it("without any documented 2xx, success is 200 with no schema", () => {
    const op = operationWith({ "400": response("bad", { type: "object" }), default: response("any", null) });
    expect(successOf(op)).toEqual({ status: 200, schema: null });
  });

  it("asking again about the same operation gives the same answer", () => {
    const op = operationWith({ "201": response("created", { type: "object" }) });
    const first = successOf(op);
    expect(successOf(op)).toBe(first);
    expect(successOf(operationWith({ "202": response("accepted", null) }))).toEqual({
      status: 202,
      schema: null,
    });
  });
});
