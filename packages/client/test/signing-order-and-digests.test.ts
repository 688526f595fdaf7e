/**
 * Two things a signature depends on that no Huawei test vector pins: the canonical query's order
 * is code point order (not JavaScript's UTF-16 order), and the digests give the same bytes
 * whether `node:crypto` is at hand (Node, Bun, Deno) or the portable code runs (browsers).
 */
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalQuery, encodeRfc3986 } from "../src/sign/signer.js";

/** The reference order: each string as its list of code points, compared element by element. */
function byCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

const expected = (pairs: [string, string][]) =>
  [...pairs]
    .sort(([an, av], [bn, bv]) => byCodePoints(an, bn) || byCodePoints(av, bv))
    .map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`)
    .join("&");

const query = (pairs: [string, string][]) =>
  pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join("&");

describe("the canonical query is sorted by code point, as the gateway sorts it", () => {
  it("puts a character from U+E000 up before one above U+FFFF (UTF-16 order would not)", () => {
    // U+FF01 (one UTF-16 unit, 0xFF01) and U+1F600 (two units, 0xD83D 0xDE00).
    expect(
      canonicalQuery(
        query([
          ["\u{1F600}", "1"],
          ["\uFF01", "2"],
        ]),
      ),
    ).toBe("%EF%BC%81=2&%F0%9F%98%80=1");
    expect(
      canonicalQuery(
        query([
          ["\uFF01", "2"],
          ["\u{1F600}", "1"],
        ]),
      ),
    ).toBe("%EF%BC%81=2&%F0%9F%98%80=1");
    // Below U+D800 both orders agree: U+00E9 before U+1F600.
    expect(
      canonicalQuery(
        query([
          ["\u{1F600}", "1"],
          ["\u00E9", "2"],
        ]),
      ),
    ).toBe("%C3%A9=2&%F0%9F%98%80=1");
  });

  it("sorts a name before the longer names it begins, and equal names by value", () => {
    expect(canonicalQuery("ab=1&a=2&a=10&a=1")).toBe("a=1&a=10&a=2&ab=1");
  });

  it("agrees with a code point reference on any names and values (seeded)", () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom("a", "b", "\uFF01", "\uE000", "\u{1F600}", "\u{10000}", "\uD7FF"),
        fc
          .integer({ min: 0, max: 0x10ffff })
          .filter((c) => c < 0xd800 || c > 0xdfff)
          .map((c) => String.fromCodePoint(c)),
      ),
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 8 }), (pairs) => {
        expect(canonicalQuery(query(pairs))).toBe(expected(pairs));
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });
});

describe("digests are the same bytes with node:crypto and with the portable code", () => {
  afterEach(() => {
    vi.resetModules();
  });

  const inputs = ["", "a", "x".repeat(64), "GET\n/v5/p/image/CVE-2021-44228/images/\n\n", "\u{1F600}é"];

  it("with node:crypto (this runtime): SHA-256 and HMAC equal node:crypto's", async () => {
    const { digestHex, hmacHex } = await import("../src/sign/sha256.js");
    for (const input of inputs) {
      expect(digestHex(input)).toBe(createHash("sha256").update(input).digest("hex"));
      expect(hmacHex("SecretKey", input)).toBe(createHmac("sha256", "SecretKey").update(input).digest("hex"));
      expect(digestHex(Buffer.from(input))).toBe(createHash("sha256").update(input).digest("hex"));
    }
  });

  it("where the runtime has no process.getBuiltinModule (a browser), the portable code gives the same", async () => {
    const original = process.getBuiltinModule;
    // biome-ignore lint/suspicious/noExplicitAny: removing a method the types say is always there
    (process as any).getBuiltinModule = undefined;
    try {
      vi.resetModules();
      const portable = await import("../src/sign/sha256.js");
      // The portable functions are what runs: nothing native was found.
      expect(portable.digestHex).toBe(portable.sha256Hex);
      for (const input of inputs) {
        expect(portable.digestHex(input)).toBe(createHash("sha256").update(input).digest("hex"));
        expect(portable.hmacHex("SecretKey", input)).toBe(
          createHmac("sha256", "SecretKey").update(input).digest("hex"),
        );
      }
    } finally {
      process.getBuiltinModule = original;
    }
  });
});
