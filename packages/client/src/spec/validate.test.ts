import { describe, expect, it } from "vitest";
import { operations } from "../generated/operations.js";
import { describeSchema, parseParameter, validateOperationInput } from "./validate.js";

const list = operations.ListVulRepoImage;
const scan = operations.BatchScanLocalImage;
const path = { project_id: "p", vul_id: "CVE-2021-44228" };

describe("ListVulRepoImage inputs", () => {
  it.each([
    [{ limit: 10 }, []],
    [{ limit: 200, offset: 2_000_000 }, []],
    [{ limit: 9 }, ["limit: must be an integer from 10 to 200"]],
    [{ limit: 201 }, ["limit: must be an integer from 10 to 200"]],
    [{ limit: 10.5 }, ["limit: must be an integer from 10 to 200"]],
    [{ limit: "10" }, ["limit: must be an integer from 10 to 200"]],
    [{ offset: -1 }, ["offset: must be an integer from 0 to 2000000"]],
    [{ offset: 2_000_001 }, ["offset: must be an integer from 0 to 2000000"]],
    [{ enterprise_project_id: "" }, ["enterprise_project_id: must be a string of 1 to 256 characters"]],
    [
      { enterprise_project_id: "x".repeat(257) },
      ["enterprise_project_id: must be a string of 1 to 256 characters"],
    ],
    [{ image_name: "x".repeat(65_536) }, ["image_name: must be a string of 0 to 65535 characters"]],
    [
      { imageName: "nginx" },
      [expect.stringMatching(/^imageName: is not a query parameter of ListVulRepoImage/)],
    ],
    // No value in the title: a 65,536-character name made Stryker's test-name pattern too large a regex.
  ])("ListVulRepoImage query case %#", (query, messages) => {
    const violations = validateOperationInput(list, { path, query });
    expect(violations.map((v) => `${v.field}: ${v.message}`)).toEqual(messages);
  });

  it("checks path parameters, counting characters not UTF-16 units", () => {
    expect(validateOperationInput(list, { path: { project_id: "", vul_id: "v" } })[0]).toMatchObject({
      field: "project_id",
      location: "path",
      message: "must be a string of 1 to 256 characters",
    });
    expect(validateOperationInput(list, { path: { project_id: "😀".repeat(256), vul_id: "v" } })).toEqual([]);
    expect(validateOperationInput(list, { path: { project_id: "p" } })[0]).toMatchObject({
      field: "vul_id",
      message: "is required",
    });
    expect(validateOperationInput(list, { path: { project_id: "..", vul_id: "v" } })[0]?.message).toMatch(
      /'\.\.'/,
    );
  });
});

describe("BatchScanLocalImage inputs", () => {
  const header = { region: "cn-north-4" };
  it.each([
    [{ operate_all: true }, []],
    [{ operate_all: "yes" }, ["operate_all: must be true or false"]],
    [
      { scan_status: "scanned" },
      ["scan_status: must be one of: unscan, success, scanning, failed, download_failed, image_oversized"],
    ],
    [{ local_image_type: "docker" }, ["local_image_type: must be one of: other_image, swr_image"]],
    [{ image_size: -1 }, [`image_size: must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`]],
    [
      { start_latest_scan_time: 1.5 },
      [`start_latest_scan_time: must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`],
    ],
    [
      { operateAll: true },
      [expect.stringMatching(/^operateAll: is not a known field \(known: operate_all, /)],
    ],
    [{ image_info_list: [{ image_id: 1 }] }, ["image_info_list[0].image_id: must be a string"]],
    [
      { image_info_list: [{ image_tag: "v1" }] },
      [expect.stringMatching(/^image_info_list\[0\]\.image_tag: is not a known field/)],
    ],
    [{ image_info_list: "nginx" }, ["image_info_list: must be an array"]],
  ])("BatchScanLocalImage body case %#", (body, messages) => {
    const violations = validateOperationInput(scan, { path: { project_id: "p" }, header, body });
    expect(violations.map((v) => `${v.field}: ${v.message}`)).toEqual(messages);
  });

  it("needs the region header and a body", () => {
    const violations = validateOperationInput(scan, { path: { project_id: "p" }, header: {} });
    expect(violations.map((v) => `${v.location}.${v.field}: ${v.message}`)).toEqual([
      "header.region: is required",
      "body.body: is required",
    ]);
    expect(
      validateOperationInput(scan, { path: { project_id: "p" }, header: { Region: "cn-north-4" }, body: {} }),
    ).toEqual([]);
    // A region is a label of the endpoint's host name: the spec's pattern says which.
    expect(
      validateOperationInput(scan, { path: { project_id: "p" }, header: { Region: "x" }, body: {} })[0]
        ?.message,
    ).toBe("must be a string of 1 to 128 characters matching ^[a-z]{2,}(-[a-z0-9]+)+$");
    expect(validateOperationInput(scan, { path: { project_id: "p" }, header, body: [] })[0]?.message).toBe(
      "must be an object",
    );
  });
});

describe("parameter text", () => {
  const limit = list.parameters.find((p) => p.name === "limit");
  it("parses integers strictly", () => {
    if (!limit) throw new Error("no limit");
    expect(parseParameter(limit, "20")).toEqual({ value: 20 });
    for (const bad of ["", "1e2", "0x10", "ten", "1.0", "9".repeat(30)])
      expect(parseParameter(limit, bad)).toEqual({
        violation: { field: "limit", location: "query", message: "must be an integer from 10 to 200" },
      });
  });

  it("describes schemas in words", () => {
    expect(describeSchema({ type: "integer", format: "int32" })).toBe(
      "an integer from -2147483648 to 2147483647",
    );
    expect(describeSchema({ type: "string", minLength: 3 })).toBe("a string of at least 3 characters");
    expect(describeSchema({ type: "boolean" })).toBe("true or false");
  });
});
