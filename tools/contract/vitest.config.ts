import { packageConfig } from "../../vitest.shared.ts";

// The unit tests of the tool itself (test/); the contract suites (suites/) run through
// bin/hss-contract.mjs, built to dist/suites, as they do once installed.
// test/cli.test.ts runs whole contract runs (Prism, vitest, a mock): no deadline below CI's own.
export default packageConfig({ testTimeout: 0 });
