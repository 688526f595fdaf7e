/**
 * The shared datasets' cache forgets what was collected: its entries go with their datasets, so a
 * process that makes many mocks of many seeds does not grow. Generates 40,000 small datasets, so it
 * is left out of mutation runs (vitest.stryker.config.ts), where instrumentation makes it minutes.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { datasetFor } from "../src/dataset.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("the shared datasets' cache", () => {
  it("forgets each collected dataset: 40,000 seeds generated and dropped leave the heap as it was", async () => {
    const make = (from: number, to: number) => {
      for (let i = from; i < to; i++) datasetFor({ seed: `lifetime-many-${i}`, images: 0, localImages: 0 });
    };
    make(-100, 0);
    await tick();
    gc();
    const before = process.memoryUsage().heapUsed;
    // In batches, each in its own job: a job keeps what it made until it ends.
    for (let batch = 0; batch < 40; batch++) {
      make(batch * 1000, (batch + 1) * 1000);
      await tick();
    }
    let grown = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 30 && grown >= 2 * 1024 * 1024; i++) {
      await tick();
      gc();
      await tick();
      grown = process.memoryUsage().heapUsed - before;
    }
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });
});
