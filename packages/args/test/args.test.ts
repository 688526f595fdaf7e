/** The strict parser: every token checked, values by their schema, suggestions for typos, secrets never shown. */
import { describe, expect, it } from "vitest";
import { editDistance, type FlagSpec, parseFlags, suggest, UsageError } from "../src/index.js";

const FLAGS: FlagSpec[] = [
  { name: "limit", key: "limit", schema: { type: "integer", minimum: 10, maximum: 200 }, help: "page size" },
  {
    name: "output",
    key: "output",
    short: "o",
    schema: { type: "string", enum: ["json", "table"] },
    help: "format",
  },
  { name: "all", key: "all", boolean: true, schema: { type: "boolean" }, help: "every page" },
  {
    name: "image",
    key: "images",
    repeatable: true,
    schema: { type: "string", minLength: 1 },
    help: "repeatable",
  },
  {
    name: "token",
    key: "token",
    secret: true,
    schema: { type: "string", minLength: 1, maxLength: 8 },
    help: "secret",
  },
  {
    name: "since",
    key: "since",
    schema: { type: "integer", minimum: 0, maximum: 365 },
    help: "a time",
    parse: (text) => (/^\d+d$/.test(text) ? Number.parseInt(text, 10) : undefined),
    expects: "a number of days such as 7d",
  },
];
const POSITIONALS = [
  { name: "id", key: "id", schema: { type: "string" as const, minLength: 1 }, help: "an id", required: true },
];

const parse = (argv: string[]) =>
  parseFlags(argv, FLAGS, { positionals: POSITIONALS, command: "cmd", help: "cmd --help" });
const error = (argv: string[]) => {
  try {
    parse(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`parsed ${argv.join(" ")}`);
};

describe("parseFlags", () => {
  it("converts values by their schemas, collects repeatable flags, and fills positionals", () => {
    expect(
      parse(["X", "--limit", "20", "-o", "table", "--all", "--image", "a", "--image=b", "--since", "7d"]),
    ).toEqual({
      values: { id: "X", limit: 20, output: "table", all: true, images: ["a", "b"], since: 7 },
      rest: [],
      // Which flag, as typed, set each key: messages about a value name what the user wrote.
      shown: { limit: "--limit", output: "-o", all: "--all", images: "--image", since: "--since" },
    });
    expect(parse(["-otable", "X", "--all=false"]).values).toEqual({ output: "table", id: "X", all: false });
  });

  it.each([
    [["X", "--limt", "20"], "unknown option --limt for cmd; did you mean --limit? (see cmd --help)"],
    [["X", "-q", "1"], "unknown option -q for cmd (see cmd --help)"],
    [["X", "--zzzzzz"], "unknown option --zzzzzz for cmd (see cmd --help)"],
    [["X", "Y"], 'unexpected argument "Y": cmd takes only <id> (see cmd --help)'],
    [["X", "--limit"], "--limit needs a value: an integer from 10 to 200"],
    [["X", "--limit", "--all"], "--limit needs a value: an integer from 10 to 200"],
    [["X", "--limit", "9"], '--limit: must be an integer from 10 to 200 (got "9")'],
    [["X", "--limit", "10", "--limit=11"], "--limit is given twice"],
    [["X", "-o", "tabel"], '-o: must be one of: json, table (got "tabel"); did you mean table?'],
    [["X", "--output", "tabel"], '--output: must be one of: json, table (got "tabel"); did you mean table?'],
    [["X", "--o=json"], "unknown option --o for cmd; did you mean -o? (see cmd --help)"],
    [["X", "--all", "--all"], "--all is given twice"],
    [["X", "--limit", "--"], "--limit needs a value: an integer from 10 to 200"],
    [["X", "--all=yes"], '--all: takes no value, or =true / =false (got "yes")'],
    [["X", "--since", "yesterday"], '--since: must be a number of days such as 7d (got "yesterday")'],
    // The converted value breaks the schema: the message says what may be typed, not the integer's range.
    [["X", "--since", "999d"], '--since: must be a number of days such as 7d (got "999d")'],
    [
      ["X", "--token", "123456789"],
      "--token: must be a string of 1 to 8 characters (the value is not shown)",
    ],
    [["X", "--image", ""], '--image: must be a string of at least 1 character (got "")'],
  ])("%j -> %s", (argv, message) => {
    expect(error(argv)).toBe(message);
  });

  it("takes a negative number after a value flag, and `--` ends the options", () => {
    const flags: FlagSpec[] = [{ name: "n", key: "n", schema: { type: "integer" }, help: "" }];
    expect(parseFlags(["--n", "-5"], flags).values).toEqual({ n: -5 });
    expect(parseFlags(["--", "--n"], flags, { extra: true }).rest).toEqual(["--n"]);
  });
});

describe("suggestions", () => {
  it("measure edits, a swap of neighbours counting once", () => {
    expect(editDistance("limit", "limit")).toBe(0);
    expect(editDistance("limt", "limit")).toBe(1);
    expect(editDistance("ouptut", "output")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("offer the closest name within a third of its length, and read _ as -", () => {
    expect(suggest("image_name", ["image-name", "image-id"])).toBe("image-name");
    expect(suggest("vul-imgs", ["vul-images", "scan-local"])).toBe("vul-images");
    expect(suggest("zzz", ["limit", "output"])).toBeUndefined();
  });
});
