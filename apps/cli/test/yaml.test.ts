/** The small YAML emitter: a real YAML parser reads back exactly the JSON value it was given. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "../src/yaml.js";

describe("toYaml", () => {
  it("round-trips JSON values through a YAML 1.2 parser (seeded)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const normal = JSON.parse(JSON.stringify(value));
        expect(parse(toYaml(normal))).toEqual(normal);
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it("quotes strings that would read as other types", () => {
    for (const text of [
      "true",
      "no",
      "null",
      "1.0",
      "0x10",
      "2.14.1",
      "a: b",
      "x #c",
      " lead",
      "trail ",
      "",
      "-",
      "[a]",
      "*ref",
      "&a",
      "!tag",
      "%x",
      "@x",
      "`x",
    ])
      expect(parse(toYaml({ v: text }))).toEqual({ v: text });
    expect(toYaml({ image_name: "nginx", size: 10, tags: [], meta: {} })).toBe(
      "image_name: nginx\nsize: 10\ntags: []\nmeta: {}",
    );
  });
});
