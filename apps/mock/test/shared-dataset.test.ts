/**
 * Mocks of the same seed and sizes share one generated dataset (read-only), and nothing else: each
 * keeps its own scans, and a reseed of one leaves the others' data alone.
 */
import { describe, expect, it } from "vitest";
import { datasetFor, generateDataset } from "../src/dataset.js";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

const localImages = async (m: Awaited<ReturnType<typeof mock>>): Promise<LocalImageState[]> =>
  (await m.admin("state")).json.local_images;

describe("a dataset shared by mocks of the same seed and sizes", () => {
  it("is generated once while it is held, and is what generation gives", () => {
    const options = { seed: "shared-1", images: 40, localImages: 6 };
    const first = datasetFor(options);
    expect(datasetFor({ ...options })).toBe(first);
    expect(datasetFor({ ...options, seed: "shared-2" })).not.toBe(first);
    expect(datasetFor({ ...options, images: 41 })).not.toBe(first);
    expect(datasetFor({ ...options, localImages: 7 })).not.toBe(first);
    expect(first).toEqual(generateDataset(options));
  });

  it("keeps each mock's scans its own", async () => {
    const a = await mock({ seed: "shared-scan", images: 30, localImages: 5 });
    const b = await mock({ seed: "shared-scan", images: 30, localImages: 5 });
    const [target] = (await localImages(a)).filter((i) => i.enterprise_project_id === "0");
    if (target === undefined) throw new Error("the seed has no local image in the default project");
    expect((await a.scan({ image_info_list: [{ image_id: target.image_id }] })).status).toBe(200);

    const inA = (await localImages(a)).find((i) => i.image_id === target.image_id);
    const inB = (await localImages(b)).find((i) => i.image_id === target.image_id);
    expect(inA).toMatchObject({ scans: 1 });
    expect(inB).toEqual(target);
  });

  it("leaves the other mocks' data alone when one reseeds", async () => {
    const a = await mock({ seed: "shared-reseed", images: 30, localImages: 5 });
    const b = await mock({ seed: "shared-reseed", images: 30, localImages: 5 });
    const before = (await b.admin("state")).json;
    const reseeded = await a.admin("reseed", {
      method: "POST",
      body: JSON.stringify({ seed: "other", images: 12 }),
    });
    expect(reseeded.json).toMatchObject({ seed: "other", image_count: 12 });
    expect((await b.admin("state")).json).toEqual(before);
    const back = await a.admin("reseed", {
      method: "POST",
      body: JSON.stringify({ seed: "shared-reseed", images: 30 }),
    });
    expect(back.json).toMatchObject({ seed: "shared-reseed", image_count: 30 });
    expect((await a.admin("state")).json.local_images).toEqual(before.local_images);
  });
});

describe("what a mock hands out of its data", () => {
  it("is its own copy, or frozen: changing it changes no other mock of the same seed", async () => {
    const a = await mock({ seed: "shared-own", images: 20, localImages: 3 });
    const b = await mock({ seed: "shared-own", images: 20, localImages: 3 });
    const before = b.context.store.summary;
    a.context.store.summary.enterprise_project_ids.push("changed");
    expect(b.context.store.summary).toEqual(before);
    const data = datasetFor({ seed: "shared-own", images: 20, localImages: 3 });
    expect(Object.isFrozen(data.images[0]?.tags[0])).toBe(true);
    expect(() => {
      (data.localImages as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
