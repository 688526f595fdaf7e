/** The embedded mock of `--mock` (dist/mock.cjs); see load.ts. */
import { type BundleFlags, sibling } from "./load.js";

export function loadMock(): Promise<typeof import("../embedded-mock.js")> {
  return (globalThis as BundleFlags).__HSS_BUNDLE__ ? sibling("mock.cjs") : import("../embedded-mock.js");
}
