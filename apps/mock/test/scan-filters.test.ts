/**
 * BatchScanLocalImage with operate_all: each filter on its own narrows the images scanned to
 * exactly those it matches (a filter the mock ignored would scan more), bounds inclusive.
 */
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

type Filter = Record<string, string | number>;

/** The in-scope local images of a fresh mock (enterprise project 0, the default scope). */
async function initial(m?: Awaited<ReturnType<typeof mock>>): Promise<LocalImageState[]> {
  const server = m ?? (await mock({ localImages: 300, seed: "scan-filters" }));
  return ((await server.admin("state")).json.local_images as LocalImageState[]).filter(
    (i) => i.enterprise_project_id === "0",
  );
}

/** Scans with `filter` on a fresh mock; returns the in-scope images before, and the ids that went scanning. */
async function scanWith(filter: Filter) {
  const m = await mock({ localImages: 300, seed: "scan-filters" });
  const before = await initial(m);
  const res = await m.scan({ operate_all: true, ...filter });
  expect(res.status, JSON.stringify(filter)).toBe(200);
  const after = (await m.admin("state")).json.local_images as LocalImageState[];
  const scanning = after.filter((i) => i.scan_status === "scanning").map((i) => i.image_id);
  return { before, scanning: scanning.sort() };
}

/** The ids of `images` that `keep` selects; asserts the filter is a real narrowing (some, not all). */
function expected(images: LocalImageState[], keep: (i: LocalImageState) => boolean): string[] {
  const ids = images
    .filter(keep)
    .map((i) => i.image_id)
    .sort();
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBeLessThan(images.length);
  return ids;
}

describe("operate_all scans only what each filter matches", () => {
  it("start_latest_scan_time alone: images scanned at or after it; never-scanned images are out", async () => {
    const probe = { before: await initial() };
    const times = probe.before
      .map((i) => i.latest_scan_time)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const from = times[Math.floor(times.length / 2)] as number;
    const { before, scanning } = await scanWith({ start_latest_scan_time: from });
    expect(scanning).toEqual(
      expected(before, (i) => i.latest_scan_time !== null && i.latest_scan_time >= from),
    );
  });

  it("end_latest_scan_time alone: images scanned at or before it; never-scanned images are out", async () => {
    const probe = { before: await initial() };
    const times = probe.before
      .map((i) => i.latest_scan_time)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const to = times[Math.floor(times.length / 2)] as number;
    const { before, scanning } = await scanWith({ end_latest_scan_time: to });
    expect(scanning).toEqual(
      expected(before, (i) => i.latest_scan_time !== null && i.latest_scan_time <= to),
    );
  });

  it("a scan-time range picks the images inside it, both ends included", async () => {
    const probe = { before: await initial() };
    const times = probe.before
      .map((i) => i.latest_scan_time)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const from = times[2] as number;
    const to = times[times.length - 3] as number;
    const { before, scanning } = await scanWith({ start_latest_scan_time: from, end_latest_scan_time: to });
    expect(scanning).toEqual(
      expected(
        before,
        (i) => i.latest_scan_time !== null && i.latest_scan_time >= from && i.latest_scan_time <= to,
      ),
    );
  });

  it("image_size alone: only images of exactly that size", async () => {
    const probe = { before: await initial() };
    const size = (probe.before[7] as LocalImageState).image_size;
    const { before, scanning } = await scanWith({ image_size: size });
    expect(scanning).toEqual(expected(before, (i) => i.image_size === size));
  });

  it("image_version alone: only images of exactly that version", async () => {
    const probe = { before: await initial() };
    const version = (probe.before[5] as LocalImageState).image_version;
    const { before, scanning } = await scanWith({ image_version: version });
    expect(scanning).toEqual(expected(before, (i) => i.image_version === version));
  });

  it("image_name alone: images whose name contains it", async () => {
    const probe = { before: await initial() };
    const name = (probe.before[3] as LocalImageState).image_name;
    const part = name.slice(1, Math.max(2, name.length - 1));
    const { before, scanning } = await scanWith({ image_name: part });
    expect(scanning).toEqual(expected(before, (i) => i.image_name.includes(part)));
  });

  it("the update-time range alone, both ends included", async () => {
    const probe = { before: await initial() };
    const times = probe.before.map((i) => i.latest_update_time).sort((a, b) => a - b);
    const from = times[10] as number;
    const to = times[20] as number;
    const { before, scanning } = await scanWith({
      start_latest_update_time: from,
      end_latest_update_time: to,
    });
    expect(scanning).toEqual(
      expected(before, (i) => i.latest_update_time >= from && i.latest_update_time <= to),
    );
  });
});
