/**
 * ListVulRepoImage against a model: for seeded combinations of filters, offset and limit, the
 * mock answers exactly the images of its unfiltered list that match (image_name a substring, the
 * others exact), in the same order, with total_num counting every match; and asking again (when
 * its caches answer) gives the same bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

type Image = { namespace: string; image_id: string; image_name: string; app_name: string };
const VUL = "CVE-2021-44228";
const ALL = "enterprise_project_id=all_granted_eps";

describe("ListVulRepoImage filters and paging, against a model", () => {
  it("every filter combination answers the matching slice of the unfiltered list", async () => {
    const m = await mock({ images: 400, seed: "list-model" });
    const all: Image[] = [];
    for (let offset = 0; ; offset += 200) {
      const { json } = await m.list(VUL, `limit=200&offset=${offset}&${ALL}`);
      all.push(...json.data_list);
      if (offset + 200 >= json.total_num) break;
    }
    expect(all.length).toBeGreaterThan(50);
    const pick = <K extends keyof Image>(key: K) =>
      fc.option(fc.constantFrom(...all.map((i) => i[key])), { nil: undefined });
    const fragment = fc.option(
      fc.oneof(
        fc
          .constantFrom(...all.map((i) => i.image_name))
          .chain((name) =>
            fc
              .tuple(fc.nat(name.length), fc.nat(name.length))
              .map(([a, b]) => name.slice(Math.min(a, b), Math.max(a, b) + 1)),
          ),
        fc.constantFrom("zz-none", "a\nb", "-"),
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        pick("namespace"),
        pick("image_id"),
        fragment,
        pick("app_name"),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 10, max: 60 }),
        async (namespace, image_id, image_name, app_name, offset, limit) => {
          const filters = { namespace, image_id, image_name, app_name };
          const query = new URLSearchParams({
            enterprise_project_id: "all_granted_eps",
            offset: String(offset),
            limit: String(limit),
          });
          for (const [k, v] of Object.entries(filters)) if (v !== undefined) query.set(k, v);
          const expected = all.filter(
            (i) =>
              (namespace === undefined || i.namespace === namespace) &&
              (image_id === undefined || i.image_id === image_id) &&
              (image_name === undefined || i.image_name.includes(image_name)) &&
              (app_name === undefined || i.app_name === app_name),
          );
          const first = await m.list(VUL, query.toString());
          expect(first.status).toBe(200);
          expect(first.json.total_num).toBe(expected.length);
          expect(first.json.data_list).toEqual(expected.slice(offset, offset + limit));
          const again = await m.list(VUL, query.toString());
          const third = await m.list(VUL, query.toString());
          expect(again.text).toBe(first.text);
          expect(third.text).toBe(first.text);
        },
      ),
      { seed: 4242, numRuns: 40 },
    );
  });

  it("the scoped default (enterprise project 0) is a subset of all_granted_eps, in the same order", async () => {
    const m = await mock({ images: 400, seed: "list-model" });
    const scoped = (await m.list(VUL, "limit=200")).json;
    const all = (await m.list(VUL, `limit=200&${ALL}`)).json;
    expect(scoped.total_num).toBeGreaterThan(0);
    expect(scoped.total_num).toBeLessThan(all.total_num);
    const ids = all.data_list.map((i: Image) => `${i.namespace}/${i.image_id}`);
    const positions = scoped.data_list.map((i: Image) => ids.indexOf(`${i.namespace}/${i.image_id}`));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect([...positions].sort((a: number, b: number) => a - b)).toEqual(positions);
  });

  it("after a reseed the same request answers the new data, not a cached page", async () => {
    const m = await mock({ images: 200, seed: "before" });
    const q = `limit=20&${ALL}&image_name=a`;
    const before = (await m.list(VUL, q)).text;
    expect((await m.list(VUL, q)).text).toBe(before);
    await m.admin("reseed", { method: "POST", body: JSON.stringify({ seed: "after" }) });
    const after = await m.list(VUL, q);
    expect(after.text).not.toBe(before);
    const fresh = await mock({ images: 200, seed: "after" });
    expect(after.text).toBe((await fresh.list(VUL, q)).text);
  });
});
