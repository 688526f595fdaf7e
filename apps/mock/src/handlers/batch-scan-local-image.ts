/** BatchScanLocalImage: queues scans of the listed or matching local images; 200 with no body. */
import { type Handler, reply } from "../handler.js";

export const handler: Handler<"BatchScanLocalImage"> = ({ query, body }, { store }) => {
  const result = store.batchScan(body, query.enterprise_project_id);
  if ("violations" in result)
    return reply.fail(400, result.violations.map((v) => `${v.field}: ${v.message}`).join("; "));
  return reply.ok(undefined);
};
