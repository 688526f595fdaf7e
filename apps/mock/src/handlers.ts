/**
 * The two operations' handlers, typed by the types generated from the spec: a spec change that
 * breaks a handler fails the typecheck.
 */
import { type OperationTypes, operations, parameterDefault } from "@hss/client";
import type { MockStore } from "./store.js";

type ListQuery = NonNullable<OperationTypes["ListVulRepoImage"]["parameters"]["query"]>;
type ListPath = OperationTypes["ListVulRepoImage"]["parameters"]["path"];
type ScanBody = OperationTypes["BatchScanLocalImage"]["requestBody"]["content"]["application/json"];
type ScanQuery = NonNullable<OperationTypes["BatchScanLocalImage"]["parameters"]["query"]>;

/** What a handler answers: a status and a JSON body (already serialized), or an HSS error. */
export type HandlerResult =
  | { status: 200; json: string | Buffer }
  | { status: 400; code: "validation"; message: string };

const LIST = operations.ListVulRepoImage;
const SCAN = operations.BatchScanLocalImage;
const DEFAULT_LIMIT = parameterDefault(LIST, "limit") as NonNullable<ListQuery["limit"]>;
const DEFAULT_OFFSET = parameterDefault(LIST, "offset") as NonNullable<ListQuery["offset"]>;
const DEFAULT_EP = parameterDefault(LIST, "enterprise_project_id") as NonNullable<
  ListQuery["enterprise_project_id"]
>;
const DEFAULT_SCAN_EP = parameterDefault(SCAN, "enterprise_project_id") as NonNullable<
  ScanQuery["enterprise_project_id"]
>;

/** ListVulRepoImage. */
export function listVulRepoImage(store: MockStore, path: ListPath, query: ListQuery): HandlerResult {
  const json = store.listVulRepoImageJson(path.vul_id, {
    ...query,
    limit: query.limit ?? DEFAULT_LIMIT,
    offset: query.offset ?? DEFAULT_OFFSET,
    enterprise_project_id: query.enterprise_project_id ?? DEFAULT_EP,
  });
  return { status: 200, json };
}

/** BatchScanLocalImage: 200 with no body once queued. */
export function batchScanLocalImage(store: MockStore, query: ScanQuery, body: ScanBody): HandlerResult {
  const result = store.batchScan(body, query.enterprise_project_id ?? DEFAULT_SCAN_EP);
  if ("violations" in result)
    return {
      status: 400,
      code: "validation",
      message: result.violations.map((v) => `${v.field}: ${v.message}`).join("; "),
    };
  return { status: 200, json: "" };
}
