/** The JMESPath engine of `--query` (dist/jmespath.cjs); see load.ts. */
import { type BundleFlags, sibling } from "./load.js";

export function loadJmespath(): Promise<typeof import("../embedded-jmespath.js")> {
  return (globalThis as BundleFlags).__HSS_BUNDLE__
    ? sibling("jmespath.cjs")
    : import("../embedded-jmespath.js");
}
