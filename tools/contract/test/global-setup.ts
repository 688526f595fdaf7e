/** Starts each run with an empty coverage record and the list of documented status codes. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { operationList } from "@hss/client/spec";

export default function setup(): void {
  const dir = path.resolve(import.meta.dirname, "..");
  writeFileSync(path.join(dir, ".contract-records.jsonl"), "");
  const documented = Object.fromEntries(
    operationList().map((op) => [op.operationId, Object.keys(op.responses)]),
  );
  writeFileSync(path.join(dir, ".contract-documented.json"), JSON.stringify(documented));
}
