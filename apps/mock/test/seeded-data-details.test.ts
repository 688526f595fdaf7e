/**
 * Details of the seeded data a client can rely on: most affected images carry a vulnerability's
 * version as it is, a minority with a release suffix; every version names a release; and large
 * local images are not all scanned already (some were never scanned).
 */
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

describe("versions of affected images", () => {
  it("most carry the vulnerability's version as it is, a minority with -r1 to -r9; none is empty", async () => {
    const m = await mock({ images: 3000, seed: "details" });
    const vuls: { vul_id: string }[] = (await m.admin("vulnerabilities")).json;
    let plain = 0;
    let suffixed = 0;
    for (const { vul_id } of vuls) {
      for (let offset = 0; ; offset += 200) {
        const { json } = await m.list(
          vul_id,
          `limit=200&offset=${offset}&enterprise_project_id=all_granted_eps`,
        );
        for (const { version } of json.data_list as { version: string }[]) {
          expect(version, vul_id).toMatch(/^\d/);
          if (/-r[1-9]$/.test(version)) suffixed++;
          else plain++;
        }
        if (offset + 200 >= json.total_num) break;
      }
    }
    expect(suffixed).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(2 * suffixed);
  });
});

describe("large local images", () => {
  it("some were never scanned (unscan, no scan time), the others ended image_oversized", async () => {
    const m = await mock({ localImages: 1000, seed: "large" });
    const large = ((await m.admin("state")).json.local_images as LocalImageState[]).filter(
      (i) => i.image_size >= 2_500_000_000,
    );
    const never = large.filter((i) => i.scan_status === "unscan");
    expect(never.length).toBeGreaterThan(0);
    for (const image of never) expect(image.latest_scan_time).toBeNull();
    expect(large.length - never.length).toBeGreaterThan(0);
    for (const image of large.filter((i) => i.scan_status !== "unscan")) {
      expect(image.scan_status).toBe("image_oversized");
      expect(image.latest_scan_time).not.toBeNull();
    }
  });
});
