/**
 * The admin API's paths, token and messages at their edges: a journal limit of several digits,
 * DELETE /__mock/faults answering like the other fault routes, only `/__mock/faults/{operationId}`
 * itself naming an operation, any number of trailing slashes, the token taken only as the whole
 * `Bearer <token>` value, and refusals that say what is wrong (each bad field of a fault, the
 * body limit, the token needed).
 */
import { describe, expect, it } from "vitest";
import { mock } from "./helpers.js";

const VUL = "CVE-2021-44228";
const put = (m: Awaited<ReturnType<typeof mock>>, path: string, body: unknown) =>
  m.admin(path, { method: "PUT", body: JSON.stringify(body) });

describe("admin routes", () => {
  it("journal?limit takes a number of several digits", async () => {
    const m = await mock({ journalSize: 20 });
    for (let i = 0; i < 12; i++) await m.list(VUL, `limit=${10 + i}`);
    const last = (await m.admin("journal?limit=11")).json as { query: { limit: string } }[];
    expect(last.map((e) => e.query.limit)).toEqual(Array.from({ length: 11 }, (_, i) => String(11 + i)));
    expect((await m.admin("journal?limit=20")).json).toHaveLength(12);
  });

  it("DELETE /__mock/faults answers 200 with the faults left, none", async () => {
    const m = await mock();
    await put(m, "faults/ListVulRepoImage", { failNext: 1 });
    const res = await m.admin("faults", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect((await m.list(VUL)).status).toBe(200);
  });

  it("only /__mock/faults/{operationId} itself names an operation: a deeper path, or one that only ends like it, is 404 and sets nothing", async () => {
    const m = await mock();
    for (const path of ["faults/ListVulRepoImage/extra", "journal/__mock/faults/ListVulRepoImage"]) {
      const res = await put(m, path, { failNext: 1 });
      expect(res.status, path).toBe(404);
      expect(res.json.error_msg).toMatch(
        new RegExp(`^No admin API at PUT /__mock/${path}; known: GET /__mock/health, `),
      );
    }
    expect((await m.admin("faults")).json).toEqual({});
    expect((await m.list(VUL)).status).toBe(200);
  });

  it("any number of trailing slashes names the same route", async () => {
    const m = await mock();
    expect((await m.admin("health//")).json).toEqual({ status: "ok" });
    expect((await put(m, "faults/ListVulRepoImage///", { failNext: 2 })).json).toEqual({
      ListVulRepoImage: { failNext: 2 },
    });
  });
});

describe("the admin token", () => {
  const token = "admin-token-for-route-tests";

  it("is taken only as the whole Authorization value 'Bearer <token>': anything before or after it is refused, saying what is needed", async () => {
    const m = await mock({ adminToken: token });
    for (const authorization of [
      `NotBearer ${token}`,
      `x Bearer ${token}`,
      `Bearer ${token} extra`,
      `Bearer ${token},x`,
    ]) {
      const res = await m.call("/__mock/state", { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.json).toEqual({
        error_code: "APIGW.0301",
        error_msg: "The admin API needs the mock's admin token (Authorization: Bearer <token>)",
      });
    }
    expect((await m.call("/__mock/state", { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
  });
});

describe("admin refusals say what is wrong", () => {
  it("a fault with several bad fields names each, separated by '; ', and sets nothing", async () => {
    const m = await mock();
    const res = await put(m, "faults/ListVulRepoImage", { errorRate: 2, latencyMs: -1 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error_code: "HSS.0001",
      error_msg: "errorRate: must be a number from 0 to 1; latencyMs: must be an integer from 0 to 60000",
    });
    expect((await m.admin("faults")).json).toEqual({});
  });

  it("a body over 64 KiB is 413 naming the limit", async () => {
    const m = await mock();
    const res = await m.admin("reseed", {
      method: "POST",
      body: JSON.stringify({ seed: "x".repeat(70_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({
      error_code: "APIGW.0201",
      error_msg: "The admin request body is larger than 65536 bytes",
    });
  });
});
