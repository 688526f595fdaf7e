/** ListVulRepoImage: one table row per affected image tag, with stable columns. */
import type { VulRepoImageInfo, VulRepoImagesTagInfo } from "@hss/client";
import type { Override } from "./types.js";

const IMAGE: readonly (keyof VulRepoImageInfo)[] = [
  "namespace",
  "image_name",
  "image_id",
  "image_type",
  "app_name",
  "version",
];
const TAG: readonly (keyof VulRepoImagesTagInfo)[] = ["tag_name", "tag_id", "size"];

export const listVulRepoImage: Override<"ListVulRepoImage"> = {
  examples: [
    "hss vul-images CVE-2021-44228 --mock --output table",
    "hss vul-images CVE-2021-44228 --image-name nginx --limit 50",
    "hss vul-images CVE-2021-44228 --all --output ndjson > images.ndjson",
    "hss vul-images CVE-2021-44228 --query 'data_list[].image_name' --output json",
  ],
  table: {
    columns: [...IMAGE, ...TAG],
    rows(image) {
      const base = IMAGE.map((k) => String(image[k]));
      if (image.data_list.length === 0) return [[...base, "", "", ""]];
      return image.data_list.map((tag) => [...base, ...TAG.map((k) => String(tag[k]))]);
    },
  },
};
