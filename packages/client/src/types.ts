/** Named types of the spec's objects and operations, derived from the generated types. */
import type { components, operations } from "./generated/hss.js";

type Schemas = components["schemas"];

/** One repository image affected by a vulnerability. */
export type VulRepoImageInfo = Schemas["VulRepoImageInfo"];
/** One affected tag of an image. */
export type VulRepoImagesTagInfo = Schemas["VulRepoImagesTagInfo"];
/** The body of a ListVulRepoImage response. */
export type ListVulRepoImageResponseBody = Schemas["ListVulRepoImageResponseBody"];
/** The body of a BatchScanLocalImage request. */
export type LocalImageBatchScanRequestBody = Schemas["LocalImageBatchScanRequestBody"];
/** One local image of a batch scan. */
export type LocalImageInfo = Schemas["LocalImageInfo"];
/** The HSS error body. */
export type ErrorResponse = Schemas["ErrorResponse"];
/** `image_type` values. */
export type ImageType = VulRepoImageInfo["image_type"];
/** `scan_status` values. */
export type ScanStatus = NonNullable<LocalImageBatchScanRequestBody["scan_status"]>;
/** `local_image_type` values. */
export type LocalImageType = NonNullable<LocalImageBatchScanRequestBody["local_image_type"]>;

/** The query parameters of ListVulRepoImage. */
export type ListVulRepoImageQuery = NonNullable<operations["ListVulRepoImage"]["parameters"]["query"]>;
/** The query parameters of BatchScanLocalImage. */
export type BatchScanLocalImageQuery = NonNullable<operations["BatchScanLocalImage"]["parameters"]["query"]>;

/** What `listVulRepoImage` takes: the vulnerability id and the query (project id comes from the client). */
export type ListVulRepoImageParams = Omit<ListVulRepoImagePath, "project_id"> &
  Partial<Pick<ListVulRepoImagePath, "project_id">> &
  ListVulRepoImageQuery;
type ListVulRepoImagePath = operations["ListVulRepoImage"]["parameters"]["path"];
