/**
 * The data a seeded mock serves, as a client sees it through ListVulRepoImage and the admin
 * API: the shapes of ids, names, sizes and times, how images spread over enterprise projects,
 * how many vulnerabilities a dataset of a given size has, and that the spec's request examples
 * name local images the mock has, whatever the number of local images.
 */
import { BatchScanLocalImage, type LocalImageBatchScanRequestBody } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

type Mock = Awaited<ReturnType<typeof mock>>;
type RepoImage = {
  namespace: string;
  image_id: string;
  image_name: string;
  app_name: string;
  version: string;
  tag_count: number;
  image_type: string;
  enterprise_project_id?: string;
  data_list: { tag_id: string; tag_name: string; size: number; app_name: string }[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;
const EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const OVERSIZED = 2_500_000_000;

const state = async (m: Mock) => (await m.admin("state")).json;
const localImages = async (m: Mock): Promise<LocalImageState[]> => (await state(m)).local_images;

/** Every image a vulnerability affects, across enterprise projects. */
async function affected(m: Mock, vul: string): Promise<RepoImage[]> {
  const out: RepoImage[] = [];
  for (let offset = 0; ; offset += 200) {
    const { json } = await m.list(vul, `limit=200&offset=${offset}&enterprise_project_id=all_granted_eps`);
    out.push(...json.data_list);
    if (offset + 200 >= json.total_num) return out;
  }
}

const examples = (BatchScanLocalImage.requestBody?.examples ??
  []) as readonly LocalImageBatchScanRequestBody[];
const exampleImages = examples.flatMap((e) => e.image_info_list ?? []);

describe("local images", () => {
  it("ids are UUIDs, digests sha256 with 64 hex digits; SWR images have SWR names, the others docker.io names", async () => {
    const m = await mock({ localImages: 400, seed: "shapes" });
    const all = await localImages(m);
    expect(all).toHaveLength(400);
    const generated = all.slice(0, all.length - exampleImages.length);
    for (const image of generated) {
      expect(image.image_id).toMatch(UUID);
      expect(image.image_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      if (image.local_image_type === "swr_image")
        expect(image.image_name).toMatch(/^swr\.cn-north-4\.myhuaweicloud\.com\/[a-z-]+\/[a-z-]+$/);
      else {
        expect(image.local_image_type).toBe("other_image");
        expect(image.image_name).toMatch(/^docker\.io\/library\/[a-z-]+$/);
      }
      expect(image.image_version.length).toBeGreaterThan(0);
    }
    const swr = generated.filter((i) => i.local_image_type === "swr_image").length;
    expect(swr / generated.length).toBeGreaterThan(0.45);
    expect(swr / generated.length).toBeLessThan(0.75);
    expect(new Set(all.map((i) => i.image_id)).size).toBe(all.length);
  });

  it("were updated in the 90 days before 2026-01-01; scanned ones 1 minute to 1 day after, never-scanned ones never", async () => {
    const m = await mock({ localImages: 400, seed: "times" });
    const all = await localImages(m);
    const generated = all.slice(0, all.length - exampleImages.length);
    const statuses = new Set<string>();
    for (const image of generated) {
      statuses.add(image.scan_status);
      expect(image.latest_update_time).toBeLessThanOrEqual(EPOCH);
      expect(image.latest_update_time).toBeGreaterThanOrEqual(EPOCH - 90 * DAY);
      expect(image.scans).toBe(0);
      if (image.scan_status === "unscan") expect(image.latest_scan_time).toBeNull();
      else {
        const after = (image.latest_scan_time as number) - image.latest_update_time;
        expect(after).toBeGreaterThanOrEqual(60_000);
        expect(after).toBeLessThanOrEqual(DAY);
      }
    }
    expect(statuses).toEqual(new Set(["unscan", "success", "failed", "download_failed", "image_oversized"]));
    const updates = generated.map((i) => i.latest_update_time);
    expect(Math.max(...updates) - Math.min(...updates)).toBeGreaterThan(60 * DAY);
  });

  it("are 5 MB to 4 GB; a scanned one of 2.5 GB or more ended image_oversized, a smaller one never", async () => {
    const m = await mock({ localImages: 600, seed: "sizes" });
    const generated = (await localImages(m)).slice(0, 600 - exampleImages.length);
    let big = 0;
    for (const image of generated) {
      expect(image.image_size).toBeGreaterThanOrEqual(5_000_000);
      expect(image.image_size).toBeLessThanOrEqual(4_000_000_000);
      if (image.image_size >= OVERSIZED) {
        big++;
        expect(["unscan", "image_oversized"]).toContain(image.scan_status);
      } else expect(image.scan_status).not.toBe("image_oversized");
    }
    // about 5% are large
    expect(big).toBeGreaterThan(10);
    expect(big).toBeLessThan(60);
    const small = generated.filter((i) => i.image_size < OVERSIZED).map((i) => i.image_size);
    expect(Math.max(...small)).toBeLessThanOrEqual(1_800_000_000);
    expect(Math.max(...small)).toBeGreaterThan(1_000_000_000);
  });

  it("about 80% are in the default enterprise project, the others spread over the three more", async () => {
    const m = await mock({ localImages: 1000, seed: "eps" });
    const s = await state(m);
    expect(s.enterprise_project_ids).toHaveLength(4);
    expect(s.enterprise_project_ids[0]).toBe("0");
    for (const id of s.enterprise_project_ids.slice(1)) expect(id).toMatch(UUID);
    const counts = new Map<string, number>();
    for (const image of s.local_images as LocalImageState[])
      counts.set(image.enterprise_project_id, (counts.get(image.enterprise_project_id) ?? 0) + 1);
    expect(new Set(counts.keys())).toEqual(new Set(s.enterprise_project_ids));
    const share = (counts.get("0") ?? 0) / 1000;
    expect(share).toBeGreaterThan(0.74);
    expect(share).toBeLessThan(0.86);
  });
});

describe("the spec's request examples", () => {
  it("name local images the mock has, in the default project, the SWR ones typed swr_image", async () => {
    const m = await mock({ localImages: 50 });
    const all = await localImages(m);
    for (const info of exampleImages) {
      const image = all.find((i) => i.image_id === info.image_id);
      expect(image).toMatchObject({ ...info, enterprise_project_id: "0" });
      if (info.image_name?.startsWith("swr.")) expect(image?.local_image_type).toBe("swr_image");
    }
    for (const example of examples) expect((await m.scan(example)).status).toBe(200);
  });

  it("with fewer local images than the examples name, the first ones are there and nothing breaks", async () => {
    const one = await mock({ localImages: 1 });
    const [only] = await localImages(one);
    expect(only).toMatchObject({ ...exampleImages[0], enterprise_project_id: "0" });
    const none = await mock({ localImages: 0 });
    expect(await localImages(none)).toEqual([]);
    expect((await none.scan({ operate_all: true })).status).toBe(200);
  });

  it("take the last places of a longer list; the places before are generated images", async () => {
    const m = await mock({ localImages: 30 });
    const all = await localImages(m);
    expect(all.slice(-exampleImages.length).map((i) => i.image_id)).toEqual(
      exampleImages.map((i) => i.image_id),
    );
    expect(
      all.slice(0, -exampleImages.length).some((i) => exampleImages.some((e) => e.image_id === i.image_id)),
    ).toBe(false);
  });
});

describe("vulnerabilities", () => {
  it.each([
    [0, 10],
    [500, 10],
    [6000, 12],
  ])("with %i images: the 14 well-known ones and %i more", async (images, extra) => {
    const m = await mock({ images, localImages: 0 });
    const vulnerabilities: { vul_id: string; app_name: string; images: number }[] = (
      await m.admin("vulnerabilities")
    ).json;
    expect(vulnerabilities).toHaveLength(14 + extra);
    expect((await state(m)).vulnerability_count).toBe(14 + extra);
    for (const v of vulnerabilities) {
      expect(v.vul_id).toMatch(/^CVE-(19|20)\d\d-\d{4,5}$/);
      expect(Number(v.vul_id.slice(4, 8))).toBeLessThanOrEqual(2026);
    }
    expect(new Set(vulnerabilities.map((v) => v.vul_id)).size).toBe(vulnerabilities.length);
    const log4j = vulnerabilities.find((v) => v.vul_id === "CVE-2021-44228");
    expect(log4j?.app_name).toBe("log4j-core");
    if (images) {
      // about 30% of the images have log4j
      expect((log4j?.images as number) / images).toBeGreaterThan(0.25);
      expect((log4j?.images as number) / images).toBeLessThan(0.35);
    } else expect(vulnerabilities.every((v) => v.images === 0)).toBe(true);
  });

  it("the generated ones name a version like 1.2.3 in their images, sometimes with a release suffix", async () => {
    const m = await mock({ images: 3000, seed: "versions" });
    const vulnerabilities: { vul_id: string; images: number }[] = (await m.admin("vulnerabilities")).json;
    const generated = vulnerabilities.filter((v) => v.images > 20 && !v.vul_id.startsWith("CVE-2021-44228"));
    const versions = new Set<string>();
    for (const v of generated.slice(0, 4))
      for (const image of await affected(m, v.vul_id)) {
        expect(image.version).toMatch(/^\d\.\d{1,2}\.\d{1,2}(-r[1-9])?$|^[0-9][0-9a-z.-]*$/);
        versions.add(image.version);
      }
    expect([...versions].some((v) => /-r[1-9]$/.test(v))).toBe(true);
    expect([...versions].some((v) => !/-r[1-9]$/.test(v))).toBe(true);
  });
});

describe("repository images", () => {
  it("a repeated name in a namespace is numbered; each (namespace, name) is one image", async () => {
    const m = await mock({ images: 2000, seed: "names" });
    const images = await affected(m, "CVE-2021-44228");
    const byName = new Map<string, Set<string>>();
    for (const image of images) {
      const key = `${image.namespace}/${image.image_name}`;
      byName.set(key, (byName.get(key) ?? new Set()).add(image.image_id));
    }
    for (const ids of byName.values()) expect(ids.size).toBe(1);
    const numbered = images.filter((i) => /-\d+$/.test(i.image_name));
    expect(numbered.length).toBeGreaterThan(0);
    for (const image of numbered) {
      const base = image.image_name.replace(/-\d+$/, "");
      const n = Number(image.image_name.slice(base.length + 1));
      expect(n).toBeGreaterThanOrEqual(2);
    }
  });

  it("have 1 to 5 tags of distinct names, 5 MB to 1.5 GB each; the affected tags are some of them", async () => {
    const m = await mock({ images: 2000, seed: "tags" });
    const images = await affected(m, "CVE-2021-44228");
    const counts = new Set<number>();
    const types = new Set<string>();
    const versions = new Set<string>();
    for (const image of images) {
      counts.add(image.tag_count);
      types.add(image.image_type);
      versions.add(image.version);
      expect(image.tag_count).toBeGreaterThanOrEqual(1);
      expect(image.tag_count).toBeLessThanOrEqual(5);
      expect(image.data_list.length).toBeGreaterThanOrEqual(1);
      expect(image.data_list.length).toBeLessThanOrEqual(image.tag_count);
      expect(new Set(image.data_list.map((t) => t.tag_name)).size).toBe(image.data_list.length);
      for (const tag of image.data_list) {
        expect(tag.tag_id).toMatch(/^[0-9a-f]{16}$/);
        expect(tag.size).toBeGreaterThanOrEqual(5_000_000);
        expect(tag.size).toBeLessThanOrEqual(1_500_000_000);
        expect(tag.app_name).toBe("log4j-core");
      }
      expect(image.image_id).toMatch(/^[0-9a-f]{12}$/);
    }
    expect(counts).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(types).toEqual(new Set(["private_image", "shared_image"]));
    expect(versions).toEqual(new Set(["2.14.1", ...[...versions].filter((v) => v.startsWith("2.14.1-r"))]));
    expect(versions.size).toBeGreaterThan(1);
    const whole = images.filter((i) => i.data_list.length === i.tag_count && i.tag_count > 2).length;
    const partial = images.filter((i) => i.data_list.length < i.tag_count).length;
    expect(whole).toBeGreaterThan(0);
    expect(partial).toBeGreaterThan(0);
  });

  it("about 70% are private; about 80% in the default enterprise project", async () => {
    const m = await mock({ images: 3000, seed: "spread" });
    const all = await affected(m, "CVE-2021-44228");
    const priv = all.filter((i) => i.image_type === "private_image").length / all.length;
    expect(priv).toBeGreaterThan(0.62);
    expect(priv).toBeLessThan(0.78);
    const inDefault = (await m.list("CVE-2021-44228", "enterprise_project_id=0")).json.total_num / all.length;
    expect(inDefault).toBeGreaterThan(0.72);
    expect(inDefault).toBeLessThan(0.88);
    const s = await state(m);
    for (const ep of s.enterprise_project_ids.slice(1))
      expect((await m.list("CVE-2021-44228", `enterprise_project_id=${ep}`)).json.total_num).toBeGreaterThan(
        0,
      );
  });
});
