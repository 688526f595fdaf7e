import { packageConfig } from "../../vitest.shared.ts";

// The unit tests of the tool itself (test/); the contract suites (suites/) run through
// bin/hss-contract.mjs, built to dist/suites, as they do once installed.
export default packageConfig();
