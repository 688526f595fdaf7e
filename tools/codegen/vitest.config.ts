import { packageConfig } from "../../vitest.shared.ts";

// `tsc` over generated files takes what it takes on a loaded machine; no deadline below CI's own.
export default packageConfig({ testTimeout: 0 });
