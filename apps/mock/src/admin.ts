/**
 * The admin API under `/__mock/` (outside the HSS spec): state, journal, reset, reseed and
 * faults. Errors use the same `{error_code, error_msg}` body as the HSS routes.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { operations, type Schema, validateValue } from "@hss/client";
import { ERROR_CODES, parseQuery, readBody, sendError, sendJson } from "./http.js";
import type { MockContext } from "./server.js";

const RESEED_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    seed: { type: "string", minLength: 1, maxLength: 256 },
    images: { type: "integer", minimum: 0, maximum: 1_000_000 },
    local_images: { type: "integer", minimum: 0, maximum: 100_000 },
  },
};

const ok = (res: ServerResponse, body: unknown) => sendJson(res, 200, JSON.stringify(body));

/** Handles one admin request. */
export async function handleAdmin(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: string,
): Promise<void> {
  const body = await readBody(req, 64 * 1024);
  if (body === undefined)
    return sendError(res, 413, ERROR_CODES.tooLarge, "The admin request body is larger than 65536 bytes");
  let json: unknown;
  try {
    json = body.length ? JSON.parse(body.toString("utf8")) : {};
  } catch {
    return sendError(res, 400, ERROR_CODES.malformedJson, "The request body is not valid JSON");
  }
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  const faultOp = /^\/__mock\/faults\/([^/]+)$/.exec(path)?.[1];
  if (route === "GET /__mock/health") return ok(res, { status: "ok" });
  if (route === "GET /__mock/state")
    return ok(res, {
      ...ctx.store.summary,
      auth: ctx.options.auth,
      scan_duration_ms: ctx.options.scanDurationMs,
      faults: ctx.faults.all(),
      local_images: ctx.store.localImages(),
    });
  if (route === "GET /__mock/vulnerabilities") return ok(res, ctx.store.vulnerabilities());
  if (route === "GET /__mock/journal") {
    const limit = Number(parseQuery(query).values.limit ?? ctx.options.journalSize);
    if (!Number.isInteger(limit) || limit < 1)
      return sendError(
        res,
        400,
        ERROR_CODES.validation,
        `limit: must be an integer from 1 to ${ctx.options.journalSize}`,
      );
    return ok(res, ctx.journal.list(limit));
  }
  if (route === "DELETE /__mock/journal") {
    ctx.journal.clear();
    return ok(res, { cleared: true });
  }
  if (route === "POST /__mock/reset") {
    ctx.store.reset();
    ctx.faults.clear();
    ctx.journal.clear();
    return ok(res, { reset: true, ...ctx.store.summary });
  }
  if (route === "POST /__mock/reseed") {
    const violations = validateValue(RESEED_SCHEMA, json, "", "body");
    if (violations.length)
      return sendError(
        res,
        400,
        ERROR_CODES.validation,
        violations.map((v) => `${v.field || "body"}: ${v.message}`).join("; "),
      );
    const { seed, images, local_images } = json as { seed?: string; images?: number; local_images?: number };
    ctx.store.reseed({
      ...(seed !== undefined && { seed }),
      ...(images !== undefined && { images }),
      ...(local_images !== undefined && { localImages: local_images }),
    });
    ctx.faults.clear();
    ctx.journal.clear();
    return ok(res, ctx.store.summary);
  }
  if (route === "GET /__mock/faults") return ok(res, ctx.faults.all());
  if (route === "DELETE /__mock/faults") {
    ctx.faults.clear();
    return ok(res, {});
  }
  if (faultOp) {
    if (!(faultOp in operations))
      return sendError(
        res,
        404,
        ERROR_CODES.notFound,
        `No operation ${faultOp}; known: ${Object.keys(operations).join(", ")}`,
      );
    if (method === "PUT") {
      const violations = ctx.faults.set(faultOp, json);
      if (violations.length)
        return sendError(
          res,
          400,
          ERROR_CODES.validation,
          violations.map((v) => `${v.field}: ${v.message}`).join("; "),
        );
      return ok(res, ctx.faults.all());
    }
    if (method === "DELETE") {
      ctx.faults.clear(faultOp);
      return ok(res, ctx.faults.all());
    }
  }
  return sendError(
    res,
    404,
    ERROR_CODES.notFound,
    `No admin API at ${method} ${path}; see GET /__mock/state, /__mock/journal, /__mock/vulnerabilities, POST /__mock/reset, /__mock/reseed, PUT|DELETE /__mock/faults/{operationId}`,
  );
}
