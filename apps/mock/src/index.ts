/** @hss/mock: a stateful fake HSS server for tests and local work. */
export { AUTH_MODES, type AuthMode, type MockCredentials } from "./auth.js";
export { parseMockArgs, usage } from "./cli-options.js";
export type { MockContext } from "./context.js";
export type { Dataset, LocalImage, RepoImage } from "./dataset.js";
export type { FaultConfig } from "./faults.js";
export {
  type Handler,
  type HandlerMap,
  type HandlerRequest,
  type Json,
  json,
  type Reply,
  reply,
} from "./handler.js";
export type { JournalEntry } from "./journal.js";
export { type MockOptions, OPTIONS, type ResolvedMockOptions, resolveMockOptions } from "./options.js";
export { createServer, type RunningMock, startMockServer } from "./server.js";
export type { LocalImageState, MockStore } from "./store.js";
