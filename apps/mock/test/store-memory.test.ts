/**
 * The store's memory stays bounded whatever filters clients send to ListVulRepoImage: filters
 * too long to be worth keeping are computed and forgotten (neither their pages nor their matches
 * nor the mark of a first request stay), and ever new short filters keep at most a fixed number
 * of match lists. Measured as the heap after a full collection, before and after the requests.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { type ListQuery, MockStore } from "../src/store.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const VUL = "CVE-2021-44228";
const MIB = 1024 * 1024;

const query = (image_name: string): ListQuery => ({
  enterprise_project_id: "all_granted_eps",
  offset: 0,
  limit: 10,
  image_name,
});

/** A name of `length` characters, its own copy (not sharing characters with any other string). */
const nameOf = (i: number, length: number) =>
  Buffer.from(`${i}-`.padEnd(length, String.fromCharCode(97 + (i % 26)))).toString("latin1");

/** Heap bytes held after a full collection. */
const heldBytes = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe("the store's memory, whatever filters clients send", () => {
  it("keeps nothing of 300 one-off requests with 200 KB image names", () => {
    const store = new MockStore({ seed: "memory", images: 500, localImages: 10 }, 0, () => 0);
    store.listVulRepoImage(VUL, query("warm-up"));
    const before = heldBytes();
    for (let i = 0; i < 300; i++) {
      const page = JSON.parse(store.listVulRepoImage(VUL, query(nameOf(i, 200_000))).toString());
      expect(page).toEqual({ total_num: 0, data_list: [] });
    }
    const grown = heldBytes() - before;
    // The store is still in use (so what it keeps is still held when measured).
    expect(JSON.parse(store.listVulRepoImage(VUL, query("redis")).toString()).total_num).toBeGreaterThan(0);
    expect(grown).toBeLessThan(4 * MIB);
  });

  it("keeps a bounded number of match lists for 20,000 distinct short filters", () => {
    const store = new MockStore({ seed: "memory", images: 500, localImages: 10 }, 0, () => 0);
    store.listVulRepoImage(VUL, query("warm-up"));
    // Enough one-off pages first that the marks of first requests are at their bound already.
    for (let i = 0; i < 1100; i++) store.listVulRepoImage(VUL, query(nameOf(-i - 1, 600)));
    const before = heldBytes();
    for (let i = 0; i < 20_000; i++) store.listVulRepoImage(VUL, query(nameOf(i, 600)));
    const grown = heldBytes() - before;
    // The store is still in use (so what it keeps is still held when measured).
    expect(JSON.parse(store.listVulRepoImage(VUL, query("redis")).toString()).total_num).toBeGreaterThan(0);
    expect(grown).toBeLessThan(4 * MIB);
  });
});
