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
});
