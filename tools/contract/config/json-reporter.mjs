// vitest's JSON report, written where hss-contract reads it (HSS_CONTRACT_OUT) without
// announcing the path: that folder is temporary unless --out was given, and the reports a user
// asked for are announced by hss-contract itself.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { JsonReporter } from "vitest/node";

export default class ContractJsonReporter extends JsonReporter {
  async writeReport(report) {
    await writeFile(path.join(process.env.HSS_CONTRACT_OUT, "vitest-report.json"), report, "utf8");
  }
}
