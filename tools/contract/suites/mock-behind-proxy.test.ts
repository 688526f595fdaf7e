/**
 * The implementation (apps/mock, or --target) behind `prism proxy --errors`: a corpus generated
 * from the spec for the two operations' business rules (filters, pagination edges, body shapes,
 * what the service rejects); Prism must report no violation. The baseline of every documented
 * status of every operation is baseline.test.ts.
 */

import type { Schema } from "@hss/client/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { implementation, LIST, proxy, SCAN, scanProperty, send, TARGET, violations } from "./helpers.js";

let impl: Awaited<ReturnType<typeof implementation>>;
let prism: Awaited<ReturnType<typeof proxy>>;
beforeAll(async () => {
  impl = await implementation();
  prism = await proxy(impl.url, true);
});
afterAll(async () => {
  await prism?.stop();
  await impl?.close();
});

const conforms = (r: Awaited<ReturnType<typeof send>>) =>
  expect(violations(r.headers, r.text), `${r.status} ${r.text.slice(0, 300)}`).toEqual([]);

/** Values at each parameter's bounds and default, from the spec (long strings capped: Prism's head limit is 16 KB). */
function boundaryQueries(): Record<string, string | number>[] {
  const out: Record<string, string | number>[] = [];
  for (const p of LIST.parameters.filter((x) => x.in === "query")) {
    const s: Schema = p.schema;
    if (s.type === "integer")
      for (const v of new Set([s.minimum, s.maximum, s.default].filter((x) => x !== undefined)))
        out.push({ [p.name]: v as number });
    if (s.type === "string" && p.name !== "enterprise_project_id")
      for (const len of [s.minLength ?? 0, 1, Math.min(s.maxLength ?? 64, 2000)])
        out.push({ [p.name]: "n".repeat(len) });
  }
  out.push(
    { enterprise_project_id: "0" },
    { enterprise_project_id: "all_granted_eps" },
    { enterprise_project_id: "e".repeat(256) },
  );
  return out;
}

describe("ListVulRepoImage corpus", () => {
  it("every query parameter at its bounds and default conforms", async () => {
    for (const query of boundaryQueries()) {
      const r = await send(prism.url, LIST, { query });
      expect(r.status, JSON.stringify(query)).toBe(200);
      conforms(r);
    }
  });

  it("filter combinations and pagination edges conform, with total_num consistent", async () => {
    const first = await send(prism.url, LIST, {
      query: { enterprise_project_id: "all_granted_eps", limit: 200 },
    });
    conforms(first);
    const total = first.json?.total_num as number;
    const sample = ((first.json?.data_list ?? []) as Record<string, string>[])[0] ?? {
      namespace: "library",
      image_name: "nginx",
      image_id: "x",
      app_name: "openssl",
    };
    const combos = [
      { namespace: sample.namespace },
      { image_name: String(sample.image_name).slice(0, 3) },
      { image_id: sample.image_id, app_name: sample.app_name },
      { namespace: sample.namespace, image_name: sample.image_name, app_name: sample.app_name },
    ];
    for (const combo of combos) {
      const r = await send(prism.url, LIST, {
        query: { enterprise_project_id: "all_granted_eps", ...combo },
      });
      expect(r.status).toBe(200);
      conforms(r);
      expect(((r.json?.data_list ?? []) as unknown[]).length).toBeGreaterThan(0);
    }
    for (const offset of [0, Math.max(0, total - 1), total, total + 1, 2_000_000]) {
      for (const limit of [10, 200]) {
        const r = await send(prism.url, LIST, {
          query: { enterprise_project_id: "all_granted_eps", offset, limit },
        });
        conforms(r);
        expect(r.json?.total_num).toBe(total);
        expect(((r.json?.data_list ?? []) as unknown[]).length).toBe(
          Math.max(0, Math.min(limit, total - offset)),
        );
      }
    }
  });

  it("vulnerability ids of many shapes conform (an unknown one has no images)", async () => {
    for (const vul_id of ["CVE-2021-44228", "CVE-1999-0001", "x", "漏洞 1:2", "v".repeat(300)]) {
      const r = await send(prism.url, LIST, { path: { vul_id } });
      expect(r.status).toBe(200);
      conforms(r);
    }
  });
});

describe("BatchScanLocalImage corpus", () => {
  it("every body shape, enum value and filter conforms", async () => {
    const local = impl.mock
      ? impl.mock.context.store.localImages().filter((i) => i.enterprise_project_id === "0")
      : [];
    const [a, b, c] = local;
    const bodies: unknown[] = [
      { operate_all: true },
      ...(scanProperty("scan_status").enum ?? []).map((scan_status) => ({
        operate_all: true,
        scan_status,
      })),
      ...(scanProperty("local_image_type").enum ?? []).map((local_image_type) => ({
        operate_all: true,
        local_image_type,
      })),
      { operate_all: true, image_name: "nginx", image_version: "latest", image_size: 0 },
      {
        operate_all: true,
        start_latest_update_time: 0,
        end_latest_update_time: Number.MAX_SAFE_INTEGER,
        start_latest_scan_time: 0,
        end_latest_scan_time: 1,
      },
    ];
    if (a && b && c)
      bodies.push(
        { image_info_list: [{ image_id: a.image_id }] },
        { image_info_list: [{ image_digest: b.image_digest }], operate_all: false },
        {
          image_info_list: [
            { image_name: c.image_name, image_version: c.image_version },
            {
              image_id: a.image_id,
              image_digest: a.image_digest,
              image_name: a.image_name,
              image_version: a.image_version,
            },
          ],
        },
      );
    for (const body of bodies) {
      for (const query of [
        { enterprise_project_id: undefined },
        { enterprise_project_id: "all_granted_eps" },
      ]) {
        const r = await send(prism.url, SCAN, { body, query });
        expect(r.status, `${JSON.stringify(body)} ${JSON.stringify(query)} ${r.text}`).toBe(200);
        expect(r.text).toBe("");
        conforms(r);
      }
    }
  });
});

describe("business rules: requests valid by the spec that the service rejects", () => {
  it("400: no image to scan, an image that does not exist, an item that names no image", async () => {
    for (const body of [
      {},
      { image_info_list: [{ image_id: "no-such-image" }] },
      { image_info_list: [{ image_version: "v1" }] },
    ]) {
      const r = await send(prism.url, SCAN, { body });
      expect(r.status).toBe(400);
      expect(Object.keys(r.json ?? {}).sort()).toEqual(["error_code", "error_msg"]);
      conforms(r);
    }
  });
});

describe("negative control: the suite catches a non-conforming response", () => {
  it.skipIf(Boolean(TARGET))("a malformed 200 from the mock is reported as violations", async () => {
    await fetch(`${impl.url}/__mock/faults/ListVulRepoImage`, {
      method: "PUT",
      body: JSON.stringify({ malformed: true }),
    });
    try {
      const r = await send(prism.url, LIST, { query: { limit: 10 }, uncounted: true });
      const found = violations(r.headers, r.text);
      expect(r.status).toBe(500);
      expect(found.join("\n")).toMatch(/total_num/);
      expect(found.join("\n")).toMatch(/image_type/);
    } finally {
      await fetch(`${impl.url}/__mock/faults`, { method: "DELETE" });
    }
  });

  // The other half of `--errors`: without it Prism forwards a request that breaks the spec and the
  // implementation's own answer comes back; with it Prism refuses the request itself.
  it.skipIf(Boolean(TARGET))(
    "a request outside the spec is refused by Prism and never reaches the mock",
    async () => {
      const journal = async () =>
        (
          (await (await fetch(`${impl.url}/__mock/journal`)).json()) as {
            path: string;
            query: Record<string, string>;
          }[]
        ).filter((e) => e.query.limit === "5").length;
      const before = await journal();
      const r = await send(prism.url, LIST, { query: { limit: 5 }, uncounted: true, refusalExpected: true });
      expect(r.status).toBe(422);
      expect(r.own).toBe("UNPROCESSABLE_ENTITY");
      expect(violations(r.headers, r.text, "request").join("\n")).toMatch(/limit/);
      expect(await journal()).toBe(before);
    },
  );
});
