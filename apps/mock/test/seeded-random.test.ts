/**
 * The mock's seeded randomness, on which "the same seed gives the same data" rests: FNV-1a as
 * published, values inside their documented ranges reaching both ends, every item pickable, hex
 * of the length asked, and forks that are deterministic yet independent.
 */
import { describe, expect, it } from "vitest";
import { adminTokenRequired, isLoopback, resolveMockOptions } from "../src/options.js";
import { createRandom, hash32 } from "../src/random.js";

describe("seeded random source", () => {
  it("hash32 is 32-bit FNV-1a (the published test values)", () => {
    expect(hash32("")).toBe(0x811c9dc5);
    expect(hash32("a")).toBe(0xe40c292c);
    expect(hash32("foobar")).toBe(0xbf9cf968);
  });

  it("the same seed gives the same sequence; another seed another one", () => {
    const take = (seed: string | number) => {
      const r = createRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(take("s")).toEqual(take("s"));
    expect(take("s")).not.toEqual(take("t"));
    expect(take(1)).toEqual(take("1"));
  });

  it("next() is in [0, 1) and spread over it", () => {
    const r = createRandom("spread");
    const values = Array.from({ length: 2000 }, () => r.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const low = values.filter((v) => v < 0.5).length;
    expect(low).toBeGreaterThan(850);
    expect(low).toBeLessThan(1150);
  });

  it("int(min, max) stays inside and reaches both ends", () => {
    const r = createRandom("ints");
    const values = Array.from({ length: 500 }, () => r.int(3, 7));
    expect(new Set(values)).toEqual(new Set([3, 4, 5, 6, 7]));
    expect(createRandom("x").int(9, 9)).toBe(9);
  });

  it("pick() reaches every item and nothing else", () => {
    const r = createRandom("pick");
    const items = ["a", "b", "c", "d"] as const;
    expect(new Set(Array.from({ length: 200 }, () => r.pick(items)))).toEqual(new Set(items));
  });

  it("hex(n) is exactly n lowercase hex digits, and varies", () => {
    const r = createRandom("hex");
    for (const n of [1, 7, 8, 32, 33]) expect(r.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
    const many = new Set(Array.from({ length: 50 }, () => r.hex(32)));
    expect(many.size).toBe(50);
    const digits = new Set(Array.from({ length: 40 }, () => r.hex(32)).join(""));
    expect(digits.size).toBe(16);
  });

  it("fork(label) is deterministic per label, and independent of its parent's later draws", () => {
    const a = createRandom("parent").fork("x");
    const b = createRandom("parent").fork("x");
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const parent = createRandom("parent");
    const child = parent.fork("y");
    const other = createRandom("parent").fork("y");
    parent.next();
    expect(child.next()).toBe(other.next());
    expect(createRandom("parent").fork("x").next()).not.toBe(createRandom("parent").fork("y").next());
  });
});

describe("mock options", () => {
  it("loopback is localhost, ::1 and 127.x.y.z only", () => {
    for (const host of ["localhost", "::1", "[::1]", "127.0.0.1", "127.1.2.3"])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.1", "127.0.0.1.example", "x127.0.0.1", "::"])
      expect(isLoopback(host), host).toBe(false);
  });

  it("the admin API needs a token when auth is on or the mock listens beyond loopback", () => {
    expect(adminTokenRequired("none", "127.0.0.1")).toBe(false);
    expect(adminTokenRequired("token", "127.0.0.1")).toBe(true);
    expect(adminTokenRequired("none", "0.0.0.0")).toBe(true);
  });

  it("defaults are the option table's, and given values win", () => {
    const now = () => 5;
    expect(resolveMockOptions()).toMatchObject({
      seed: "hss-mock",
      images: 1000,
      localImages: 200,
      auth: "none",
      credentials: { aksk: [], tokens: [] },
      scanDurationMs: 2000,
      maxBodyBytes: 1_048_576,
      maxHeaderBytes: 65_536,
      journalSize: 1000,
      journalBytes: 4_194_304,
      now: Date.now,
    });
    expect(resolveMockOptions().adminToken).toBeUndefined();
    const given = {
      seed: "s",
      images: 1,
      localImages: 2,
      auth: "any" as const,
      credentials: { aksk: [], tokens: ["t"] },
      adminToken: "a".repeat(16),
      scanDurationMs: 3,
      maxBodyBytes: 2048,
      maxHeaderBytes: 8192,
      journalSize: 4,
      journalBytes: 5,
      now,
    };
    expect(resolveMockOptions(given)).toEqual(given);
  });
});
