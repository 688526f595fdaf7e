/**
 * The admin API under `/__mock/` (outside the HSS spec): state, journal, reset, reseed and
 * faults, as a route table. Errors use the same `{error_code, error_msg}` body as the HSS
 * routes. When the mock has an admin token, every admin request must carry it
 * (`Authorization: Bearer <token>`), compared in constant time.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "@hss/client/sign";
import { operations, type Schema, type Violation, validateValue } from "@hss/client/spec";
import type { MockContext } from "./context.js";
import {
  decodeLenient,
  ERROR_CODES,
  parseQuery,
  readBody,
  sendError,
  sendJson,
  sendTooLarge,
} from "./http.js";
import { OPTIONS } from "./options.js";

/** What an admin route answers: 200 with a JSON body, or an error. */
type AdminReply = { body: unknown } | { status: number; code: string; message: string };

/** One admin route. */
interface AdminRoute {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** `/__mock/...`; `{operationId}` matches one path segment. */
  path: string;
  run(ctx: MockContext, input: { param: string | undefined; json: unknown; query: string }): AdminReply;
}

const invalid = (violations: Violation[]): AdminReply => ({
  status: 400,
  code: ERROR_CODES.validation,
  message: violations.map((v) => `${v.field || "body"}: ${v.message}`).join("; "),
});

/** `POST /__mock/reseed`: the same schemas as the `hss-mock` flags. */
const RESEED_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    seed: OPTIONS.seed.schema,
    images: OPTIONS.images.schema,
    local_images: OPTIONS.localImages.schema,
  },
};

const isOperation = (name: string | undefined): name is string =>
  name !== undefined && Object.hasOwn(operations, name);

const noOperation = (name: string | undefined): AdminReply => ({
  status: 404,
  code: ERROR_CODES.notFound,
  message: `No operation ${JSON.stringify(name)}; known: ${Object.keys(operations).join(", ")}`,
});

/** Every admin route. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { method: "GET", path: "/__mock/health", run: () => ({ body: { status: "ok" } }) },
  {
    method: "GET",
    path: "/__mock/state",
    run: (ctx) => ({
      body: {
        ...ctx.store.summary,
        auth: ctx.options.auth,
        scan_duration_ms: ctx.options.scanDurationMs,
        faults: ctx.faults.all(),
        journal: ctx.journal.usage,
        local_images: ctx.store.localImages(),
      },
    }),
  },
  { method: "GET", path: "/__mock/vulnerabilities", run: (ctx) => ({ body: ctx.store.vulnerabilities() }) },
  {
    method: "GET",
    path: "/__mock/journal",
    run: (ctx, { query }) => {
      const text = parseQuery(query).values.get("limit");
      const limit = Number(text ?? Math.max(1, ctx.options.journalSize));
      if (!/^\d+$/.test(text ?? "1") || limit < 1)
        return invalid([
          {
            field: "limit",
            location: "query",
            message: `must be an integer from 1 to ${ctx.options.journalSize}`,
          },
        ]);
      return { body: ctx.journal.list(limit) };
    },
  },
  {
    method: "DELETE",
    path: "/__mock/journal",
    run: (ctx) => {
      ctx.journal.clear();
      return { body: { cleared: true } };
    },
  },
  {
    method: "POST",
    path: "/__mock/reset",
    run: (ctx) => {
      ctx.store.reset();
      ctx.faults.clear();
      ctx.journal.clear();
      return { body: { reset: true, ...ctx.store.summary } };
    },
  },
  {
    method: "POST",
    path: "/__mock/reseed",
    run: (ctx, { json }) => {
      const violations = validateValue(RESEED_SCHEMA, json, "", "body");
      if (violations.length) return invalid(violations);
      const { seed, images, local_images } = json as {
        seed?: string;
        images?: number;
        local_images?: number;
      };
      ctx.store.reseed({
        ...(seed !== undefined && { seed }),
        ...(images !== undefined && { images }),
        ...(local_images !== undefined && { localImages: local_images }),
      });
      ctx.faults.clear();
      ctx.journal.clear();
      return { body: ctx.store.summary };
    },
  },
  { method: "GET", path: "/__mock/faults", run: (ctx) => ({ body: ctx.faults.all() }) },
  {
    method: "DELETE",
    path: "/__mock/faults",
    run: (ctx) => {
      ctx.faults.clear();
      return { body: {} };
    },
  },
  {
    method: "PUT",
    path: "/__mock/faults/{operationId}",
    run: (ctx, { param, json }) => {
      if (!isOperation(param)) return noOperation(param);
      const violations = ctx.faults.set(param, json);
      return violations.length ? invalid(violations) : { body: ctx.faults.all() };
    },
  },
  {
    method: "GET",
    path: "/__mock/faults/{operationId}",
    run: (ctx, { param }) => {
      if (!isOperation(param)) return noOperation(param);
      return { body: ctx.faults.get(param) ?? {} };
    },
  },
  {
    method: "DELETE",
    path: "/__mock/faults/{operationId}",
    run: (ctx, { param }) => {
      if (!isOperation(param)) return noOperation(param);
      ctx.faults.clear(param);
      return { body: ctx.faults.all() };
    },
  },
];

/** The routes of a path, and the `{operationId}` segment it carries. */
function match(path: string): { routes: AdminRoute[]; param: string | undefined } {
  const trimmed = path.replace(/\/+$/, "");
  const exact = ADMIN_ROUTES.filter((r) => r.path === trimmed);
  if (exact.length) return { routes: exact, param: undefined };
  const m = /^\/__mock\/faults\/([^/]+)$/.exec(trimmed);
  const param = m ? decodeLenient(m[1] as string) : undefined;
  return { routes: m ? ADMIN_ROUTES.filter((r) => r.path.endsWith("{operationId}")) : [], param };
}

function authorized(ctx: MockContext, req: IncomingMessage): boolean {
  const token = ctx.options.adminToken;
  if (!token) return true;
  const sent = /^Bearer\s+(\S+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
  return sent !== undefined && timingSafeEqual(sent, token);
}

/** Handles one admin request. */
export async function handleAdmin(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: string,
): Promise<void> {
  if (!authorized(ctx, req)) {
    req.resume(); // drained unread: nothing of an unauthorised request is kept
    return sendError(
      res,
      401,
      ERROR_CODES.auth,
      "The admin API needs the mock's admin token (Authorization: Bearer <token>)",
    );
  }
  const body = await readBody(req, 64 * 1024);
  if ("tooLarge" in body) return sendTooLarge(res, body, "The admin request body is larger than 65536 bytes");
  const { routes, param } = match(path);
  const route = routes.find((r) => r.method === method);
  if (!route) {
    if (routes.length)
      return sendError(res, 405, ERROR_CODES.methodNotAllowed, `${method} is not allowed on ${path}`, {
        Allow: routes.map((r) => r.method).join(", "),
      });
    const known = ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).join(", ");
    return sendError(res, 404, ERROR_CODES.notFound, `No admin API at ${method} ${path}; known: ${known}`);
  }
  let json: unknown = {};
  try {
    if (body.length) json = JSON.parse(body.toString("utf8"));
  } catch {
    return sendError(res, 400, ERROR_CODES.malformedJson, "The request body is not valid JSON");
  }
  const answer = route.run(ctx, { param, json, query });
  if ("body" in answer) return sendJson(res, 200, JSON.stringify(answer.body));
  return sendError(res, answer.status, answer.code, answer.message);
}
