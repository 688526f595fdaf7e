/**
 * The query a handler is given: a key for each parameter sent and for each the spec gives a
 * default, none for an absent optional parameter without one (a handler that lists the filters
 * it was given sees only those). The mock works the defaults out once per operation, on the
 * first request: the first test here is that request, and must stay first.
 */
import { describe, expect, it, vi } from "vitest";
import type { Handler } from "../src/handler.js";
import { reply } from "../src/handler.js";
import { mock } from "./helpers.js";
import { swapped } from "./swapped-handlers.js";

vi.mock("../src/generated/handlers.js", async (original) =>
  (await import("./swapped-handlers.js")).swappable(await original()),
);

const VUL = "CVE-2021-44228";

/** Answers ListVulRepoImage with an empty page, keeping the query each request was given. */
function recordQueries(): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  const handler: Handler<"ListVulRepoImage"> = (request) => {
    seen.push(request.query as Record<string, unknown>);
    return reply.ok({ total_num: 0, data_list: [] });
  };
  swapped.handlers.ListVulRepoImage = handler as (r: unknown, m: unknown) => unknown;
  return seen;
}

describe("the query a handler is given", () => {
  it("has a key for each parameter sent and each with a spec default, and none for the others", async () => {
    const m = await mock();
    const seen = recordQueries();
    expect((await m.list(VUL, "image_name=nginx")).status).toBe(200);
    expect((await m.list(VUL, "namespace=library&limit=20")).status).toBe(200);
    expect(seen.map((q) => Object.keys(q).sort())).toEqual([
      ["enterprise_project_id", "image_name", "limit", "offset"],
      ["enterprise_project_id", "limit", "namespace", "offset"],
    ]);
    expect(seen[0]).toEqual({ enterprise_project_id: "0", image_name: "nginx", limit: 10, offset: 0 });
    expect(seen[1]).toEqual({ enterprise_project_id: "0", namespace: "library", limit: 20, offset: 0 });
  });

  it("the same on a repeated request", async () => {
    const m = await mock();
    const seen = recordQueries();
    for (let i = 0; i < 2; i++) expect((await m.list(VUL, "app_name=log4j-core")).status).toBe(200);
    expect(seen.map((q) => Object.keys(q).sort())).toEqual([
      ["app_name", "enterprise_project_id", "limit", "offset"],
      ["app_name", "enterprise_project_id", "limit", "offset"],
    ]);
  });
});
