// @ts-check
// Mutation testing of @hss/client (settings shared with the mock: ../../stryker.shared.mjs).
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig({ concurrency: 1, timeoutMS: 10000, timeoutFactor: 2, high: 85, low: 70 });
