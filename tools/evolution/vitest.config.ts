import { packageConfig } from "../../vitest.shared.ts";

// Generating and building a copy of the repository takes a while on a loaded 2-core machine;
// no deadline below CI's own is set on it (the steps are bounded by their own work).
export default packageConfig({ testTimeout: 0, hookTimeout: 0 });
