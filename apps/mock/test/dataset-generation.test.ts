/**
 * Generated vulnerabilities beside the well-known ones: a drawn CVE id that happens to be a
 * well-known one is drawn again, so each well-known CVE keeps its software and its share of the
 * images, and a dataset has 14 well-known vulnerabilities and 10 or more drawn ones.
 */
import { describe, expect, it } from "vitest";
import { generateDataset } from "../src/dataset.js";
import { createRandom } from "../src/random.js";

/** A seed whose vulnerability draws hit a well-known id among the first ten (found by search: the third draw is CVE-2023-38545). */
const COLLIDING_SEED = "known-21261";
const COLLIDING_ID = "CVE-2023-38545";

describe("drawn vulnerabilities", () => {
  it("a drawn id equal to a well-known CVE is drawn again: the well-known one keeps its software", () => {
    // The draws as the generator makes them: year, number, then software, version and share.
    const random = createRandom(`${COLLIDING_SEED}/vulnerabilities`);
    const drawn: string[] = [];
    for (let n = 0; n < 40 && !drawn.includes(COLLIDING_ID); n++) {
      drawn.push(`CVE-${random.int(2015, 2026)}-${random.int(1000, 99999).toString().padStart(5, "0")}`);
      for (let k = 0; k < 5; k++) random.next();
    }
    expect(drawn).toContain(COLLIDING_ID);

    const data = generateDataset({ seed: COLLIDING_SEED, images: 300, localImages: 0 });
    expect(data.vulnerabilities.size).toBe(24);
    const known = data.vulnerabilities.get(COLLIDING_ID);
    expect(known?.app_name).toBe("curl");
    for (const { version } of known?.affected ?? []) expect(version.replace(/-r[1-9]$/, "")).toBe("8.3.0");
  });
});
