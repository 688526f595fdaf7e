/** The command table: one entry per command, in the order help lists them. */
import { batchScanLocalImage } from "./batch-scan-local-image.js";
import { completion } from "./completion.js";
import { configure } from "./configure.js";
import { listVulRepoImage } from "./list-vul-repo-image.js";
import type { Command } from "./types.js";

/** Every command. */
export const COMMANDS: readonly Command[] = [
  listVulRepoImage,
  batchScanLocalImage,
  configure,
  completion(() => COMMANDS),
];
