/**
 * `MockStore.batchScan`, the query a handler of the store calls (README: a new handler filters
 * what it needs): it answers how many images it queued, or violations located in the request
 * body; and a scan-time range starting at 0 still leaves out the images never scanned.
 */
import { describe, expect, it } from "vitest";
import { MockStore } from "../src/store.js";

const ALL = "all_granted_eps";
const storeOf = () => new MockStore({ seed: "store-batch-scan", images: 10, localImages: 60 }, 1000, () => 5);

describe("MockStore.batchScan", () => {
  it("answers how many images it queued: every match of operate_all, each listed image once", () => {
    const store = storeOf();
    const images = store.localImages();
    const unscanned = images.filter((i) => i.scan_status === "unscan").length;
    expect(unscanned).toBeGreaterThan(0);
    expect(unscanned).toBeLessThan(images.length);
    expect(store.batchScan({ operate_all: true, scan_status: "unscan" }, ALL)).toEqual({ queued: unscanned });
    const [one, two] = images as [(typeof images)[0], (typeof images)[0]];
    expect(
      store.batchScan(
        {
          image_info_list: [
            { image_id: one.image_id },
            { image_digest: one.image_digest },
            { image_id: two.image_id },
          ],
        },
        ALL,
      ),
    ).toEqual({ queued: 2 });
    expect(store.batchScan({ operate_all: true, image_name: "no-such-image" }, ALL)).toEqual({ queued: 0 });
  });

  it("locates every violation in the body, naming the field", () => {
    const store = storeOf();
    expect(
      store.batchScan({ image_info_list: [{ image_version: "1.0.0" }, { image_id: "none" }] }, ALL),
    ).toEqual({
      violations: [
        {
          field: "image_info_list[0]",
          location: "body",
          message: "needs image_id, image_digest, or image_name with image_version",
        },
        {
          field: "image_info_list[1]",
          location: "body",
          message: `matches no local image in enterprise project ${ALL}`,
        },
      ],
    });
    expect(store.batchScan({}, ALL)).toEqual({
      violations: [
        {
          field: "operate_all",
          location: "body",
          message: "must be true, or image_info_list must list at least one image",
        },
      ],
    });
  });

  it("a scan-time range from 0 takes every image scanned before and none never scanned", () => {
    const store = storeOf();
    const before = store.localImages();
    const scanned = before.filter((i) => i.latest_scan_time !== null);
    expect(scanned.length).toBeGreaterThan(0);
    expect(scanned.length).toBeLessThan(before.length);
    expect(store.batchScan({ operate_all: true, start_latest_scan_time: 0 }, ALL)).toEqual({
      queued: scanned.length,
    });
    const after = store.localImages();
    const went = after.filter((i) => i.scan_status === "scanning").map((i) => i.image_id);
    expect(went).toEqual(scanned.map((i) => i.image_id));
  });
});
