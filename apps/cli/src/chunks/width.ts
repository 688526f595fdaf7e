/** string-width (dist/width.cjs), loaded only to draw a table; see load.ts. */
import { type BundleFlags, sibling } from "./load.js";

export function loadWidth(): Promise<typeof import("../embedded-width.js")> {
  return (globalThis as BundleFlags).__HSS_BUNDLE__ ? sibling("width.cjs") : import("../embedded-width.js");
}
