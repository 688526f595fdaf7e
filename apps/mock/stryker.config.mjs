// @ts-check
// Mutation testing of @hss/mock (settings shared with the client: ../../stryker.shared.mjs). Two
// runners and a short timeout allowance: its tests mostly wait on sockets, and a broken handler's
// mutant hangs a request until the timeout.
import { strykerConfig } from "../../stryker.shared.mjs";

const shared = strykerConfig({ concurrency: 2, timeoutMS: 3000, timeoutFactor: 1.5, high: 80, low: 65 });

export default {
  ...shared,
  // bin.ts is the process around main.ts (signals, exit code): only the built bin runs it
  // (test/bin.test.ts), which no mutant reaches in process. main.ts, what it runs, is mutated.
  mutate: [...(shared.mutate ?? []), "!src/bin.ts"],
};
