import { packageConfig } from "../../vitest.shared.ts";

export default packageConfig({
  globalSetup: ["./test/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 90_000,
});
