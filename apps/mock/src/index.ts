/** @hss/mock: a stateful fake HSS server for tests and local work. */
export { AUTH_MODES, type AuthMode, type MockCredentials } from "./auth.js";
export { parseMockArgs, usage } from "./cli-options.js";
export type { Dataset, LocalImage, RepoImage } from "./dataset.js";
export type { FaultConfig } from "./faults.js";
export type { JournalEntry } from "./journal.js";
export {
  createServer,
  type MockContext,
  type MockOptions,
  type ResolvedMockOptions,
  type RunningMock,
  resolveMockOptions,
  startMockServer,
} from "./server.js";
export type { LocalImageState } from "./store.js";
