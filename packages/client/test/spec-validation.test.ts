/**
 * The spec validator as its users meet it (`@hss/client/spec`: the client before sending, the CLI
 * for flags, the mock for incoming requests): which values each kind of schema accepts and
 * refuses, at and just past every bound, and what the refusal says (the field's path, where the
 * value came from, and the allowed range in words).
 */
import { describe, expect, it } from "vitest";
import {
  BatchScanLocalImage,
  describeSchema,
  ListVulRepoImage,
  parameterSchema,
  parseParameter,
  type Schema,
  schemaAt,
  validateOperationInput,
  validateValue,
} from "../src/spec/index.js";

/** The violations of `value`, as `field: message` lines. */
const problems = (schema: Schema, value: unknown, field = "f") =>
  validateValue(schema, value, field, "query").map((v) => `${v.field}: ${v.message}`);

describe("describeSchema says in words what a schema allows", () => {
  it.each<[Schema, string]>([
    [{ type: "integer", minimum: 1, maximum: 5 }, "an integer from 1 to 5"],
    [{ type: "integer", minimum: 1 }, "an integer of at least 1"],
    [{ type: "integer", maximum: 5 }, "an integer of at most 5"],
    [{ type: "integer" }, "an integer"],
    [{ type: "integer", format: "int64" }, "an integer"],
    [{ type: "number", minimum: 0.5, maximum: 2 }, "a number from 0.5 to 2"],
    [{ type: "number", minimum: 0 }, "a number of at least 0"],
    [{ type: "number", maximum: 0 }, "a number of at most 0"],
    [{ type: "number" }, "a number"],
    [{ type: "integer", format: "int32", minimum: 10 }, "an integer from 10 to 2147483647"],
    [{ type: "integer", format: "int32", maximum: 10 }, "an integer from -2147483648 to 10"],
    [
      { type: "integer", format: "int32", minimum: -1e12, maximum: 1e12 },
      "an integer from -2147483648 to 2147483647",
    ],
    [{ type: "string" }, "a string"],
    [{ type: "string", minLength: 0 }, "a string"],
    [{ type: "string", minLength: 1 }, "a string of at least 1 character"],
    [{ type: "string", minLength: 2 }, "a string of at least 2 characters"],
    [{ type: "string", maxLength: 8 }, "a string of 0 to 8 characters"],
    [{ type: "string", minLength: 2, maxLength: 8 }, "a string of 2 to 8 characters"],
    [{ type: "string", pattern: "^a+$" }, "a string matching ^a+$"],
    [{ type: "string", minLength: 2, pattern: "^a+$" }, "a string of at least 2 characters matching ^a+$"],
    [{ type: "string", maxLength: 3, pattern: "^a+$" }, "a string of 0 to 3 characters matching ^a+$"],
    [{ type: "string", enum: ["x", "y"] }, "one of: x, y"],
    [{ type: "integer", enum: [1, 2, 3], minimum: 0 }, "one of: 1, 2, 3"],
    [{ type: "boolean" }, "true or false"],
    [{ type: "array", maxItems: 3 }, "an array of at most 3 items"],
    [{ type: "array" }, "an array"],
    [{ type: "object" }, "an object"],
    [{}, "a value"],
  ])("%j is described as %j", (schema, words) => {
    expect(describeSchema(schema)).toBe(words);
  });
});

describe("strings", () => {
  const name: Schema = { type: "string", minLength: 2, maxLength: 4 };

  it("a string at either length bound is accepted; one character shorter or longer is refused with the range", () => {
    expect(problems(name, "ab")).toEqual([]);
    expect(problems(name, "abcd")).toEqual([]);
    expect(problems(name, "a")).toEqual(["f: must be a string of 2 to 4 characters"]);
    expect(problems(name, "abcde")).toEqual(["f: must be a string of 2 to 4 characters"]);
  });

  it("only a minimum, or only a maximum, bounds only that side", () => {
    expect(problems({ type: "string", minLength: 3 }, "x".repeat(10_000))).toEqual([]);
    expect(problems({ type: "string", minLength: 3 }, "xy")).toEqual([
      "f: must be a string of at least 3 characters",
    ]);
    expect(problems({ type: "string", maxLength: 3 }, "")).toEqual([]);
    expect(problems({ type: "string", maxLength: 3 }, "wxyz")).toEqual([
      "f: must be a string of 0 to 3 characters",
    ]);
  });

  it("a value that is not a string is refused, however string-like", () => {
    for (const value of [12, true, null, ["ab"], { toString: () => "ab" }])
      expect(problems(name, value), String(value)).toEqual(["f: must be a string of 2 to 4 characters"]);
  });

  it("lengths count characters (code points), not UTF-16 units, at the edges of the surrogate ranges", () => {
    const one: Schema = { type: "string", minLength: 1, maxLength: 1 };
    // U+10000 (\uD800\uDC00) and U+10FFFF (\uDBFF\uDFFF): the first and last characters written as pairs.
    for (const c of ["\u{10000}", "\u{10FFFF}", "😀", "\uD7FF", "\uE000", "a"])
      expect(problems(one, c), c.codePointAt(0)?.toString(16)).toEqual([]);
    expect(problems(one, "😀😀")).toEqual(["f: must be a string of 1 to 1 characters"]);
    expect(problems({ type: "string", minLength: 2 }, "😀")).toEqual([
      "f: must be a string of at least 2 characters",
    ]);
    expect(problems({ type: "string", minLength: 2 }, "😀😀")).toEqual([]);
  });

  it("a pattern is matched against the whole value, by characters (a Unicode regular expression)", () => {
    const region: Schema = { type: "string", pattern: "^[a-z]{2,}(-[a-z0-9]+)+$" };
    expect(problems(region, "cn-north-4")).toEqual([]);
    expect(problems(region, "CN-north-4")).toEqual(["f: must be a string matching ^[a-z]{2,}(-[a-z0-9]+)+$"]);
    // Without the `u` flag `.` would be one UTF-16 unit and `\u{...}` no escape at all.
    expect(problems({ type: "string", pattern: "^.$" }, "😀")).toEqual([]);
    expect(problems({ type: "string", pattern: "^\\u{1F600}$" }, "😀")).toEqual([]);
    // The same pattern is asked again (it is compiled once): the answers do not change.
    expect(problems(region, "cn-north-4")).toEqual([]);
    expect(problems(region, "north")).toHaveLength(1);
  });

  it("a string breaking several rules at once is one violation", () => {
    expect(problems({ type: "string", maxLength: 2, pattern: "^a+$" }, "bbbb")).toEqual([
      "f: must be a string of 0 to 2 characters matching ^a+$",
    ]);
  });
});

describe("enumerations", () => {
  const status: Schema = { type: "string", enum: ["unscan", "success"] };

  it("a listed value is accepted; any other is refused once, listing the allowed values", () => {
    expect(problems(status, "success")).toEqual([]);
    expect(problems(status, "Success")).toEqual(["f: must be one of: unscan, success"]);
    // Not a string either: still one violation, the list of values.
    expect(problems(status, 7)).toEqual(["f: must be one of: unscan, success"]);
    expect(problems({ type: "integer", enum: [1, 2] }, 2)).toEqual([]);
    expect(problems({ type: "integer", enum: [1, 2] }, 3)).toEqual(["f: must be one of: 1, 2"]);
  });
});

describe("numbers", () => {
  const limit: Schema = { type: "integer", minimum: 10, maximum: 200 };

  it("both bounds are inclusive; one past either is refused with the range", () => {
    expect(problems(limit, 10)).toEqual([]);
    expect(problems(limit, 200)).toEqual([]);
    expect(problems(limit, 9)).toEqual(["f: must be an integer from 10 to 200"]);
    expect(problems(limit, 201)).toEqual(["f: must be an integer from 10 to 200"]);
  });

  it("an integer field refuses fractions; a number field takes them", () => {
    expect(problems(limit, 10.5)).toEqual(["f: must be an integer from 10 to 200"]);
    expect(problems({ type: "number", minimum: 0, maximum: 1 }, 0.5)).toEqual([]);
  });

  it("only a minimum, or only a maximum, bounds only that side", () => {
    expect(problems({ type: "integer", minimum: 0 }, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(problems({ type: "integer", minimum: 0 }, -1)).toEqual(["f: must be an integer of at least 0"]);
    expect(problems({ type: "integer", maximum: 0 }, -1e15)).toEqual([]);
    expect(problems({ type: "integer", maximum: 0 }, 1)).toEqual(["f: must be an integer of at most 0"]);
  });

  it("NaN and the infinities are no numbers, even where nothing bounds the field", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(problems({ type: "number" }, value), String(value)).toEqual(["f: must be a number"]);
  });

  it("a numeric string or a boolean is not a number", () => {
    for (const value of ["12", true, null, [12]])
      expect(problems(limit, value), String(value)).toEqual(["f: must be an integer from 10 to 200"]);
  });

  it("an int32 field refuses what does not fit 32 bits even when the spec states no bound", () => {
    const int32: Schema = { type: "integer", format: "int32" };
    expect(problems(int32, 2147483647)).toEqual([]);
    expect(problems(int32, -2147483648)).toEqual([]);
    expect(problems(int32, 2147483648)).toEqual(["f: must be an integer from -2147483648 to 2147483647"]);
    expect(problems(int32, -2147483649)).toEqual(["f: must be an integer from -2147483648 to 2147483647"]);
    // A bound of its own still applies inside the 32-bit range.
    expect(problems({ ...int32, minimum: 10 }, 9)).toEqual(["f: must be an integer from 10 to 2147483647"]);
    expect(problems({ ...int32, maximum: 10 }, 11)).toEqual(["f: must be an integer from -2147483648 to 10"]);
  });

  it("an int64 field has no implicit range: only its own bounds", () => {
    expect(problems({ type: "integer", format: "int64" }, 2 ** 40)).toEqual([]);
    expect(problems({ type: "integer", format: "int64" }, -(2 ** 40))).toEqual([]);
  });
});

describe("schemas that state no type", () => {
  it("take any value, unless they list the values", () => {
    for (const value of ["a", 1, null, [], {}]) expect(problems({}, value), String(value)).toEqual([]);
    expect(problems({ enum: ["a", 1] }, 1)).toEqual([]);
    expect(problems({ enum: ["a", 1] }, "1")).toEqual(["f: must be one of: a, 1"]);
  });
});

describe("booleans", () => {
  it("only true and false, not their text", () => {
    expect(problems({ type: "boolean" }, true)).toEqual([]);
    expect(problems({ type: "boolean" }, false)).toEqual([]);
    for (const value of ["true", 1, 0, null])
      expect(problems({ type: "boolean" }, value), String(value)).toEqual(["f: must be true or false"]);
  });
});

describe("arrays", () => {
  const tags: Schema = { type: "array", minItems: 1, maxItems: 3, items: { type: "string", maxLength: 2 } };

  it("an array at either item-count bound is accepted; one item fewer or more is refused", () => {
    expect(problems(tags, ["a"])).toEqual([]);
    expect(problems(tags, ["a", "b", "c"])).toEqual([]);
    expect(problems(tags, [])).toEqual(["f: must be an array of at most 3 items"]);
    expect(problems(tags, ["a", "b", "c", "d"])).toEqual(["f: must be an array of at most 3 items"]);
  });

  it("only a maximum, or only a minimum, bounds only that side", () => {
    expect(problems({ type: "array", maxItems: 2 }, [])).toEqual([]);
    expect(problems({ type: "array", minItems: 2 }, [1, 2, 3, 4, 5])).toEqual([]);
    expect(problems({ type: "array", minItems: 2 }, [1])).toEqual(["f: must be an array"]);
  });

  it("each item is checked and named by its index", () => {
    expect(problems(tags, ["ok", "too long", 3], "tags")).toEqual([
      "tags[1]: must be a string of 0 to 2 characters",
      "tags[2]: must be a string of 0 to 2 characters",
    ]);
  });

  it("an array with too many items is refused and its items are still checked", () => {
    expect(problems(tags, ["a", "b", "c", "long"], "tags")).toEqual([
      "tags: must be an array of at most 3 items",
      "tags[3]: must be a string of 0 to 2 characters",
    ]);
  });

  it("a value that is not an array has nothing below it looked into", () => {
    const numbers: Schema = { type: "array", items: { type: "integer" } };
    expect(problems(numbers, "ab")).toEqual(["f: must be an array"]);
    expect(problems(numbers, { 0: "x", length: 1 })).toEqual(["f: must be an array"]);
  });

  it("an array without an item schema takes any items", () => {
    expect(problems({ type: "array" }, [1, "a", null, {}])).toEqual([]);
  });

  it("a value that is not an array is refused", () => {
    for (const value of ["a", { 0: "a", length: 1 }, null])
      expect(problems(tags, value), String(value)).toEqual(["f: must be an array of at most 3 items"]);
  });

  it("a long array of bad items is reported by its first 20 violations, after those already found", () => {
    const list: Schema = { type: "array", items: { type: "integer" } };
    const bad = Array.from({ length: 30 }, (_, i) => `item ${i}`);
    const alone = problems(list, bad, "ids");
    expect(alone).toHaveLength(20);
    expect(alone[0]).toBe("ids[0]: must be an integer");
    expect(alone[19]).toBe("ids[19]: must be an integer");
    // An earlier field's violation does not use up the array's 20.
    const body: Schema = { type: "object", properties: { name: { type: "string" }, ids: list } };
    const both = problems(body, { name: 1, ids: bad }, "");
    expect(both).toHaveLength(21);
    expect(both[0]).toBe("name: must be a string");
    expect(both[20]).toBe("ids[19]: must be an integer");
  });
});

describe("objects", () => {
  const image: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["id"],
    properties: { id: { type: "string" }, size: { type: "integer", minimum: 0 } },
  };

  it("a value that is not a plain object is refused", () => {
    for (const value of [null, [], ["id"], "id", 1])
      expect(problems(image, value), String(value)).toEqual(["f: must be an object"]);
  });

  it("a missing required field is named by its path", () => {
    expect(problems(image, { size: 1 }, "image")).toEqual(["image.id: is required"]);
    expect(problems(image, { id: undefined }, "image")).toEqual(["image.id: is required"]);
    // At the top of a document (no field name) the path is the field's own name.
    expect(problems(image, {}, "")).toEqual(["id: is required"]);
  });

  it("a field present as undefined is as good as absent; null is a value and checked", () => {
    expect(problems(image, { id: "a", size: undefined })).toEqual([]);
    expect(problems(image, { id: "a", size: null })).toEqual(["f.size: must be an integer of at least 0"]);
  });

  it("each field is checked and named by its path", () => {
    expect(problems(image, { id: 5, size: -1 }, "image")).toEqual([
      "image.id: must be a string",
      "image.size: must be an integer of at least 0",
    ]);
  });

  it("objects inside objects and arrays are checked, each field named by its whole path", () => {
    const outer: Schema = {
      type: "object",
      properties: { inner: image, list: { type: "array", items: image } },
    };
    expect(problems(outer, { inner: { id: 5 }, list: [{ id: "a" }, { size: 1 }] }, "doc")).toEqual([
      "doc.inner.id: must be a string",
      "doc.list[1].id: is required",
    ]);
    expect(problems(outer, { inner: "x" }, "doc")).toEqual(["doc.inner: must be an object"]);
  });

  it("with additionalProperties false an unknown field is refused, listing the known ones", () => {
    expect(problems(image, { id: "a", Size: 1 }, "image")).toEqual([
      "image.Size: is not a known field (known: id, size)",
    ]);
    expect(problems({ type: "object", additionalProperties: false }, { a: 1 }, "")).toEqual([
      "a: is not a known field (known: )",
    ]);
  });

  it("without additionalProperties false an unknown field is let through unchecked", () => {
    const open: Schema = { type: "object", properties: { id: { type: "string" } } };
    expect(problems(open, { id: "a", extra: { anything: [1] } })).toEqual([]);
    expect(problems({ type: "object" }, { anything: 1 })).toEqual([]);
  });

  it("missing fields come first, in the schema's order, then what the fields present break, in theirs", () => {
    const tag: Schema = {
      type: "object",
      additionalProperties: false,
      required: ["name", "id", "owner"],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        size: { type: "integer" },
        owner: {},
      },
    };
    expect(problems(tag, { size: "big", extra: 1 }, "tag")).toEqual([
      "tag.name: is required",
      "tag.id: is required",
      "tag.owner: is required",
      "tag.size: must be an integer",
      "tag.extra: is not a known field (known: id, name, size, owner)",
    ]);
    expect(problems(tag, { id: "a", name: "b", owner: null, size: 1 })).toEqual([]);
    // Among the items of an array, each item's missing fields come before its other problems.
    expect(
      problems({ type: "array", items: tag }, [{ id: 1, name: "n", owner: 0 }, { id: "a" }], "tags"),
    ).toEqual(["tags[0].id: must be a string", "tags[1].name: is required", "tags[1].owner: is required"]);
  });

  it("a schema that holds itself (a tree) is checked as deep as the value goes", () => {
    const node: { type: "object"; required: string[]; properties: Record<string, Schema> } = {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" } },
    };
    node.properties.children = { type: "array", items: node };
    const tree = { name: "a", children: [{ name: "b", children: [{ name: 3 }, { children: [] }] }] };
    expect(problems(node, tree, "root")).toEqual([
      "root.children[0].children[0].name: must be a string",
      "root.children[0].children[1].name: is required",
    ]);
  });

  it("schemas the spec never produces: `items: true` takes anything, a null property is undescribed", () => {
    const loose = {
      type: "object",
      additionalProperties: false,
      properties: { tags: { type: "array", items: true }, broken: null },
    } as unknown as Schema;
    expect(problems(loose, { tags: [1, "a", null, {}] })).toEqual([]);
    expect(problems(loose, { broken: 1 })).toEqual(["f.broken: is not a known field (known: tags, broken)"]);
  });

  it("a schema that cannot be made into checks fails every time it is used, not only the first", () => {
    const bad = { type: "object", properties: { a: { type: "string", enum: 5 } } } as unknown as Schema;
    for (let i = 0; i < 3; i++) expect(() => problems(bad, { a: "x" }), `use ${i + 1}`).toThrow(TypeError);
  });

  it("names of Object.prototype's members are fields like any other, not schemas", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
      const value = JSON.parse(`{"id": "a", "${name}": {"x": 1}}`);
      expect(problems(image, value), name).toEqual([`f.${name}: is not a known field (known: id, size)`]);
    }
  });
});

describe("parameter text (URL, header or CLI flag) becomes the schema's type", () => {
  const param = (schema: Schema) => ({ name: "p", in: "query" as const, schema });
  const integer = param({ type: "integer", minimum: 0 });
  const number = param({ type: "number" });
  const flag = param({ type: "boolean" });

  it("an integer is whole decimal digits, optionally negative, around which blanks are ignored", () => {
    expect(parseParameter(integer, "12")).toEqual({ value: 12 });
    expect(parseParameter(integer, "-7")).toEqual({ value: -7 });
    expect(parseParameter(integer, " 42\t")).toEqual({ value: 42 });
    expect(parseParameter(integer, "9".repeat(20))).toEqual({ value: Number("9".repeat(20)) });
  });

  it.each(["", "-", "x12", "12x", "1.5", "1e3", "+3", "0x1f", "9".repeat(21)])(
    "integer text %j is refused with the field, its location and its range",
    (text) => {
      expect(parseParameter(integer, text)).toEqual({
        violation: { field: "p", location: "query", message: "must be an integer of at least 0" },
      });
    },
  );

  it.each<[string, number]>([
    ["12", 12],
    ["-12", -12],
    ["1.25", 1.25],
    ["-0.5", -0.5],
    ["12.75", 12.75],
    ["1e10", 1e10],
    ["2E3", 2000],
    ["1e-3", 0.001],
    ["1.5e+2", 150],
    [" 2.5 ", 2.5],
  ])("number text %j is %d", (text, value) => {
    expect(parseParameter(number, text)).toEqual({ value });
  });

  it.each(["", "x1", "1x", ".5", "1.", "1e", "1e+", "1.x", "e5", "1.5.5", "--1", "1,5", "Infinity"])(
    "number text %j is refused, saying a number is wanted",
    (text) => {
      expect(parseParameter(number, text)).toEqual({
        violation: { field: "p", location: "query", message: "must be a number" },
      });
    },
  );

  it("a boolean is exactly `true` or `false`", () => {
    expect(parseParameter(flag, "true")).toEqual({ value: true });
    expect(parseParameter(flag, "false")).toEqual({ value: false });
    for (const text of ["TRUE", "False", "1", "yes", "", " true"])
      expect(parseParameter(flag, text), text).toEqual({
        violation: { field: "p", location: "query", message: "must be true or false" },
      });
  });

  it("a string parameter is the text as given, blanks included", () => {
    expect(parseParameter(param({ type: "string", maxLength: 1 }), "  a b ")).toEqual({ value: "  a b " });
  });

  it("the violation names where the parameter came from", () => {
    const header = { name: "X-Limit", in: "header" as const, schema: { type: "integer" as const } };
    expect(parseParameter(header, "ten")).toEqual({
      violation: { field: "X-Limit", location: "header", message: "must be an integer" },
    });
  });
});

describe("an operation's inputs (ListVulRepoImage, BatchScanLocalImage)", () => {
  const path = { project_id: "p", vul_id: "CVE-2021-44228" };
  const lines = (violations: { location: string; field: string; message: string }[]) =>
    violations.map((v) => `${v.location} ${v.field}: ${v.message}`);
  const queryNames = ListVulRepoImage.parameters.filter((p) => p.in === "query").map((p) => p.name);

  it("valid inputs have no violations", () => {
    expect(validateOperationInput(ListVulRepoImage, { path, query: { limit: 10, offset: 0 } })).toEqual([]);
    expect(
      validateOperationInput(BatchScanLocalImage, {
        path: { project_id: "p" },
        header: { region: "cn-north-4" },
        body: { operate_all: true },
      }),
    ).toEqual([]);
  });

  it("a required parameter that is missing, undefined or null is required; an optional one is not", () => {
    for (const vul_id of [undefined, null])
      expect(lines(validateOperationInput(ListVulRepoImage, { path: { project_id: "p", vul_id } }))).toEqual([
        "path vul_id: is required",
      ]);
    expect(lines(validateOperationInput(ListVulRepoImage, {}))).toEqual([
      "path project_id: is required",
      "path vul_id: is required",
    ]);
    expect(
      validateOperationInput(ListVulRepoImage, { path, query: { limit: null, offset: undefined } }),
    ).toEqual([]);
  });

  it("a path parameter of '.' or '..' is refused (a URL would resolve it away); a query value may be '..'", () => {
    for (const dots of [".", ".."])
      expect(
        lines(validateOperationInput(ListVulRepoImage, { path: { project_id: dots, vul_id: "v" } })),
      ).toEqual([
        "path project_id: must not be '.' or '..' (a URL resolves them away, so the request would go elsewhere)",
      ]);
    expect(validateOperationInput(ListVulRepoImage, { path: { project_id: "...", vul_id: ".v" } })).toEqual(
      [],
    );
    expect(validateOperationInput(ListVulRepoImage, { path, query: { image_name: ".." } })).toEqual([]);
  });

  it("an unknown path or query parameter is refused, listing the operation's parameters there", () => {
    expect(lines(validateOperationInput(ListVulRepoImage, { path, query: { Limit: 10 } }))).toEqual([
      `query Limit: is not a query parameter of ListVulRepoImage (known: ${queryNames.join(", ")})`,
    ]);
    expect(lines(validateOperationInput(ListVulRepoImage, { path: { ...path, image: "x" } }))).toEqual([
      "path image: is not a path parameter of ListVulRepoImage (known: project_id, vul_id)",
    ]);
    // A name given as undefined is no parameter at all.
    expect(validateOperationInput(ListVulRepoImage, { path, query: { Limit: undefined } })).toEqual([]);
  });

  it("path and query names are matched exactly; header names in any case, as HTTP has them", () => {
    expect(
      lines(validateOperationInput(ListVulRepoImage, { path: { PROJECT_ID: "p", vul_id: "v" } })),
    ).toEqual([
      "path project_id: is required",
      "path PROJECT_ID: is not a path parameter of ListVulRepoImage (known: project_id, vul_id)",
    ]);
    const scan = (header: Record<string, unknown>) =>
      lines(validateOperationInput(BatchScanLocalImage, { path: { project_id: "p" }, header, body: {} }));
    expect(scan({ REGION: "cn-north-4" })).toEqual([]);
    expect(scan({ "x-other": "1", Region: "Bad" })).toEqual([
      "header region: must be a string of 1 to 128 characters matching ^[a-z]{2,}(-[a-z0-9]+)+$",
    ]);
    expect(scan({ "x-other": "cn-north-4" })).toEqual(["header region: is required"]);
    expect(scan({ region: null })).toEqual(["header region: is required"]);
  });

  it("a required body that is absent is required; a body that is not an object is named `body`", () => {
    const scan = (body: unknown) =>
      lines(
        validateOperationInput(BatchScanLocalImage, {
          path: { project_id: "p" },
          header: { region: "cn-north-4" },
          body,
        }),
      );
    expect(scan(undefined)).toEqual(["body body: is required"]);
    expect(scan("operate_all")).toEqual(["body body: must be an object"]);
    expect(scan({ operate_all: "yes" })).toEqual(["body operate_all: must be true or false"]);
  });

  it("a body the operation declares optional may be left out, but is checked when given", () => {
    const requestBody = BatchScanLocalImage.requestBody;
    const optional = { ...BatchScanLocalImage, requestBody: { ...requestBody, required: false } };
    const input = { path: { project_id: "p" }, header: { region: "cn-north-4" } };
    expect(validateOperationInput(optional, input)).toEqual([]);
    expect(lines(validateOperationInput(optional, { ...input, body: { operate_all: 1 } }))).toEqual([
      "body operate_all: must be true or false",
    ]);
  });

  it("an operation without a body takes no body into account", () => {
    expect(validateOperationInput(ListVulRepoImage, { path, body: { anything: 1 } })).toEqual([]);
  });
});

describe("looking up schemas in the spec", () => {
  it("parameterSchema gives a parameter's schema, and names the operation when there is no such parameter", () => {
    expect(describeSchema(parameterSchema(ListVulRepoImage, "limit"))).toBe("an integer from 10 to 200");
    expect(describeSchema(parameterSchema(ListVulRepoImage, "offset"))).toBe("an integer from 0 to 2000000");
    expect(() => parameterSchema(ListVulRepoImage, "page")).toThrow("ListVulRepoImage has no parameter page");
  });

  it("schemaAt follows dotted paths, `[]` stepping into an array's items", () => {
    const page = ListVulRepoImage.responses["200"]?.schema;
    expect(describeSchema(schemaAt(page, "total_num") as Schema)).toBe("an integer from 0 to 2147483547");
    expect(describeSchema(schemaAt(page, "data_list") as Schema)).toBe("an array of at most 10000 items");
    expect(describeSchema(schemaAt(page, "data_list[]") as Schema)).toBe("an object");
    expect(describeSchema(schemaAt(page, "data_list[].image_type") as Schema)).toBe(
      "one of: private_image, shared_image",
    );
    expect(describeSchema(schemaAt(page, "data_list[].data_list[].size") as Schema)).toBe(
      "an integer from 0 to 2147483547",
    );
  });

  it("schemaAt is undefined for a path the schema does not have, or no schema", () => {
    const page = ListVulRepoImage.responses["200"]?.schema;
    expect(schemaAt(page, "totalNum")).toBeUndefined();
    expect(schemaAt(page, "total_num[]")).toBeUndefined();
    expect(schemaAt(page, "total_num.x")).toBeUndefined();
    expect(schemaAt(page, "data_list.image_type")).toBeUndefined();
    expect(schemaAt(page, "constructor")).toBeUndefined();
    expect(schemaAt(null, "total_num")).toBeUndefined();
    expect(schemaAt(undefined, "data_list[]")).toBeUndefined();
  });
});
