/**
 * One call from input to outcome, against servers on 127.0.0.1: how the flat input is split
 * (undefined fields, unknown ones, a spec's cookie parameter), what an error answer becomes
 * (JSON that is not an HSS body, plain text, HTML, long pages), successes the spec does not
 * describe, responses that break the schema, a User-Agent given as a header, the same answers
 * through middleware, and `send`/`sendOrThrow` over a bare core.
 */
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  type createHssClient,
  createHssCore,
  HssApiError,
  HssNetworkError,
  HssResponseError,
  HssValidationError,
  send,
  sendAny,
  sendOrThrow,
} from "../src/index.js";
import { BatchScanLocalImage, ListVulRepoImage, type OperationSpec } from "../src/spec/index.js";
import { make as makeClient, serve } from "./local-server.js";

const reply =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  (res: ServerResponse, n: number) => {
    res.writeHead(status, { "X-Request-Id": `rid-${n}`, ...headers });
    res.end(body);
  };

const PAGE = JSON.stringify({ total_num: 0, data_list: [] });

const make = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) =>
  makeClient(url, { retry: false, ...extra });

/** The same client, with a pass-through middleware so that calls take openapi-fetch's pipeline. */
const withMiddleware = (url: string, extra: Parameters<typeof createHssClient>[0] = {}) => {
  const hss = make(url, extra);
  hss.raw.use({ onRequest: ({ request }) => request });
  return hss;
};

const paths = [
  ["without middleware", make],
  ["through middleware", withMiddleware],
] as const;

describe("the input of a call", () => {
  it("a field left undefined is as if absent, even one the operation does not know", async () => {
    const { url, seen } = await serve(reply(200, PAGE));
    const input = { vul_id: "v", limit: undefined, not_a_parameter: undefined };
    const { error } = await make(url).listVulRepoImage(input as never);
    expect(error).toBeUndefined();
    expect(seen.map((s) => s.url)).toEqual(["/v5/p/image/v/images"]);
  });

  it("an unknown field is an input violation listing every parameter the operation has, nothing sent", async () => {
    const { url, seen } = await serve(reply(200, PAGE));
    const { error } = await make(url).listVulRepoImage({ vul_id: "v", page: 2 } as never);
    expect(error).toBeInstanceOf(HssValidationError);
    const known = ListVulRepoImage.parameters.map((p) => p.name).join(", ");
    expect((error as HssValidationError).violations).toEqual([
      {
        field: "page",
        location: "input",
        message: `is not a parameter of ListVulRepoImage (known: ${known})`,
      },
    ]);
    expect(known).toMatch(/^project_id, vul_id, .*, region$/);
    expect(seen).toEqual([]);
  });

  it("a cookie parameter of a spec is never sent: naming it is refused, leaving it out sends the rest", async () => {
    const { url, seen } = await serve(reply(200, PAGE));
    const withCookie: OperationSpec = {
      ...ListVulRepoImage,
      parameters: [
        ...ListVulRepoImage.parameters,
        { name: "session", in: "cookie", required: false, description: "", schema: { type: "string" } },
      ],
    };
    const core = createHssCore({ endpoint: url, region: "cn-north-4", projectId: "p", env: {} });
    const refused = await sendAny(core, withCookie, { vul_id: "v", session: "s-1" }, undefined);
    expect(refused.error).toBeInstanceOf(HssValidationError);
    expect(refused.error?.message).toMatch(/session: is not a parameter of ListVulRepoImage/);
    const sent = await sendAny(core, withCookie, { vul_id: "v" }, undefined);
    expect(sent.error).toBeUndefined();
    expect(seen.map((s) => [s.url, s.headers.cookie])).toEqual([["/v5/p/image/v/images", undefined]]);
  });
});

describe.each(paths)("an error answer, %s", (_path, client) => {
  const apiError = async (status: number, body: string, headers: Record<string, string> = {}) => {
    const { url } = await serve(reply(status, body, headers));
    const { error, data } = await client(url).listVulRepoImage({ vul_id: "v" });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(HssApiError);
    return error as HssApiError;
  };

  it("HSS's error body gives the code and message", async () => {
    const error = await apiError(404, JSON.stringify({ error_code: "HSS.1001", error_msg: "no such CVE" }), {
      "Content-Type": "application/json",
    });
    expect(error).toMatchObject({
      status: 404,
      errorCode: "HSS.1001",
      errorMsg: "no such CVE",
      requestId: "rid-1",
    });
  });

  it("JSON that is not an object (null, a number) is shown as text, with HTTP.<status> as the code", async () => {
    for (const body of ["null", "42"]) {
      const error = await apiError(500, body, { "Content-Type": "application/json" });
      expect(error).toMatchObject({ status: 500, errorCode: "HTTP.500", errorMsg: body });
    }
  });

  it("an HSS-like body whose code and message are not strings falls back to HTTP.<status> and the body's text", async () => {
    const body = JSON.stringify({ error_code: 7, error_msg: ["x"] });
    const error = await apiError(400, body, { "Content-Type": "application/json" });
    expect(error).toMatchObject({ errorCode: "HTTP.400", errorMsg: body });
  });

  it("plain text is the message, whatever the status text says", async () => {
    const error = await apiError(500, "upstream exploded", { "Content-Type": "text/plain" });
    expect(error).toMatchObject({ errorCode: "HTTP.500", errorMsg: "upstream exploded" });
  });

  it("HTML loses its tags, each a space, and every run of white space becomes one space", async () => {
    const error = await apiError(502, "<p>first</p><p>second</p>\n\n\t<b>third  part</b>", {
      "Content-Type": "text/html",
    });
    expect(error.errorMsg).toBe("first second third part");
  });

  it("a long page is cut to its first 300 characters", async () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const error = await apiError(500, words, { "Content-Type": "text/plain" });
    expect(error.errorMsg).toBe(words.slice(0, 300));
  });

  it("an empty body, with Content-Length 0 or chunked, leaves the status text as the message", async () => {
    const { url } = await serve((res, n) => {
      res.writeHead(
        429,
        "Slow Down Please",
        n === 1 ? { "Content-Length": "0" } : { "Transfer-Encoding": "chunked" },
      );
      res.end();
    });
    for (const _ of ["Content-Length 0", "chunked"]) {
      const { error } = await client(url).listVulRepoImage({ vul_id: "v" });
      expect(error).toMatchObject({ status: 429, errorCode: "HTTP.429", errorMsg: "Slow Down Please" });
    }
  });
});

describe.each(paths)("a success answer, %s", (_path, client) => {
  it("the page is the data, with the request id", async () => {
    const { url } = await serve(reply(200, PAGE, { "Content-Type": "application/json" }));
    const result = await client(url).listVulRepoImage({ vul_id: "v" });
    expect(result).toMatchObject({ data: { total_num: 0, data_list: [] }, requestId: "rid-1" });
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
  });

  it("a 2xx the spec does not describe has no data, and is no error", async () => {
    const { url } = await serve(reply(202, '{"queued":true}', { "Content-Type": "application/json" }));
    const result = await client(url).listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.requestId).toBe("rid-1");
  });

  it("validateResponses: a body that is not an object is named 'body'; at most five problems are listed; a valid page passes", async () => {
    const { url } = await serve((res, n) =>
      reply(
        200,
        n === 1
          ? "[]"
          : n === 2
            ? JSON.stringify({ total_num: 7, data_list: Array.from({ length: 7 }, () => ({})) })
            : PAGE,
        { "Content-Type": "application/json" },
      )(res, n),
    );
    const hss = client(url, { validateResponses: true });
    const notObject = (await hss.listVulRepoImage({ vul_id: "v" })).error as HssResponseError;
    expect(notObject).toBeInstanceOf(HssResponseError);
    expect(notObject.message).toMatch(/with a body that breaks the spec: body: \S/);
    expect(notObject.violations.map((v) => [v.field, v.location])).toEqual([["", "response"]]);
    const many = (await hss.listVulRepoImage({ vul_id: "v" })).error as HssResponseError;
    expect(many.violations.length).toBeGreaterThan(5);
    const listed = many.message
      .replace(/^.*? with a body that breaks the spec: /, "")
      .replace(/ \(request id .*\)$/, "");
    expect(listed.split("; ")).toEqual(many.violations.slice(0, 5).map((v) => `${v.field}: ${v.message}`));
    const valid = await hss.listVulRepoImage({ vul_id: "v" });
    expect(valid.error).toBeUndefined();
    expect(valid.data).toEqual({ total_num: 0, data_list: [] });
  });
});

describe("headers", () => {
  it.each(paths)(
    "a User-Agent given in the headers option is sent as it is, alone or with others, %s",
    async (_path, client) => {
      const { url, seen } = await serve(reply(200, PAGE));
      await client(url, { headers: { "User-Agent": "exactly-this/1.0" } }).throwing.listVulRepoImage({
        vul_id: "v",
      });
      await client(url, {
        headers: { "X-Trace": "t-1", "User-Agent": "exactly-that/2.0" },
      }).throwing.listVulRepoImage({
        vul_id: "v",
      });
      expect(seen.map((s) => s.headers["user-agent"])).toEqual(["exactly-this/1.0", "exactly-that/2.0"]);
      expect(seen[1]?.headers["x-trace"]).toBe("t-1");
    },
  );

  it.each([
    ["no credentials", undefined],
    ["a token", { token: "tok-1" }],
    ["AK/SK", { ak: "AK", sk: "SK" }],
  ] as const)(
    "a fetch of the user's own gets init.headers as a Headers it can add to (a tracing wrapper), with %s",
    async (_what, credentials) => {
      const { url, seen } = await serve(reply(200, PAGE));
      const hss = make(url, {
        ...(credentials && { credentials }),
        fetch: (input, init) => {
          const headers = init?.headers as Headers;
          headers.set("traceparent", "00-trace-01");
          return fetch(input, { ...init, headers });
        },
      });
      await hss.throwing.listVulRepoImage({ vul_id: "v" });
      expect(seen[0]?.headers.traceparent).toBe("00-trace-01");
      expect(seen[0]?.headers["user-agent"]).toMatch(/^hss-client\//);
      if (credentials && "ak" in credentials)
        expect(seen[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
      if (credentials && "token" in credentials) expect(seen[0]?.headers["x-auth-token"]).toBe("tok-1");
    },
  );
});

describe("a failure that is not the service's", () => {
  it("a middleware that throws becomes an HssNetworkError naming the operation, with the thrown error as cause", async () => {
    const { url, seen } = await serve(reply(200, PAGE));
    const hss = make(url);
    const boom = new Error("middleware broke");
    hss.raw.use({
      onRequest: () => {
        throw boom;
      },
    });
    const result = await hss.listVulRepoImage({ vul_id: "v" });
    expect(result.error).toBeInstanceOf(HssNetworkError);
    expect(result.error?.message).toBe("ListVulRepoImage: Error: middleware broke");
    expect(result.error?.cause).toBe(boom);
    expect(result).toMatchObject({ requestId: undefined, response: undefined });
    expect(seen).toEqual([]);
  });
});

describe("send and sendOrThrow over a bare core (the smallest bundle)", () => {
  it("send returns the data and the request id; sendOrThrow the data's fields with the request id", async () => {
    const { url, seen } = await serve(reply(200, PAGE, { "Content-Type": "application/json" }));
    const core = createHssCore({ endpoint: url, region: "cn-north-4", projectId: "p", env: {} });
    const sent = await send(core, ListVulRepoImage, { vul_id: "CVE-1", limit: 20 });
    expect(sent).toMatchObject({ data: { total_num: 0, data_list: [] }, requestId: "rid-1" });
    const thrown = await sendOrThrow(core, ListVulRepoImage, { vul_id: "CVE-2" });
    expect(thrown).toEqual({ total_num: 0, data_list: [], requestId: "rid-2" });
    expect(seen.map((s) => s.url)).toEqual(["/v5/p/image/CVE-1/images?limit=20", "/v5/p/image/CVE-2/images"]);
  });

  it("sendOrThrow of an answer without a body returns only the request id, and throws the HssError of a failure", async () => {
    const { url } = await serve((res, n) =>
      n === 1 ? reply(200, "")(res, n) : reply(400, "bad scan")(res, n),
    );
    const core = createHssCore({ endpoint: url, region: "cn-north-4", projectId: "p", env: {} });
    await expect(sendOrThrow(core, BatchScanLocalImage, { body: { operate_all: true } })).resolves.toEqual({
      requestId: "rid-1",
    });
    await expect(
      sendOrThrow(core, BatchScanLocalImage, { body: { operate_all: true } }),
    ).rejects.toMatchObject({
      name: "HssApiError",
      status: 400,
      errorMsg: "bad scan",
      requestId: "rid-2",
    });
  });
});
