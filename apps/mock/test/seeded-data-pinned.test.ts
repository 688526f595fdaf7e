/**
 * The data of a seed does not change from one version to the next: the README shows what the
 * CLI's embedded mock (seed `hss-cli-mock`, the default sizes) holds, and users' tests name its
 * images, vulnerabilities and scan outcomes. Pinned here: the images the README's
 * `hss vul-images CVE-2021-44228 --image-name redis` shows, the local images `hss mock
 * local-images` shows first, the vulnerabilities it knows, and how a scan of everything ends.
 */
import { describe, expect, it } from "vitest";
import type { LocalImageState } from "../src/index.js";
import { mock } from "./helpers.js";

/** The seed of the CLI's embedded mock (apps/cli/src/context.ts, MOCK_SEED), at the default sizes. */
const CLI_MOCK = { seed: "hss-cli-mock", images: 1000, localImages: 200 };

describe("the data of the CLI's seed, as the README shows it", () => {
  it("vul-images CVE-2021-44228 --image-name redis: the images and affected tags shown", async () => {
    const m = await mock(CLI_MOCK);
    const { json } = await m.list("CVE-2021-44228", "limit=10&image_name=redis");
    // The README's table: one row per affected tag; its first four rows.
    type Image = {
      namespace: string;
      image_name: string;
      image_id: string;
      image_type: string;
      app_name: string;
      version: string;
      data_list: { tag_name: string; tag_id: string; size: number }[];
    };
    const rows = (json.data_list as Image[]).flatMap((i) =>
      i.data_list.map((t) =>
        [
          i.namespace,
          i.image_name,
          i.image_id,
          i.image_type,
          i.app_name,
          i.version,
          t.tag_name,
          t.tag_id,
          t.size,
        ].join(" "),
      ),
    );
    expect(rows.slice(0, 4)).toEqual([
      "ops redis-2 d338ebf709a1 shared_image log4j-core 2.14.1 2024.06 9dd1fbe81ef9a96a 551299240",
      "ops redis-2 d338ebf709a1 shared_image log4j-core 2.14.1 2.3.1 2b718dc77029205e 501216416",
      "mobile redis-2 22c65734b3f4 private_image log4j-core 2.14.1 1.1.2 8dcd8fa9d92b2235 423489000",
      "security redis-4 f8f6733fda66 private_image log4j-core 2.14.1-r3 stable 4809819de1927826 329804580",
    ]);
  });

  it("mock local-images: the first three local images shown", async () => {
    const m = await mock(CLI_MOCK);
    const images: LocalImageState[] = (await m.admin("state")).json.local_images;
    expect(
      images.slice(0, 3).map((i) => ({
        image: `${i.image_name}:${i.image_version}`,
        image_id: i.image_id,
        local_image_type: i.local_image_type,
        scan_status: i.scan_status,
        enterprise_project_id: i.enterprise_project_id,
      })),
    ).toEqual([
      {
        image: "docker.io/library/mongo:release-7",
        image_id: "e85b16b5-dc1d-448a-a92d-ae2d0b699583",
        local_image_type: "other_image",
        scan_status: "unscan",
        enterprise_project_id: "0",
      },
      {
        image: "swr.cn-north-4.myhuaweicloud.com/infra/elasticsearch:1.0.0",
        image_id: "5020a4ab-44c9-4567-a159-41895997ff42",
        local_image_type: "swr_image",
        scan_status: "unscan",
        enterprise_project_id: "c3c97ed3-ef88-462a-ab8b-4aea67c4fb62",
      },
      {
        image: "docker.io/library/nginx:1.0.0",
        image_id: "9e9ea09b-951e-4e7e-af34-a3a5cfaaed24",
        local_image_type: "other_image",
        scan_status: "unscan",
        enterprise_project_id: "0",
      },
    ]);
  });
});

describe("the rest of the CLI seed's data, pinned", () => {
  it("knows these vulnerabilities, each affecting this many images", async () => {
    const m = await mock(CLI_MOCK);
    const vuls: { vul_id: string; app_name: string; images: number }[] = (await m.admin("vulnerabilities"))
      .json;
    expect(vuls.map((v) => `${v.vul_id} ${v.app_name} ${v.images}`)).toEqual(PINNED_VULNERABILITIES);
  });

  it("a scan of every local image ends in these outcomes", async () => {
    const m = await mock({ ...CLI_MOCK, scanDurationMs: 0 });
    const scanned = await m.scan({ operate_all: true }, "enterprise_project_id=all_granted_eps");
    expect(scanned.status).toBe(200);
    const images: LocalImageState[] = (await m.admin("state")).json.local_images;
    const counts: Record<string, number> = {};
    for (const i of images) counts[i.scan_status] = (counts[i.scan_status] ?? 0) + 1;
    expect(counts).toEqual(PINNED_OUTCOMES);
    expect(images.slice(0, 12).map((i) => i.scan_status)).toEqual(PINNED_FIRST_OUTCOMES);
  });
});

const PINNED_VULNERABILITIES = [
  "CVE-2021-44228 log4j-core 284",
  "CVE-2022-37434 zlib 253",
  "CVE-2023-29491 ncurses 217",
  "CVE-2022-0778 openssl 209",
  "CVE-2023-38545 curl 158",
  "CVE-2021-3156 sudo 149",
  "CVE-2014-0160 openssl 115",
  "CVE-2023-4863 libwebp 83",
  "CVE-2022-22965 spring-beans 82",
  "CVE-2023-44487 golang.org/x/net 68",
  "CVE-2026-58102 glibc 57",
  "CVE-2022-42889 commons-text 43",
  "CVE-2021-23017 nginx 34",
  "CVE-2015-02960 busybox 32",
  "CVE-2026-19817 libtiff 25",
  "CVE-2015-36238 gnutls 23",
  "CVE-2019-5736 runc 16",
  "CVE-2024-3094 xz-utils 13",
  "CVE-2026-59018 libxml2 13",
  "CVE-2021-60034 libtiff 12",
  "CVE-2022-75407 systemd 11",
  "CVE-2025-32138 libxml2 7",
  "CVE-2018-18635 libxml2 5",
  "CVE-2020-97547 systemd 4",
];
const PINNED_OUTCOMES = { success: 144, failed: 21, download_failed: 24, image_oversized: 11 };
const PINNED_FIRST_OUTCOMES = [
  "image_oversized",
  "success",
  "success",
  "failed",
  "success",
  "success",
  "success",
  "success",
  "success",
  "success",
  "success",
  "image_oversized",
];
