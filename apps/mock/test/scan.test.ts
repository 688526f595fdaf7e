/** BatchScanLocalImage on the mock: by list or by filters, and the scan state machine over time. */
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

function clock(start = Date.UTC(2026, 10, 23)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const images = async (m: Awaited<ReturnType<typeof mock>>): Promise<LocalImageState[]> =>
  (await m.admin("state")).json.local_images;

describe("BatchScanLocalImage", () => {
  it("scans listed images by id, by digest, or by name and version; they go scanning -> an outcome", async () => {
    const c = clock();
    const m = await mock({ now: c.now, scanDurationMs: 5000 });
    const all = (await images(m)).filter((i) => i.enterprise_project_id === "0");
    const [a, b, d] = all as [LocalImageState, LocalImageState, LocalImageState];
    const res = await m.scan({
      image_info_list: [
        { image_id: a.image_id },
        { image_digest: b.image_digest },
        { image_name: d.image_name, image_version: d.image_version },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    const during = await images(m);
    const picked = (x: LocalImageState) => during.find((i) => i.image_id === x.image_id) as LocalImageState;
    for (const x of [a, b]) expect(picked(x)).toMatchObject({ scan_status: "scanning", scans: 1 });
    c.advance(4999);
    expect((await images(m)).find((i) => i.image_id === a.image_id)?.scan_status).toBe("scanning");
    c.advance(1);
    const after = await images(m);
    for (const x of [a, b]) {
      const now = after.find((i) => i.image_id === x.image_id) as LocalImageState;
      expect(["success", "failed", "download_failed", "image_oversized"]).toContain(now.scan_status);
      expect(now.latest_scan_time).toBe(c.now());
    }
  });

  it("operate_all scans every image matching the filters, in the enterprise project asked", async () => {
    const c = clock();
    const m = await mock({ now: c.now, localImages: 300 });
    const before = await images(m);
    const unscanSwr = before.filter(
      (i) =>
        i.scan_status === "unscan" && i.local_image_type === "swr_image" && i.enterprise_project_id === "0",
    );
    expect(unscanSwr.length).toBeGreaterThan(5);
    expect(
      (await m.scan({ operate_all: true, scan_status: "unscan", local_image_type: "swr_image" })).status,
    ).toBe(200);
    const after = await images(m);
    const scanning = after
      .filter((i) => i.scan_status === "scanning")
      .map((i) => i.image_id)
      .sort();
    expect(scanning).toEqual(unscanSwr.map((i) => i.image_id).sort());

    const m2 = await mock({ now: c.now, localImages: 300 });
    await m2.scan({ operate_all: true }, "enterprise_project_id=all_granted_eps");
    expect((await images(m2)).every((i) => i.scan_status === "scanning")).toBe(true);
  });

  it("filters by update-time range, size, name and version", async () => {
    const m = await mock({ localImages: 300 });
    const all = (await images(m)).filter((i) => i.enterprise_project_id === "0");
    const times = all.map((i) => i.latest_update_time).sort((x, y) => x - y);
    const from = times[50] as number;
    const to = times[100] as number;
    await m.scan({ operate_all: true, start_latest_update_time: from, end_latest_update_time: to });
    const scanning = (await images(m)).filter((i) => i.scan_status === "scanning");
    expect(scanning.length).toBe(
      all.filter((i) => i.latest_update_time >= from && i.latest_update_time <= to).length,
    );
    const one = all[3] as LocalImageState;
    const m2 = await mock({ localImages: 300 });
    await m2.scan({
      operate_all: true,
      image_size: one.image_size,
      image_version: one.image_version,
      image_name: one.image_name,
    });
    expect((await images(m2)).filter((i) => i.scan_status === "scanning").map((i) => i.image_id)).toEqual([
      one.image_id,
    ]);
  });

  it("outcomes are deterministic for a seed, and large images end image_oversized", async () => {
    const outcomes = async () => {
      const c = clock();
      const m = await mock({ now: c.now, seed: "s1", localImages: 300 });
      await m.scan({ operate_all: true }, "enterprise_project_id=all_granted_eps");
      c.advance(10_000);
      return (await images(m)).map((i) => [i.image_id, i.scan_status, i.image_size] as const);
    };
    const [x, y] = await Promise.all([outcomes(), outcomes()]);
    expect(y).toEqual(x);
    expect(new Set(x.map(([, s]) => s))).toEqual(
      new Set(["success", "failed", "download_failed", "image_oversized"]),
    );
    for (const [, status, size] of x) if (size >= 2_500_000_000) expect(status).toBe("image_oversized");
  });

  it("rejects what HSS would reject, naming the field", async () => {
    const m = await mock();
    const cases: [unknown, number, string][] = [
      [{}, 400, "operate_all: must be true, or image_info_list must list at least one image"],
      [
        { image_info_list: [{ image_id: "no-such-image" }] },
        400,
        "image_info_list[0]: matches no local image in enterprise project 0",
      ],
      [
        { image_info_list: [{ image_version: "v1" }] },
        400,
        "image_info_list[0]: needs image_id, image_digest, or image_name with image_version",
      ],
      [{ operate_all: "yes" }, 400, "operate_all: must be true or false"],
      [
        { scan_status: "done" },
        400,
        "scan_status: must be one of: unscan, success, scanning, failed, download_failed, image_oversized",
      ],
      [{ operateAll: true }, 400, "operateAll: is not a known field"],
      [{ image_size: -5 }, 400, "image_size: must be an integer from 0 to"],
      [[1, 2], 400, "body: must be an object"],
    ];
    for (const [body, status, message] of cases) {
      const res = await m.scan(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error_msg).toContain(message);
    }
    const noRegion = await m.call("/v5/p1/image/local/batch-scan", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(noRegion.json.error_msg).toContain("region: is required");
    const malformed = await m.scan('{"operate_all": tr');
    expect(malformed).toMatchObject({ status: 400, json: { error_code: "HSS.0002" } });
    const wrongType = await m.scan("{}", "", { "content-type": "text/plain" });
    expect(wrongType).toMatchObject({ status: 400, json: { error_code: "HSS.0003" } });
    const huge = await m.scan({
      image_info_list: Array.from({ length: 30_000 }, () => ({ image_id: "x".repeat(40) })),
    });
    expect(huge).toMatchObject({ status: 413, json: { error_code: "APIGW.0201" } });
  });

  it("admin: reset puts scans back, reseed changes the data, the journal records requests", async () => {
    const m = await mock();
    const before = await images(m);
    await m.scan({ operate_all: true });
    expect((await images(m)).some((i) => i.scan_status === "scanning")).toBe(true);
    expect((await m.admin("reset", { method: "POST" })).status).toBe(200);
    expect(await images(m)).toEqual(before);
    await m.list("CVE-2021-44228", "limit=20");
    const journal = (await m.admin("journal?limit=1")).json;
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      method: "GET",
      operation: "ListVulRepoImage",
      status: 200,
      query: { limit: "20" },
    });
    const reseeded = await m.admin("reseed", {
      method: "POST",
      body: JSON.stringify({ seed: "other", images: 50, local_images: 7 }),
    });
    expect(reseeded.json).toMatchObject({ seed: "other", image_count: 50, local_image_count: 7 });
    expect(await images(m)).toHaveLength(7);
    const bad = await m.admin("reseed", { method: "POST", body: JSON.stringify({ images: -1 }) });
    expect(bad).toMatchObject({
      status: 400,
      json: { error_msg: "images: must be an integer from 0 to 1000000" },
    });
    expect((await m.admin("nothing")).status).toBe(404);
  });
});
