/**
 * The lifetime of a shared dataset (README: mocks of the same seed and sizes share one generated
 * dataset while any of them holds it): once no one holds it, it is collected; the dataset
 * generated again for those options is then the one shared, even when the collection of the
 * first is noticed only after the second exists.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { type Dataset, datasetFor } from "../src/dataset.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("a shared dataset's lifetime", () => {
  it("is collected once unheld, and the one generated again is shared from then on", async () => {
    const options = { seed: "lifetime-1", images: 30, localImages: 4 };
    const finalized: string[] = [];
    const watch = new FinalizationRegistry<string>((name) => finalized.push(name));
    const probe = ((): WeakRef<Dataset> => {
      const first = datasetFor(options);
      watch.register(first, "first");
      return new WeakRef(first);
    })();
    // Collected at a full collection once the job that made it has ended (bounded retries).
    for (let i = 0; i < 10 && probe.deref() !== undefined; i++) {
      await tick();
      gc();
    }
    expect(probe.deref()).toBeUndefined();
    // Right after the collection, before any finalization has run: generated again.
    const second = datasetFor(options);
    expect(second.images).toHaveLength(30);
    for (let i = 0; i < 100 && !finalized.includes("first"); i++) await tick();
    expect(finalized).toEqual(["first"]);
    for (let i = 0; i < 5; i++) await tick();
    // The first's finalization came after the second was shared: the second is still the one.
    expect(datasetFor(options)).toBe(second);
    expect(datasetFor({ ...options })).toBe(second);
  });

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
