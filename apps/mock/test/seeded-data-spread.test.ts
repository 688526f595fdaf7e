/**
 * How the seeded data spreads, as the admin API and ListVulRepoImage show it: most
 * vulnerabilities are rare, each affects its images in one version (some with a release
 * suffix), and a mock with as many local images as the spec's examples name holds exactly those.
 */
import { BatchScanLocalImage, type LocalImageBatchScanRequestBody } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

const examples = (BatchScanLocalImage.requestBody?.examples ??
  []) as readonly LocalImageBatchScanRequestBody[];
const exampleImages = examples.flatMap((e) => e.image_info_list ?? []);

describe("vulnerabilities", () => {
  it("most are rare: at least half affect under 7% of the images", async () => {
    const m = await mock({ images: 3000, seed: "rare" });
    const vuls: { images: number }[] = (await m.admin("vulnerabilities")).json;
    const rare = vuls.filter((v) => v.images < 0.07 * 3000).length;
    expect(rare).toBeGreaterThanOrEqual(vuls.length / 2);
    expect(vuls.every((v) => v.images > 0)).toBe(true);
  });

  it("each affects its images in one version, some of them with a release suffix -r1 to -r9", async () => {
    const m = await mock({ images: 3000, seed: "one-version" });
    const vuls: { vul_id: string; images: number }[] = (await m.admin("vulnerabilities")).json;
    let suffixed = 0;
    for (const { vul_id } of vuls.slice(0, 8)) {
      const versions = new Set<string>();
      for (let offset = 0; ; offset += 200) {
        const { json } = await m.list(
          vul_id,
          `limit=200&offset=${offset}&enterprise_project_id=all_granted_eps`,
        );
        for (const image of json.data_list as { version: string }[]) versions.add(image.version);
        if (offset + 200 >= json.total_num) break;
      }
      const bases = new Set([...versions].map((v) => v.replace(/-r[1-9]$/, "")));
      expect(bases.size, vul_id).toBe(1);
      expect(versions.has([...bases][0] as string), vul_id).toBe(true);
      suffixed += versions.size - 1;
    }
    expect(suffixed).toBeGreaterThan(8);
  });
});

describe("local images and the spec's examples", () => {
  it("a mock with exactly as many local images as the examples name holds those, and one fewer the first ones", async () => {
    const exact = await mock({ localImages: exampleImages.length });
    const held: LocalImageState[] = (await exact.admin("state")).json.local_images;
    expect(held.map((i) => i.image_id)).toEqual(exampleImages.map((i) => i.image_id));
    const fewer = await mock({ localImages: exampleImages.length - 1 });
    const kept: LocalImageState[] = (await fewer.admin("state")).json.local_images;
    expect(kept.map((i) => i.image_id)).toEqual(exampleImages.slice(0, -1).map((i) => i.image_id));
    expect((await fewer.admin("state")).json.local_image_count).toBe(exampleImages.length - 1);
  });
});
