/** The overrides of operations' commands, by operationId (see types.ts). */
import { batchScanLocalImage } from "./batch-scan-local-image.js";
import { listVulRepoImage } from "./list-vul-repo-image.js";
import type { Override, Overrides } from "./types.js";

export type { Override } from "./types.js";

/** Every override; an operation without one gets only what the spec gives it. */
export const OVERRIDES: Overrides = {
  ListVulRepoImage: listVulRepoImage,
  BatchScanLocalImage: batchScanLocalImage,
};

/** The override of an operation, if any. */
export function overrideOf(operationId: string): Override<never> | undefined {
  return (OVERRIDES as Record<string, Override<never>>)[operationId];
}
