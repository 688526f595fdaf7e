/** Every command's implementation (dist/commands.cjs); see load.ts. */
import { type BundleFlags, sibling } from "./load.js";

export function loadCommands(): Promise<typeof import("../commands/all.js")> {
  return (globalThis as BundleFlags).__HSS_BUNDLE__ ? sibling("commands.cjs") : import("../commands/all.js");
}
