/** undici's proxy agent (dist/proxy.cjs), loaded only behind a proxy or with --ca-bundle; see load.ts. */
import { type BundleFlags, sibling } from "./load.js";

export function loadProxy(): Promise<typeof import("../embedded-proxy.js")> {
  return (globalThis as BundleFlags).__HSS_BUNDLE__ ? sibling("proxy.cjs") : import("../embedded-proxy.js");
}
