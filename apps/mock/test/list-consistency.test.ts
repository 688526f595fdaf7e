/**
 * ListVulRepoImage answers that must agree with each other, whatever the mock keeps between
 * requests: a request repeated (and so served from what was kept) with one filter changed
 * answers for that filter; an image_name holding a line break matches no name (names have none)
 * and one equal to the last image's name finds it; each image has one enterprise project, the
 * same in every vulnerability's list; the admin summary counts what the lists show.
 */
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

type Mock = Awaited<ReturnType<typeof mock>>;
type Image = { namespace: string; image_id: string; image_name: string; app_name: string };
const VUL = "CVE-2021-44228";
const ALL = "enterprise_project_id=all_granted_eps";

/** Every image of a list, following the pages. */
async function everything(m: Mock, vul: string, query: string): Promise<Image[]> {
  const out: Image[] = [];
  for (let offset = 0; ; offset += 200) {
    const { status, json } = await m.list(vul, `limit=200&offset=${offset}&${query}`);
    expect(status).toBe(200);
    out.push(...json.data_list);
    if (offset + 200 >= json.total_num) return out;
  }
}

const ids = (images: Image[]) => images.map((i) => i.image_id);

describe("a repeated request with one filter changed answers for that filter", () => {
  it.each(["namespace", "image_id", "image_name", "app_name"] as const)(
    "%s: the unfiltered page asked twice, then filtered by %s",
    async (field) => {
      const m = await mock();
      const all = await everything(m, VUL, ALL);
      const sample = all[5] as Image;
      const value = field === "app_name" ? "no-such-app" : sample[field];
      const expected = all.filter((i) =>
        field === "image_name" ? i.image_name.includes(value) : i[field] === value,
      );
      const query = `${ALL}&limit=200`;
      await m.list(VUL, query);
      await m.list(VUL, query);
      const filtered = await m.list(VUL, `${query}&${field}=${encodeURIComponent(value)}`);
      expect(filtered.json.total_num).toBe(expected.length);
      expect(ids(filtered.json.data_list)).toEqual(ids(expected).slice(0, 200));
      expect(filtered.json.total_num).toBeLessThan(all.length);
    },
  );

  it.each(["namespace", "image_id", "image_name"] as const)(
    "%s: two values in turn, with another filter on (each answer its own)",
    async (field) => {
      const m = await mock();
      const all = await everything(m, VUL, ALL);
      const [a, b] = [all[3] as Image, all[40] as Image];
      for (const pick of [a, b, a, b]) {
        const expected = all.filter(
          (i) =>
            i.app_name === "log4j-core" &&
            (field === "image_name" ? i.image_name.includes(pick[field]) : i[field] === pick[field]),
        );
        const got = await everything(
          m,
          VUL,
          `${ALL}&app_name=log4j-core&${field}=${encodeURIComponent(pick[field])}`,
        );
        expect(ids(got)).toEqual(ids(expected));
      }
    },
  );

  it("app_name: two values in turn, with another filter on", async () => {
    const m = await mock();
    const all = await everything(m, VUL, ALL);
    const ns = (all[0] as Image).namespace;
    for (const app of ["log4j-core", "other", "log4j-core"]) {
      const got = await everything(m, VUL, `${ALL}&namespace=${ns}&app_name=${app}`);
      expect(ids(got)).toEqual(ids(all.filter((i) => i.namespace === ns && i.app_name === app)));
    }
  });
});

describe("image_name matching", () => {
  it("a name holding a line break matches nothing, even across two neighbouring names", async () => {
    const m = await mock();
    const all = await everything(m, VUL, ALL);
    const [first, second] = all as [Image, Image];
    const across = `${first.image_name.slice(-2)}\n${second.image_name.slice(0, 2)}`;
    const res = await m.list(VUL, `${ALL}&image_name=${encodeURIComponent(across)}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ total_num: 0, data_list: [] });
    const scoped = await m.list(VUL, `image_name=${encodeURIComponent("\n")}`);
    expect(scoped.json).toEqual({ total_num: 0, data_list: [] });
  });

  it("the last image of the list is found by its whole name, as is the first", async () => {
    const m = await mock();
    const all = await everything(m, VUL, ALL);
    for (const image of [all.at(-1) as Image, all[0] as Image]) {
      const found = await everything(m, VUL, `${ALL}&image_name=${encodeURIComponent(image.image_name)}`);
      expect(ids(found)).toContain(image.image_id);
      expect(ids(found)).toEqual(ids(all.filter((i) => i.image_name.includes(image.image_name))));
    }
  });

  it("a name found in many images gives each once, in the list's order", async () => {
    const m = await mock();
    const all = await everything(m, VUL, ALL);
    for (const part of ["e", "-", "s"]) {
      const found = await everything(m, VUL, `${ALL}&image_name=${part}`);
      expect(ids(found)).toEqual(ids(all.filter((i) => i.image_name.includes(part))));
    }
  });
});

describe("enterprise projects", () => {
  it("each image is in exactly one of them: their lists split the whole list", async () => {
    const m = await mock();
    const projects: string[] = (await m.admin("state")).json.enterprise_project_ids;
    const all = await everything(m, VUL, ALL);
    const parts = await Promise.all(projects.map((ep) => everything(m, VUL, `enterprise_project_id=${ep}`)));
    const union = parts.flat();
    expect(union).toHaveLength(all.length);
    expect(new Set(ids(union))).toEqual(new Set(ids(all)));
  });

  it("an image's project is the same in every vulnerability's list", async () => {
    const m = await mock({ images: 1000 });
    const projects: string[] = (await m.admin("state")).json.enterprise_project_ids;
    const vuls: { vul_id: string }[] = (await m.admin("vulnerabilities")).json;
    const projectOf = new Map<string, string>();
    for (const { vul_id } of vuls.slice(0, 4))
      for (const ep of projects)
        for (const image of await everything(m, vul_id, `enterprise_project_id=${ep}`)) {
          const seen = projectOf.get(image.image_id);
          if (seen !== undefined) expect(seen, image.image_id).toBe(ep);
          projectOf.set(image.image_id, ep);
        }
    expect(new Set(projectOf.values()).size).toBe(4);
  });
});

describe("the admin summary", () => {
  it("affected_image_count is the sum of what each vulnerability's list counts", async () => {
    const m = await mock();
    const state = (await m.admin("state")).json;
    const vuls: { vul_id: string; images: number }[] = (await m.admin("vulnerabilities")).json;
    let sum = 0;
    for (const { vul_id } of vuls) sum += (await m.list(vul_id, ALL)).json.total_num;
    expect(state.affected_image_count).toBe(sum);
    expect(sum).toBeGreaterThan(0);
  });
});
