/** ListVulRepoImage on the mock over real HTTP: filters, scoping, paging, validation, routing. */
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

type Image = {
  namespace: string;
  image_id: string;
  image_name: string;
  app_name: string;
  data_list: unknown[];
};
const VUL = "CVE-2021-44228";

async function everything(m: Awaited<ReturnType<typeof mock>>, query = "") {
  const out: Image[] = [];
  for (let offset = 0; ; offset += 200) {
    const { json } = await m.list(
      VUL,
      `limit=200&offset=${offset}&enterprise_project_id=all_granted_eps${query}`,
    );
    out.push(...json.data_list);
    if (offset + 200 >= json.total_num) return { items: out, total: json.total_num as number };
  }
}

describe("ListVulRepoImage", () => {
  it("pages over a stable order with total_num consistent with the pages", async () => {
    const m = await mock();
    const { items, total } = await everything(m);
    expect(total).toBeGreaterThan(100);
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => `${i.namespace}/${i.image_id}`)).size).toBe(total);
    const again = await everything(m);
    expect(again.items).toEqual(items);
  });

  it("pagination edges: limit 10 and 200, offset at and beyond total_num", async () => {
    const m = await mock();
    const first = await m.list(VUL, "enterprise_project_id=all_granted_eps");
    expect(first.json.data_list).toHaveLength(10); // the spec's default limit
    const total = first.json.total_num as number;
    expect(
      (await m.list(VUL, "enterprise_project_id=all_granted_eps&limit=200")).json.data_list,
    ).toHaveLength(Math.min(200, total));
    const last = await m.list(VUL, `enterprise_project_id=all_granted_eps&limit=10&offset=${total - 3}`);
    expect(last.json.data_list).toHaveLength(3);
    for (const offset of [total, total + 1, 2_000_000]) {
      const beyond = await m.list(VUL, `enterprise_project_id=all_granted_eps&offset=${offset}`);
      expect(beyond.status).toBe(200);
      expect(beyond.json).toEqual({ total_num: total, data_list: [] });
    }
  });

  it("image_name is a substring match; namespace, image_id and app_name are exact", async () => {
    const m = await mock();
    const { items: all } = await everything(m);
    const sample = all[7] as Image;
    const fuzzy = await everything(m, "&image_name=ngin");
    expect(fuzzy.items.length).toBeGreaterThan(0);
    expect(fuzzy.items.every((i) => i.image_name.includes("ngin"))).toBe(true);
    expect(fuzzy.total).toBe(all.filter((i) => i.image_name.includes("ngin")).length);
    const ns = await everything(m, `&namespace=${sample.namespace}`);
    expect(ns.total).toBe(all.filter((i) => i.namespace === sample.namespace).length);
    expect((await everything(m, `&namespace=${sample.namespace.slice(0, 3)}`)).total).toBe(0);
    const byId = await everything(m, `&image_id=${sample.image_id}`);
    expect(byId.items).toEqual(all.filter((i) => i.image_id === sample.image_id));
    expect((await everything(m, "&app_name=log4j-core")).total).toBe(all.length);
    expect((await everything(m, "&app_name=log4j")).total).toBe(0);
    const combined = await everything(m, `&namespace=${sample.namespace}&image_name=${sample.image_name}`);
    expect(
      combined.items.every(
        (i) => i.namespace === sample.namespace && i.image_name.includes(sample.image_name),
      ),
    ).toBe(true);
  });

  it("scopes to the default enterprise project, a given one, or all_granted_eps", async () => {
    const m = await mock();
    const state = (await m.admin("state")).json;
    const [, ep1] = state.enterprise_project_ids;
    const all = (await m.list(VUL, "enterprise_project_id=all_granted_eps")).json.total_num;
    const def = (await m.list(VUL)).json.total_num;
    const zero = (await m.list(VUL, "enterprise_project_id=0")).json.total_num;
    const one = (await m.list(VUL, `enterprise_project_id=${ep1}`)).json.total_num;
    expect(def).toBe(zero);
    expect(def).toBeLessThan(all);
    expect(one).toBeGreaterThan(0);
    expect((await m.list(VUL, "enterprise_project_id=no-such-ep")).json.total_num).toBe(0);
  });

  it("an unknown vulnerability has no images", async () => {
    const m = await mock();
    expect((await m.list("CVE-1999-00000")).json).toEqual({ total_num: 0, data_list: [] });
  });

  it.each([
    ["limit=9", "limit: must be an integer from 10 to 200"],
    ["limit=201", "limit: must be an integer from 10 to 200"],
    ["limit=ten", "limit: must be an integer from 10 to 200"],
    ["limit=10.5", "limit: must be an integer from 10 to 200"],
    ["offset=-1", "offset: must be an integer from 0 to 2000000"],
    ["offset=2000001", "offset: must be an integer from 0 to 2000000"],
    ["enterprise_project_id=", "enterprise_project_id: must be a string of 1 to 256 characters"],
    [`namespace=${"x".repeat(65_536)}`, "namespace: must be a string of 0 to 65535 characters"],
    ["limit=10&limit=20", "limit: must be given at most once"],
    ["imageName=x", "imageName: is not a query parameter of ListVulRepoImage"],
  ])("query %# -> 400 naming the field and range", async (query, message) => {
    const m = await mock({ maxHeaderBytes: 262_144 });
    const res = await m.list(VUL, query);
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe("HSS.0001");
    expect(res.json.error_msg).toContain(message);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("checks path parameters by the spec too", async () => {
    const m = await mock();
    const long = await m.call(`/v5/${"p".repeat(257)}/image/${VUL}/images`);
    expect(long.status).toBe(400);
    expect(long.json.error_msg).toBe("project_id: must be a string of 1 to 256 characters");
  });

  it("unknown route 404, wrong method 405 with Allow, both HSS-style with a request id", async () => {
    const m = await mock();
    const missing = await m.call("/v5/p1/nothing");
    expect(missing.status).toBe(404);
    expect(missing.json.error_code).toBe("APIGW.0101");
    const wrong = await m.call(`/v5/p1/image/${VUL}/images`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(wrong.headers.get("x-request-id")).toBeTruthy();
  });

  it("the same seed and options give byte-identical responses; another seed does not", async () => {
    const a = await mock({ seed: 42 });
    const b = await mock({ seed: 42 });
    const c = await mock({ seed: 43 });
    const requests = [
      "",
      "limit=200&enterprise_project_id=all_granted_eps",
      "image_name=redis&limit=50",
      "limit=9",
    ];
    for (const q of requests) {
      const [ra, rb, rc] = await Promise.all([a.list(VUL, q), b.list(VUL, q), c.list(VUL, q)]);
      expect(rb.text).toBe(ra.text);
      expect(rb.headers.get("x-request-id")).toBe(ra.headers.get("x-request-id"));
      if (q !== "limit=9") expect(rc.text).not.toBe(ra.text);
    }
  });
});
