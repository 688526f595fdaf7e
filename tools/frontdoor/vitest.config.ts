import { packageConfig } from "../../vitest.shared.ts";

// A fresh install (every package downloaded into an empty store) and a build take minutes on a
// loaded 2-core machine; no deadline below CI's own is set on them.
export default packageConfig({ testTimeout: 0, hookTimeout: 0 });
