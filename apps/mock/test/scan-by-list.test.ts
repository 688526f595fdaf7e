/**
 * BatchScanLocalImage with `image_info_list`, as a client sees it: every identifier given in an
 * item must fit the same image, in the enterprise project asked; each item that fits none is
 * named in one 400; an empty list is no request to scan; and an image already being scanned is
 * not started again. Request ids follow the mock's seed.
 */
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

type Mock = Awaited<ReturnType<typeof mock>>;
const images = async (m: Mock): Promise<LocalImageState[]> => (await m.admin("state")).json.local_images;
const byId = async (m: Mock, id: string) =>
  (await images(m)).find((i) => i.image_id === id) as LocalImageState;

function clock(start = Date.UTC(2026, 10, 23)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Two images of the default project that differ in name, version, id and digest. */
async function twoImages(m: Mock): Promise<[LocalImageState, LocalImageState]> {
  const all = (await images(m)).filter((i) => i.enterprise_project_id === "0");
  const a = all[0] as LocalImageState;
  const b = all.find(
    (i) =>
      i.image_name !== a.image_name &&
      i.image_version !== a.image_version &&
      !all.some((x) => x.image_name === a.image_name && x.image_version === i.image_version),
  ) as LocalImageState;
  return [a, b];
}

const noMatch = "image_info_list[0]: matches no local image in enterprise project 0";

describe("items of image_info_list", () => {
  it("an empty list is no request to scan: 400 naming operate_all", async () => {
    const m = await mock();
    for (const body of [{ image_info_list: [] }, { operate_all: false, image_info_list: [] }]) {
      const res = await m.scan(body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        error_code: "HSS.0001",
        error_msg: "operate_all: must be true, or image_info_list must list at least one image",
      });
    }
  });

  it("a name and a version must be those of one image", async () => {
    const m = await mock();
    const [a, b] = await twoImages(m);
    const mixed = await m.scan({
      image_info_list: [{ image_name: a.image_name, image_version: b.image_version }],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.json.error_msg).toBe(noMatch);
    const unknownVersion = await m.scan({
      image_info_list: [{ image_name: a.image_name, image_version: "no-such-version" }],
    });
    expect(unknownVersion.json.error_msg).toBe(noMatch);
    const unknownName = await m.scan({
      image_info_list: [{ image_name: "no/such/name", image_version: a.image_version }],
    });
    expect(unknownName.json.error_msg).toBe(noMatch);
    expect((await images(m)).every((i) => i.scans === 0)).toBe(true);
    const right = await m.scan({
      image_info_list: [{ image_name: a.image_name, image_version: a.image_version }],
    });
    expect(right.status).toBe(200);
    expect((await byId(m, a.image_id)).scans).toBe(1);
  });

  it("an id and a digest must be those of one image; each alone finds its image", async () => {
    const m = await mock();
    const [a, b] = await twoImages(m);
    const mixed = await m.scan({ image_info_list: [{ image_id: a.image_id, image_digest: b.image_digest }] });
    expect(mixed.json.error_msg).toBe(noMatch);
    const idAndOtherName = await m.scan({
      image_info_list: [{ image_id: a.image_id, image_name: b.image_name }],
    });
    expect(idAndOtherName.json.error_msg).toBe(noMatch);
    expect((await m.scan({ image_info_list: [{ image_digest: b.image_digest }] })).status).toBe(200);
    expect((await byId(m, b.image_id)).scans).toBe(1);
    expect((await byId(m, a.image_id)).scans).toBe(0);
  });

  it("every item that fits no image is named, in one answer, and nothing is scanned", async () => {
    const m = await mock();
    const [a] = await twoImages(m);
    const res = await m.scan({
      image_info_list: [{ image_id: "nope-1" }, { image_id: a.image_id }, { image_version: "v1" }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error_msg).toBe(
      "image_info_list[0]: matches no local image in enterprise project 0; " +
        "image_info_list[2]: needs image_id, image_digest, or image_name with image_version",
    );
    expect((await byId(m, a.image_id)).scans).toBe(0);
  });

  it("an image of another enterprise project is found only when that project (or all) is asked", async () => {
    const m = await mock({ localImages: 200 });
    const other = (await images(m)).find((i) => i.enterprise_project_id !== "0") as LocalImageState;
    const item = { image_info_list: [{ image_id: other.image_id }] };
    const inDefault = await m.scan(item);
    expect(inDefault.json.error_msg).toBe(noMatch);
    const inOwn = await m.scan(item, `enterprise_project_id=${other.enterprise_project_id}`);
    expect(inOwn.status).toBe(200);
    const elsewhere = await m.scan(item, "enterprise_project_id=some-other-project");
    expect(elsewhere.json.error_msg).toBe(
      "image_info_list[0]: matches no local image in enterprise project some-other-project",
    );
    const m2 = await mock({ localImages: 200 });
    expect((await m2.scan(item, "enterprise_project_id=all_granted_eps")).status).toBe(200);
    expect((await byId(m2, other.image_id)).scans).toBe(1);
  });
});

describe("an image already being scanned", () => {
  it("is not started again: its scan count and end stay; once ended, a new scan starts", async () => {
    const c = clock();
    const m = await mock({ now: c.now, scanDurationMs: 5000 });
    const [a] = await twoImages(m);
    const item = { image_info_list: [{ image_id: a.image_id }] };
    const started = c.now();
    expect((await m.scan(item)).status).toBe(200);
    c.advance(3000);
    expect((await m.scan(item)).status).toBe(200);
    expect(await byId(m, a.image_id)).toMatchObject({ scans: 1, scan_status: "scanning" });
    await m.scan({ operate_all: true, image_name: a.image_name });
    expect((await byId(m, a.image_id)).scans).toBe(1);
    c.advance(2000);
    const ended = await byId(m, a.image_id);
    expect(ended.scan_status).not.toBe("scanning");
    expect(ended.latest_scan_time).toBe(started + 5000);
    expect((await m.scan(item)).status).toBe(200);
    expect(await byId(m, a.image_id)).toMatchObject({ scans: 2, scan_status: "scanning" });
  });
});

describe("request ids", () => {
  it("follow the seed: the same seed gives the same ids, another seed others", async () => {
    const idsOf = async (seed: string) => {
      const m = await mock({ seed });
      const out: (string | null)[] = [];
      for (let i = 0; i < 3; i++) out.push((await m.list("CVE-2021-44228")).headers.get("x-request-id"));
      return out;
    };
    const [a, b, c] = [await idsOf("one"), await idsOf("one"), await idsOf("two")];
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(3);
    for (const id of c) expect(a).not.toContain(id);
  });
});
