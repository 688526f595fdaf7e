// @ts-check
// Mutation testing of @hss/mock (settings shared with the client: ../../stryker.shared.mjs). Two
// runners and a short timeout allowance: its tests mostly wait on sockets, and a broken handler's
// mutant hangs a request until the timeout.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig({ concurrency: 2, timeoutMS: 3000, timeoutFactor: 1.5, high: 80, low: 65 });
