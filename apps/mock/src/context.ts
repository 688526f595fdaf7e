/** The mock's state and parts, shared by the HSS handlers and the admin API. */
import { Faults } from "./faults.js";
import { Journal } from "./journal.js";
import { type MockOptions, type ResolvedMockOptions, resolveMockOptions } from "./options.js";
import { createRandom } from "./random.js";
import { MockStore } from "./store.js";

/** The mock's parts, for handlers, tests and embedding. */
export interface MockContext {
  options: ResolvedMockOptions;
  store: MockStore;
  faults: Faults;
  journal: Journal;
  nextRequestId: () => string;
}

/** Builds the context of a mock from its options. */
export function createContext(options: MockOptions = {}): MockContext {
  const resolved = resolveMockOptions(options);
  const ids = createRandom(`${resolved.seed}/request-ids`);
  return {
    options: resolved,
    store: new MockStore(
      { seed: resolved.seed, images: resolved.images, localImages: resolved.localImages },
      resolved.scanDurationMs,
      resolved.now,
    ),
    faults: new Faults(resolved.seed),
    journal: new Journal(resolved.journalSize, resolved.journalBytes),
    nextRequestId: () => ids.hex(32),
  };
}
