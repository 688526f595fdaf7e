/** Fault injection through the admin API: latency, errors, counted failures, 429, drops, malformed bodies. */
import { createHssClient, HssNetworkError } from "@hss/client";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const put = (m: Awaited<ReturnType<typeof mock>>, op: string, fault: unknown) =>
  m.admin(`faults/${op}`, { method: "PUT", body: JSON.stringify(fault) });

describe("faults", () => {
  it("failNext: the next N requests fail with the chosen status, then it recovers (a client's retries see it)", async () => {
    const m = await mock();
    expect((await put(m, "ListVulRepoImage", { failNext: 2, errorStatus: 503 })).status).toBe(200);
    const hss = createHssClient({
      endpoint: m.url,
      region: "cn-north-4",
      projectId: "p1",
      env: {},
      retry: { baseDelayMs: 1 },
    });
    const result = await hss.listVulRepoImage({ vul_id: "CVE-2021-44228" });
    expect(result.error).toBeUndefined();
    const journal = (await m.admin("journal")).json.map((e: { status: number }) => e.status);
    expect(journal.slice(-3)).toEqual([503, 503, 200]);
  });

  it("errorRate 1 answers every request with errorStatus, in the HSS error shape", async () => {
    const m = await mock();
    await put(m, "BatchScanLocalImage", { errorRate: 1, errorStatus: 500 });
    const res = await m.scan({ operate_all: true });
    expect(res).toMatchObject({
      status: 500,
      json: { error_code: "HSS.0010", error_msg: "Injected fault: HTTP 500" },
    });
    expect((await m.list("CVE-2021-44228")).status).toBe(200); // only the faulted operation
  });

  it("errorRate draws from the seed: the same sequence for the same seed", async () => {
    const statuses = async () => {
      const m = await mock({ seed: "faults" });
      await put(m, "ListVulRepoImage", { errorRate: 0.5, errorStatus: 502 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await m.list("CVE-2021-44228")).status);
      return out;
    };
    const [a, b] = [await statuses(), await statuses()];
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 502]));
  });

  it("throttleRate answers 429 with Retry-After", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { throttleRate: 1, retryAfter: 7 });
    const res = await m.list("CVE-2021-44228");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.json.error_code).toBe("APIGW.0308");
  });

  it("latencyMs delays the answer", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { latencyMs: 300 });
    const started = Date.now();
    expect((await m.list("CVE-2021-44228")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("dropRate 1 drops the connection; the client reports a network error", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { dropRate: 1 });
    const hss = createHssClient({
      endpoint: m.url,
      region: "cn-north-4",
      projectId: "p1",
      env: {},
      retry: false,
    });
    const result = await hss.listVulRepoImage({ vul_id: "CVE-2021-44228" });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect((await m.admin("health")).status).toBe(200);
  });

  it("malformed answers 200 with a body that breaks the spec", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { malformed: true });
    const res = await m.list("CVE-2021-44228");
    expect(res.status).toBe(200);
    expect(typeof res.json.total_num).toBe("string");
  });

  it("faults are listed, cleared per operation or all, and validated with the allowed ranges", async () => {
    const m = await mock();
    await put(m, "ListVulRepoImage", { latencyMs: 5 });
    await put(m, "BatchScanLocalImage", { errorRate: 0.1 });
    expect(Object.keys((await m.admin("faults")).json)).toEqual(["ListVulRepoImage", "BatchScanLocalImage"]);
    expect((await m.admin("faults/ListVulRepoImage")).json).toMatchObject({ latencyMs: 5 });
    await m.admin("faults/ListVulRepoImage", { method: "DELETE" });
    expect((await m.admin("faults/ListVulRepoImage")).json).toEqual({});
    expect((await m.admin("faults/NoSuchOperation")).status).toBe(404);
    expect(Object.keys((await m.admin("faults")).json)).toEqual(["BatchScanLocalImage"]);
    await m.admin("faults", { method: "DELETE" });
    expect((await m.admin("faults")).json).toEqual({});
    const cases: [unknown, string][] = [
      [{ errorRate: 2 }, "errorRate: must be a number from 0 to 1"],
      [{ errorStatus: 200 }, "errorStatus: must be an integer from 400 to 599"],
      [{ latencyMs: -1 }, "latencyMs: must be an integer from 0 to 60000"],
      [{ errorrate: 1 }, "errorrate: is not a known field"],
    ];
    for (const [fault, message] of cases) {
      const res = await put(m, "ListVulRepoImage", fault);
      expect(res.status).toBe(400);
      expect(res.json.error_msg).toContain(message);
    }
    expect((await put(m, "NoSuchOperation", {})).status).toBe(404);
  });
});
