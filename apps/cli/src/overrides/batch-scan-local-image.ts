/**
 * BatchScanLocalImage: images by `--image name:version`, `--image-id`, `--digest`, times as ISO
 * dates or durations ago, a confirmation before scanning every local image, and `queued` as
 * the receipt.
 */
import type { LocalImageInfo } from "@hss/client";
import { BatchScanLocalImage, type Schema, schemaAt } from "@hss/client/spec";
import { usage } from "../errors.js";
import type { FlagSpec } from "../flags.js";
import { parseTime } from "../time.js";
import type { Override } from "./types.js";

const body = BatchScanLocalImage.requestBody.schema;
/** A LocalImageInfo field's schema from the spec; a flag's value may not be empty. */
const infoField = (name: keyof LocalImageInfo): Schema => ({
  type: "string",
  ...schemaAt(body, `image_info_list[].${name}`),
  minLength: 1,
});
const time = (name: string, field: string, help: string): FlagSpec => ({
  name,
  key: `body.${field}`,
  schema: schemaAt(body, field) ?? { type: "integer" },
  help: `${help} (sets ${field})`,
  parse: (text) => parseTime(text),
  placeholder: "time",
  expects:
    "an ISO date from 1970-01-01 on (2026-01-31 or 2026-01-31T08:00:00Z) or a duration ago such as 30m, 12h, 7d",
});

const FLAGS: readonly FlagSpec[] = [
  {
    name: "image",
    key: ":images",
    repeatable: true,
    schema: { type: "string", minLength: 3 },
    help: "an image to scan, as name:version (repeatable)",
  },
  {
    name: "image-id",
    key: ":imageIds",
    repeatable: true,
    schema: infoField("image_id"),
    help: "an image to scan by id (repeatable)",
  },
  {
    name: "digest",
    key: ":digests",
    repeatable: true,
    schema: infoField("image_digest"),
    help: "an image to scan by digest, sha256:... (repeatable)",
  },
  {
    name: "all-images",
    key: "body.operate_all",
    boolean: true,
    schema: { type: "boolean" },
    help: "scan every local image matching the filters (operate_all); asks first",
  },
  time("updated-after", "start_latest_update_time", "images updated at or after"),
  time("updated-before", "end_latest_update_time", "images updated at or before"),
  time("scanned-after", "start_latest_scan_time", "images last scanned at or after"),
  time("scanned-before", "end_latest_scan_time", "images last scanned at or before"),
];

function imageRef(ref: string): LocalImageInfo {
  const at = ref.lastIndexOf(":");
  if (at <= 0 || at === ref.length - 1 || ref.slice(at).includes("/"))
    throw usage(`--image: must be name:version, e.g. nginx:1.25 (got ${JSON.stringify(ref)})`);
  return { image_name: ref.slice(0, at), image_version: ref.slice(at + 1) };
}

export const batchScanLocalImage: Override<"BatchScanLocalImage"> = {
  flags: FLAGS,
  examples: [
    "hss scan-local --mock --image docker.io/library/nginx:1.0.0",
    "hss scan-local --all-images --scan-status unscan --local-image-type swr_image --yes",
    "hss scan-local --all-images --updated-after 7d --yes --dry-run",
    "hss scan-local --generate-skeleton > body.json && hss scan-local --input body.json",
  ],
  receipt: "queued",
  input(values, input) {
    const added: LocalImageInfo[] = ((values[":images"] as string[] | undefined) ?? []).map(imageRef);
    for (const image_id of (values[":imageIds"] as string[] | undefined) ?? []) added.push({ image_id });
    for (const image_digest of (values[":digests"] as string[] | undefined) ?? [])
      added.push({ image_digest });
    // A list from --input that is not a list is left as it is, for the spec check to name.
    const given: unknown = input.body.image_info_list;
    const out =
      added.length && (given === undefined || Array.isArray(given))
        ? {
            ...input,
            body: { ...input.body, image_info_list: [...((given as LocalImageInfo[]) ?? []), ...added] },
          }
        : input;
    if (out.body.operate_all !== true && !out.body.image_info_list?.length)
      throw usage(
        "say which images to scan: --image name:version, --image-id, --digest, --input FILE, or --all-images with filters",
      );
    return out;
  },
  confirm({ body: scan }) {
    if (scan.operate_all !== true) return undefined;
    const filters = Object.entries(scan).filter(([k]) => k !== "operate_all" && k !== "image_info_list");
    const what = filters.length
      ? `matching ${filters.map(([k, v]) => `${k}=${v}`).join(", ")}`
      : "(no filters)";
    return `Scan every local image ${what}?`;
  },
};
