import { packageConfig } from "../../vitest.shared.ts";

export default packageConfig({
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
});
