/**
 * Type-level tests: the client's types are exactly the spec's. Each `@ts-expect-error` line
 * must fail to compile; if the spec stopped forbidding it, `vitest --typecheck` fails.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createHssClient,
  createHssCore,
  type HssOperations,
  type HssPageIterators,
  type HssThrowingOperations,
  type ListVulRepoImageResponseBody,
  type LocalImageBatchScanRequestBody,
  type OperationId,
  type PagedOperationId,
  send,
  type VulRepoImageInfo,
} from "../src/index.js";
import { ListVulRepoImage } from "../src/spec/index.js";

const hss = createHssClient({
  endpoint: "http://127.0.0.1:1",
  region: "cn-north-4",
  projectId: "p",
  env: {},
});

describe("raw openapi-fetch client", () => {
  it("requires every path parameter", () => {
    // @ts-expect-error vul_id is missing
    void hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", { params: { path: { project_id: "p" } } });
    void hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "CVE-2021-44228" } },
    });
  });

  it("types limit as a number", () => {
    void hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      // @ts-expect-error limit is an integer, not a string
      params: { path: { project_id: "p", vul_id: "v" }, query: { limit: "10" } },
    });
  });

  it("requires the region header on the batch scan", () => {
    void hss.raw.POST("/v5/{project_id}/image/local/batch-scan", {
      // @ts-expect-error header.region is required
      params: { path: { project_id: "p" } },
      body: { operate_all: true },
    });
    void hss.raw.POST("/v5/{project_id}/image/local/batch-scan", {
      params: { path: { project_id: "p" }, header: { region: "cn-north-4" } },
      body: { operate_all: true },
    });
  });

  it("does NOT catch an unknown body field (openapi-fetch infers init; openapi-ts#2864)", () => {
    // Documented limitation of the raw client; the operation methods below do catch it, and
    // runtime validation rejects it either way. If openapi-fetch fixes this, this line fails
    // to compile and the README should be updated.
    void hss.raw.POST("/v5/{project_id}/image/local/batch-scan", {
      params: { path: { project_id: "p" }, header: { region: "cn-north-4" } },
      body: { operateAll: true },
    });
  });

  it("response data is exactly the spec's ListVulRepoImageResponseBody", async () => {
    const { data } = await hss.raw.GET("/v5/{project_id}/image/{vul_id}/images", {
      params: { path: { project_id: "p", vul_id: "v" } },
    });
    expectTypeOf(data).toEqualTypeOf<ListVulRepoImageResponseBody | undefined>();
  });
});

describe("the spec's types", () => {
  it("ListVulRepoImage response has exactly the documented fields and types", () => {
    expectTypeOf<ListVulRepoImageResponseBody>().toEqualTypeOf<{
      total_num: number;
      data_list: {
        namespace: string;
        image_id: string;
        image_name: string;
        app_name: string;
        version: string;
        tag_count: number;
        image_type: "private_image" | "shared_image";
        data_list: { tag_id: string; tag_name: string; size: number; app_name: string }[];
      }[];
    }>();
  });

  it("image_type accepts only the enum", () => {
    const ok: VulRepoImageInfo["image_type"] = "shared_image";
    // @ts-expect-error public_image is not an image_type
    const bad: VulRepoImageInfo["image_type"] = "public_image";
    void [ok, bad];
  });

  it("scan_status and local_image_type accept only their enums", () => {
    const ok: LocalImageBatchScanRequestBody = { operate_all: true, scan_status: "image_oversized" };
    // @ts-expect-error scanned is not a scan_status
    const bad: LocalImageBatchScanRequestBody = { scan_status: "scanned" };
    // @ts-expect-error docker_image is not a local_image_type
    const bad2: LocalImageBatchScanRequestBody = { local_image_type: "docker_image" };
    void [ok, bad, bad2];
  });
});

describe("operation methods", () => {
  it("listVulRepoImage takes the spec's query and returns its body", async () => {
    const result = await hss.listVulRepoImage({ vul_id: "CVE-2021-44228", limit: 20, image_name: "nginx" });
    if (result.data) expectTypeOf(result.data).toEqualTypeOf<ListVulRepoImageResponseBody>();
    // @ts-expect-error vul_id is required
    void hss.listVulRepoImage({ limit: 20 });
    // @ts-expect-error limit is a number
    void hss.listVulRepoImage({ vul_id: "v", limit: "20" });
    // @ts-expect-error imageName is not a parameter (image_name is)
    void hss.listVulRepoImage({ vul_id: "v", imageName: "nginx" });
  });

  it("batchScanLocalImage rejects an unknown body field", () => {
    // @ts-expect-error operateAll is not a field of LocalImageBatchScanRequestBody
    void hss.batchScanLocalImage({ body: { operateAll: true } });
    // @ts-expect-error image_infos is not a field (image_info_list is)
    void hss.throwing.batchScanLocalImage({ body: { operate_all: false, image_infos: [] } });
  });

  it("batchScanLocalImage takes the spec's body, and its query and header parameters", () => {
    // @ts-expect-error image_info_list items are objects
    void hss.batchScanLocalImage({ body: { image_info_list: ["nginx"] } });
    // @ts-expect-error the body is required
    void hss.batchScanLocalImage({ enterprise_project_id: "0" });
    void hss.batchScanLocalImage({
      body: { operate_all: true },
      enterprise_project_id: "0",
      region: "cn-east-3",
    });
    expectTypeOf(hss.throwing.batchScanLocalImage).returns.resolves.toEqualTypeOf<{
      requestId: string | undefined;
    }>();
  });
});

describe("derived from the table: every operation, its twin, and the paged ones' iterators", () => {
  it("has a method per operationId of the spec, and its throwing twin", () => {
    expectTypeOf<keyof HssOperations>().toEqualTypeOf<Uncapitalize<OperationId>>();
    expectTypeOf<keyof HssThrowingOperations>().toEqualTypeOf<keyof HssOperations>();
    expectTypeOf<"ListVulRepoImage" | "BatchScanLocalImage">().toExtend<OperationId>();
  });

  it("gives page and item iterators to the operations marked x-hss-pagination only", async () => {
    expectTypeOf<keyof HssPageIterators>().toEqualTypeOf<Uncapitalize<PagedOperationId>>();
    expectTypeOf<"ListVulRepoImage">().toExtend<PagedOperationId>();
    expectTypeOf<"BatchScanLocalImage">().not.toExtend<PagedOperationId>();
    for await (const page of hss.pages.listVulRepoImage({ vul_id: "v" })) {
      expectTypeOf(page.items).toEqualTypeOf<VulRepoImageInfo[]>();
      expectTypeOf(page.total).toEqualTypeOf<number>();
    }
    for await (const image of hss.paginate.listVulRepoImage({ vul_id: "v" }, { prefetch: 4 }))
      expectTypeOf(image).toEqualTypeOf<VulRepoImageInfo>();
    // @ts-expect-error the batch scan is not paged
    void hss.pages.batchScanLocalImage;
    // @ts-expect-error vul_id is required, as for the method
    void hss.pages.listVulRepoImage();
  });

  it("send runs one operation from the table by itself (tree-shakable)", async () => {
    const core = createHssCore({
      endpoint: "http://127.0.0.1:1",
      region: "cn-north-4",
      projectId: "p",
      env: {},
    });
    const result = await send(core, ListVulRepoImage, { vul_id: "v" });
    if (result.data) expectTypeOf(result.data).toEqualTypeOf<ListVulRepoImageResponseBody>();
    // @ts-expect-error vul_id is required
    void send(core, ListVulRepoImage, { limit: 10 });
  });
});
