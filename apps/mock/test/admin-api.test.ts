/**
 * The admin API as the README's table describes it: what each route answers, how it refuses
 * (unknown path, wrong method, bad JSON, bad values, too large, no token), and that reset and
 * reseed start over (scans, faults, journal).
 */
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const VUL = "CVE-2021-44228";
const json = (body: unknown) => ({ method: "PUT", body: JSON.stringify(body) });

describe("admin API answers", () => {
  it("health is ok; state names the data's sizes, the auth mode, the scan duration, faults and the journal's use", async () => {
    const m = await mock({ seed: "admin-a", images: 120, localImages: 9, scanDurationMs: 1234 });
    expect((await m.admin("health")).json).toEqual({ status: "ok" });
    await m.list(VUL, "limit=10");
    const state = (await m.admin("state")).json;
    expect(state).toMatchObject({
      seed: "admin-a",
      image_count: 120,
      local_image_count: 9,
      auth: "none",
      scan_duration_ms: 1234,
      faults: {},
    });
    expect(state.local_images).toHaveLength(9);
    expect(state.journal.entries).toBe(1);
  });

  it("vulnerabilities: each CVE with the count ListVulRepoImage reports for it, most affected first", async () => {
    const m = await mock({ seed: "admin-v", images: 200 });
    const list = (await m.admin("vulnerabilities")).json as {
      vul_id: string;
      app_name: string;
      images: number;
    }[];
    expect(list.length).toBeGreaterThan(1);
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]] as [(typeof list)[0], (typeof list)[0]];
      expect(a.images > b.images || (a.images === b.images && a.vul_id < b.vul_id)).toBe(true);
    }
    for (const v of [list[0], list[list.length - 1]] as (typeof list)[0][])
      expect((await m.list(v.vul_id, "limit=10&enterprise_project_id=all_granted_eps")).json.total_num).toBe(
        v.images,
      );
    expect(list.reduce((n, v) => n + v.images, 0)).toBe((await m.admin("state")).json.affected_image_count);
  });

  it("journal: ?limit takes the newest N (1 up to the journal's size); DELETE empties it", async () => {
    const m = await mock({ journalSize: 5 });
    for (let i = 0; i < 3; i++) await m.list(VUL, `limit=${10 + i}`);
    const all = (await m.admin("journal")).json as { query: { limit: string } }[];
    expect(all.map((e) => e.query.limit)).toEqual(["10", "11", "12"]);
    expect(((await m.admin("journal?limit=2")).json as unknown[]).length).toBe(2);
    for (const bad of ["0", "-1", "x", "1.5"]) {
      const res = await m.admin(`journal?limit=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json).toEqual({
        error_code: "HSS.0001",
        error_msg: "limit: must be an integer from 1 to 5",
      });
    }
    expect((await m.admin("journal", { method: "DELETE" })).json).toEqual({ cleared: true });
    expect((await m.admin("journal")).json).toEqual([]);
  });

  it("reset answers the data's summary and clears faults and the journal", async () => {
    const m = await mock({ seed: "admin-r", images: 50, localImages: 4 });
    await m.admin("faults/ListVulRepoImage", json({ latencyMs: 1 }));
    await m.list(VUL, "limit=10");
    const reset = await m.admin("reset", { method: "POST" });
    expect(reset.json).toMatchObject({ reset: true, seed: "admin-r", image_count: 50, local_image_count: 4 });
    expect((await m.admin("faults")).json).toEqual({});
    expect((await m.admin("journal")).json).toEqual([]);
  });

  it("reseed changes only what it is given, and clears faults and the journal", async () => {
    const m = await mock({ seed: "admin-s", images: 50, localImages: 4 });
    await m.admin("faults/BatchScanLocalImage", json({ errorRate: 0.5 }));
    await m.list(VUL, "limit=10");
    const reseeded = await m.admin("reseed", { method: "POST", body: JSON.stringify({ images: 30 }) });
    expect(reseeded.json).toMatchObject({ seed: "admin-s", image_count: 30, local_image_count: 4 });
    expect((await m.admin("faults")).json).toEqual({});
    expect((await m.admin("journal")).json).toEqual([]);
    expect(
      (await m.admin("reseed", { method: "POST", body: JSON.stringify({ seed: "t" }) })).json,
    ).toMatchObject({
      seed: "t",
      image_count: 30,
    });
    expect(
      (await m.admin("reseed", { method: "POST", body: JSON.stringify({ local_images: 2 }) })).json,
    ).toMatchObject({
      seed: "t",
      local_image_count: 2,
    });
    const bad = await m.admin("reseed", { method: "POST", body: JSON.stringify({ seeds: "x" }) });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toMatch(/^seeds: is not a known field/);
    const notObject = await m.admin("reseed", { method: "POST", body: "[1]" });
    expect(notObject.json.error_msg).toBe("body: must be an object");
  });

  it("faults per operation: PUT answers every operation's faults, GET one, DELETE one", async () => {
    const m = await mock();
    expect((await m.admin("faults/ListVulRepoImage", json({ failNext: 2 }))).json).toEqual({
      ListVulRepoImage: { failNext: 2 },
    });
    expect((await m.admin("faults/ListVulRepoImage")).json).toEqual({ failNext: 2 });
    expect((await m.admin("faults/BatchScanLocalImage")).json).toEqual({});
    expect((await m.admin("faults/ListVulRepoImage", { method: "DELETE" })).json).toEqual({});
  });
});

describe("admin API refusals", () => {
  it("an operation the spec does not have is 404 naming the known ones, for PUT, GET and DELETE", async () => {
    const m = await mock();
    for (const init of [json({ failNext: 1 }), {}, { method: "DELETE" }]) {
      const res = await m.admin("faults/NoSuchOp", init);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        error_code: "APIGW.0101",
        error_msg: 'No operation "NoSuchOp"; known: ListVulRepoImage, BatchScanLocalImage',
      });
    }
  });

  it("a wrong method is 405 with Allow; an unknown path is 404 listing the routes", async () => {
    const m = await mock();
    const wrong = await m.admin("reset");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.json).toEqual({
      error_code: "APIGW.0105",
      error_msg: "GET is not allowed on /__mock/reset",
    });
    const journal = await m.admin("journal", { method: "POST" });
    expect(journal.headers.get("allow")).toBe("GET, DELETE");
    const faults = await m.admin("faults/ListVulRepoImage", { method: "POST" });
    expect(faults.headers.get("allow")).toBe("PUT, GET, DELETE");
    const unknown = await m.admin("nothing");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error_msg).toMatch(
      /^No admin API at GET \/__mock\/nothing; known: GET \/__mock\/health, GET \/__mock\/state, /,
    );
  });

  it("a trailing slash names the same route", async () => {
    const m = await mock();
    expect((await m.admin("health/")).json).toEqual({ status: "ok" });
  });

  it("a body that is not JSON is 400 HSS.0002; one over 64 KiB is 413", async () => {
    const m = await mock();
    const bad = await m.admin("faults/ListVulRepoImage", { method: "PUT", body: "{latency" });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error_code: "HSS.0002", error_msg: "The request body is not valid JSON" });
    const huge = await m.admin("reseed", {
      method: "POST",
      body: JSON.stringify({ seed: "x".repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error_code).toBe("APIGW.0201");
  });

  it("with an admin token, a request without it, with another, or with another scheme is 401", async () => {
    const token = "admin-token-for-the-tests";
    const m = await mock({ adminToken: token });
    const at = (authorization?: string) =>
      fetch(`${m.url}/__mock/health`, { headers: authorization ? { authorization } : {} });
    for (const sent of [
      undefined,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Basic ${token}`,
      `Bearer`,
    ]) {
      const res = await at(sent);
      expect(res.status, String(sent)).toBe(401);
      const body = (await res.json()) as { error_code: string; error_msg: string };
      expect(body.error_code).toBe("APIGW.0301");
      expect(body.error_msg).not.toContain(token);
    }
    expect((await at(`Bearer ${token}`)).status).toBe(200);
    expect((await at(`Bearer   ${token}`)).status).toBe(200);
  });
});
