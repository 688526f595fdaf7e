import { packageConfig } from "../../vitest.shared.ts";

// npm downloads Prism, vitest and their trees into an empty folder: minutes on a loaded 2-core
// machine, so no deadline below CI's own is set.
export default packageConfig({ testTimeout: 0, hookTimeout: 0 });
