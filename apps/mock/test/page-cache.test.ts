/**
 * The store's cache of rendered ListVulRepoImage pages, as `MockStore.listVulRepoImage` shows it
 * (a page kept is answered as the very bytes kept): a page is kept from its second request, so a
 * client paging through new offsets neither fills the cache nor evicts the pages asked again and
 * again; the cache holds at most 256 pages and at most 8 MiB, dropping the oldest first; and it
 * remembers the last 1024 pages asked only once.
 */
import { describe, expect, it } from "vitest";
import { type ListQuery, MockStore } from "../src/store.js";

const VUL = "CVE-2021-44228";
const MIB = 1024 * 1024;

const storeOf = (images = 500) => new MockStore({ seed: "page-cache", images, localImages: 10 }, 0, () => 0);
const query = (over: Partial<ListQuery> = {}): ListQuery => ({
  enterprise_project_id: "all_granted_eps",
  offset: 0,
  limit: 10,
  ...over,
});

/** Asks a page twice, so that it is kept; answers what the second request answered. */
const admit = (store: MockStore, q: ListQuery) => {
  store.listVulRepoImage(VUL, q);
  return store.listVulRepoImage(VUL, q);
};

describe("the rendered-page cache", () => {
  it("keeps a page from its second request on: the third answer is the second's bytes, all three equal", () => {
    const store = storeOf();
    const first = store.listVulRepoImage(VUL, query());
    const second = store.listVulRepoImage(VUL, query());
    const third = store.listVulRepoImage(VUL, query());
    expect(second.equals(first)).toBe(true);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(JSON.parse(third.toString()).data_list).toHaveLength(10);
  });

  it("is not churned by a client paging through new offsets: a page asked again stays kept", () => {
    const store = storeOf();
    const hot = admit(store, query({ namespace: "ops" }));
    for (let offset = 0; offset < 300; offset++) store.listVulRepoImage(VUL, query({ offset }));
    expect(store.listVulRepoImage(VUL, query({ namespace: "ops" }))).toBe(hot);
  });

  it("holds 256 pages: the 257th kept page evicts the oldest one, which is rendered anew", () => {
    const store = storeOf();
    const oldest = admit(store, query({ offset: 0 }));
    for (let offset = 1; offset < 256; offset++) admit(store, query({ offset }));
    expect(store.listVulRepoImage(VUL, query({ offset: 0 }))).toBe(oldest);
    const newest = admit(store, query({ offset: 256 }));
    expect(store.listVulRepoImage(VUL, query({ offset: 256 }))).toBe(newest);
    const again = store.listVulRepoImage(VUL, query({ offset: 0 }));
    expect(again).not.toBe(oldest);
    expect(again.equals(oldest)).toBe(true);
  });

  it("holds at most 8 MiB of pages: once the kept pages pass it, the oldest is rendered anew", () => {
    const store = storeOf(2000);
    const pageOf = (offset: number) => query({ offset, limit: 200 });
    const oldest = admit(store, pageOf(0));
    expect(oldest.length).toBeGreaterThan(40_000);
    let bytes = oldest.length;
    let offset = 1;
    // Pages of 200 images each, until one more would pass 8 MiB (well under 256 pages).
    for (; offset < 250; offset++) {
      const next = store.listVulRepoImage(VUL, pageOf(offset));
      if (bytes + next.length > 8 * MIB) break;
      bytes += admit(store, pageOf(offset)).length;
    }
    expect(offset).toBeLessThan(250);
    expect(store.listVulRepoImage(VUL, pageOf(0))).toBe(oldest);
    const last = store.listVulRepoImage(VUL, pageOf(offset));
    expect(JSON.parse(last.toString()).data_list).toHaveLength(200);
    expect(store.listVulRepoImage(VUL, pageOf(offset))).toBe(last);
    expect(store.listVulRepoImage(VUL, pageOf(0))).not.toBe(oldest);
  });

  it("remembers the last 1024 pages asked once: one asked again after 1023 others is kept, after 1024 not yet", () => {
    const askedAgainAfter = (others: number) => {
      const store = storeOf();
      store.listVulRepoImage(VUL, query({ namespace: "ops" }));
      for (let offset = 0; offset < others; offset++) store.listVulRepoImage(VUL, query({ offset }));
      const second = store.listVulRepoImage(VUL, query({ namespace: "ops" }));
      const third = store.listVulRepoImage(VUL, query({ namespace: "ops" }));
      return { second, third };
    };
    const remembered = askedAgainAfter(1023);
    expect(remembered.third).toBe(remembered.second);
    const forgotten = askedAgainAfter(1024);
    expect(forgotten.third).not.toBe(forgotten.second);
    expect(forgotten.third.equals(forgotten.second)).toBe(true);
  });
});
