import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacSha256, sha256Hex, toHex } from "./sha256.js";

describe("sha256 and hmacSha256 agree with node:crypto", () => {
  it("on the empty input and block boundaries", () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = "a".repeat(length);
      expect(sha256Hex(data)).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });

  it("on random strings and bytes (seeded)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        (text, bytes) => {
          expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
          expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it("HMAC with short, block-sized and long keys", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 150 }),
        fc.string({ unit: "binary", maxLength: 200 }),
        (key, message) => {
          expect(toHex(hmacSha256(key, message))).toBe(
            createHmac("sha256", key).update(message).digest("hex"),
          );
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
