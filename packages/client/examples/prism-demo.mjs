#!/usr/bin/env node
// Calls both operations through the client against `prism mock` of the spec and prints the
// results. No credentials are needed: Prism only checks that some are present.
import { startPrism } from "@hss/testkit";
import { createHssClient } from "../dist/index.js";

const prism = await startPrism({ mode: "mock", errors: true });
try {
  const hss = createHssClient({
    endpoint: prism.url,
    region: "cn-north-4",
    projectId: "demo-project",
    credentials: { token: "demo-token" },
    env: {},
  });
  const list = await hss.throwing.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 10 });
  console.log("ListVulRepoImage ->", JSON.stringify(list, null, 2));
  const scan = await hss.throwing.batchScanLocalImage({ operate_all: true, scan_status: "unscan" });
  console.log("BatchScanLocalImage -> queued, request id", scan.requestId);
} finally {
  await prism.stop();
}
