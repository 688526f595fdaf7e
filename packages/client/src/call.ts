/**
 * One generic, typed call over the operation table: `send(core, op, input)` runs any
 * operation of the spec. The input is one flat object, as in Huawei's SDKs: every path, query
 * and header parameter by its spec name, plus `body`; `project_id`, `region` and
 * `enterprise_project_id` default to the client's settings. It is validated against the spec,
 * sent through openapi-fetch and the transport, and the answer becomes typed data or an
 * HssError.
 */

import { createFinalURL, defaultPathSerializer, mergeHeaders } from "openapi-fetch";
import { type CallOptions, type CoreInternals, type HssCore, internals, policy } from "./core.js";
import {
  HssApiError,
  HssConfigError,
  HssError,
  HssNetworkError,
  HssResponseError,
  HssValidationError,
} from "./errors.js";
import { redact } from "./redact.js";
import type { OperationSpec } from "./spec/schema.js";
import type { BodyRequirement, OperationId, Parameters, RequestBody, ResponseBody } from "./spec/types.js";
import { type Violation, validateOperationInput, validateValue } from "./spec/validate.js";
import { createTransport, type Outgoing, sentSignatures, transmit } from "./transport.js";

/** Parameters the client fills from its own settings when a call leaves them out. */
export type ContextParameter = "project_id" | "region" | "enterprise_project_id";

const CONTEXT: Record<ContextParameter, (core: HssCore) => string | undefined> = {
  project_id: (core) => core.projectId,
  region: (core) => core.region,
  enterprise_project_id: (core) => core.enterpriseProjectId,
};

type BodyField<K extends OperationId> = {
  none: Record<never, never>;
  optional: { body?: RequestBody<K> };
  required: { body: RequestBody<K> };
}[BodyRequirement<K>];

/** Parameters with the context ones made optional (the client fills them). */
type ContextOptional<P> = {
  [N in keyof P as N extends ContextParameter ? never : N]: P[N];
} & { [N in keyof P as N extends ContextParameter ? N : never]?: P[N] };

/**
 * The input of an operation: its parameters by spec name (context ones optional), and `body`.
 * (Written as a distributive conditional so that nothing is computed over every operation at
 * once: with hundreds of them, a union of all inputs is more than the compiler can hold.)
 */
export type OperationInput<K extends OperationId> = K extends OperationId
  ? ContextOptional<Parameters<K>> & BodyField<K>
  : never;

/** The arguments of an operation method: the input may be left out when nothing in it is required. */
export type OperationArgs<K extends OperationId> = K extends OperationId
  ? Record<never, never> extends OperationInput<K>
    ? [input?: OperationInput<K>, call?: CallOptions]
    : [input: OperationInput<K>, call?: CallOptions]
  : never;

/** A call's outcome: `data` or `error`, never both, and the request id either way. */
export type HssResult<T> =
  | { data: T; error?: undefined; requestId: string | undefined; response: Response }
  | { data?: undefined; error: HssError; requestId: string | undefined; response: Response | undefined };

/** The loose view of openapi-fetch used by the generic call (the operation table carries the types). */
type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const requestIdOf = (response: Response | undefined) => response?.headers.get("x-request-id") ?? undefined;

/** Each operation's parameters by name, made once. */
const byName = new WeakMap<OperationSpec, Map<string, OperationSpec["parameters"][number]>>();
function parametersOf(op: OperationSpec) {
  const cached = byName.get(op);
  if (cached) return cached;
  const known = new Map(op.parameters.map((p) => [p.name, p]));
  byName.set(op, known);
  return known;
}

/** Parameters by location. */
type Params = Record<"path" | "query" | "header", Record<string, unknown>>;

/** Splits a flat input into the parameters of each location, with the client's context filled in. */
function split(core: HssCore, op: OperationSpec, input: Record<string, unknown>) {
  const params: Params = { path: {}, query: {}, header: {} };
  const violations: Violation[] = [];
  const known = parametersOf(op);
  for (const name in input) {
    const value = input[name];
    if (name === "body" || value === undefined) continue;
    const param = known.get(name);
    if (param && param.in !== "cookie") params[param.in][name] = value;
    else {
      const names = op.parameters.map((p) => p.name).join(", ");
      violations.push({
        field: name,
        location: "input",
        message: `is not a parameter of ${op.operationId} (known: ${names}${op.requestBody ? ", body" : ""})`,
      });
    }
  }
  for (const param of op.parameters) {
    if (param.in === "cookie" || params[param.in][param.name] !== undefined) continue;
    const value = Object.hasOwn(CONTEXT, param.name)
      ? CONTEXT[param.name as ContextParameter](core)
      : undefined;
    if (value !== undefined) params[param.in][param.name] = value;
    else if (param.name === "project_id" && param.required)
      throw new HssConfigError(
        "projectId is required (option projectId or HUAWEICLOUD_SDK_PROJECT_ID, or project_id in the call)",
      );
  }
  return { params, violations };
}

/** The HssApiError of an error answer; text from the service is redacted first. */
function apiError(shared: CoreInternals, op: OperationSpec, answer: Received): HssApiError {
  const { response, text } = answer;
  let body: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {}
  const secrets = [...shared.secrets, answer.signature];
  const message =
    typeof body.error_msg === "string"
      ? body.error_msg
      : text
          .replace(/<[^>]*>/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 300) || response.statusText;
  return new HssApiError({
    status: response.status,
    errorCode: typeof body.error_code === "string" ? body.error_code : `HTTP.${response.status}`,
    errorMsg: redact(message, secrets),
    requestId: requestIdOf(response),
    operation: op.operationId,
  });
}

/** The data of a success answer: parsed, and checked against the spec when asked. */
function successData(shared: CoreInternals, op: OperationSpec, response: Response, text: string): unknown {
  const schema = op.responses[String(response.status)]?.schema ?? null;
  if (schema === null) return undefined;
  const fail = (reason: string, violations: Violation[] = []) =>
    new HssResponseError({
      status: response.status,
      operation: op.operationId,
      reason,
      violations,
      requestId: requestIdOf(response),
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw fail(text ? "a body that is not JSON" : "an empty body");
  }
  if (shared.validateResponses) {
    const violations = validateValue(schema, data, "", "response");
    if (violations.length)
      throw fail(
        `a body that breaks the spec: ${violations
          .slice(0, 5)
          .map((v) => `${v.field || "body"}: ${v.message}`)
          .join("; ")}`,
        violations,
      );
  }
  return data;
}

/** A call whose input has been split and checked. */
interface Checked {
  core: HssCore;
  shared: CoreInternals;
  op: OperationSpec;
  params: Params;
  body: unknown;
  call: CallOptions;
}

/** An answer as the generic call reads it. */
interface Received {
  response: Response;
  text: string;
  signature: string | undefined;
}

/** Whether headers given as a record already name a User-Agent (in any case). */
const hasUserAgent = (headers: Record<string, string>) =>
  Object.keys(headers).some((name) => name.toLowerCase() === "user-agent");

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The request openapi-fetch would build for these parameters (its own serializers: same URL,
 * headers and body bytes), sent straight through the transport.
 */
async function direct({ core, shared, op, params, body, call }: Checked): Promise<Received> {
  const out: Outgoing = {
    method: op.method,
    url: createFinalURL(op.path, {
      baseUrl: core.endpoint,
      params,
      querySerializer: shared.querySerializer,
      pathSerializer: defaultPathSerializer,
    }),
    headers: mergeHeaders(
      body === undefined ? {} : { "Content-Type": "application/json" },
      shared.baseHeaders,
      params.header as Record<string, string>,
      // The User-Agent the transport would add to a copy, added here once.
      shared.settings.userAgent && !hasUserAgent(shared.baseHeaders)
        ? { "User-Agent": shared.settings.userAgent }
        : {},
    ),
    body: body === undefined ? undefined : encoder.encode(JSON.stringify(body)),
  };
  const answer = await transmit(shared.settings, policy(shared, op.operationId, call), out);
  return { response: answer.response, text: decoder.decode(answer.bytes), signature: answer.signature };
}

/** The same through openapi-fetch's pipeline, so that middleware added with `client.raw.use` runs. */
async function throughMiddleware({ core, shared, op, params, body, call }: Checked): Promise<Received> {
  const fetch = createTransport(shared.settings, policy(shared, op.operationId, call));
  const { data, error, response } = await (core.raw.request as unknown as LooseRequest)(op.method, op.path, {
    params,
    ...(body !== undefined && { body }),
    parseAs: "text",
    fetch,
  });
  // openapi-fetch hands over an error body parsed when it is JSON, as text otherwise.
  const raw = response.ok ? data : error;
  const text = typeof raw === "string" ? raw : raw === undefined ? "" : JSON.stringify(raw);
  return { response, text, signature: sentSignatures.get(response) };
}

async function run(core: HssCore, op: OperationSpec, input: Record<string, unknown>, call: CallOptions) {
  const shared = internals(core);
  const { params, violations } = split(core, op, input);
  const body = input.body;
  if (shared.validate) violations.push(...validateOperationInput(op, { ...params, body }));
  if (violations.length) throw new HssValidationError(violations, op.operationId);
  const checked: Checked = { core, shared, op, params, body, call };
  const answer = shared.middleware.size ? await throughMiddleware(checked) : await direct(checked);
  if (!answer.response.ok) return { error: apiError(shared, op, answer), response: answer.response };
  return { data: successData(shared, op, answer.response, answer.text), response: answer.response };
}

/** Sends one operation of the table (its types left to the callers); never throws. */
export async function sendAny(
  core: HssCore,
  op: OperationSpec,
  input: Record<string, unknown> | undefined,
  call: CallOptions | undefined,
): Promise<HssResult<unknown>> {
  try {
    const outcome = await run(core, op, input ?? {}, call ?? {});
    if ("error" in outcome && outcome.error)
      return { error: outcome.error, requestId: requestIdOf(outcome.response), response: outcome.response };
    return { data: outcome.data, requestId: requestIdOf(outcome.response), response: outcome.response };
  } catch (error) {
    const failure =
      error instanceof HssError
        ? error
        : new HssNetworkError(`${op.operationId}: ${String(error)}`, op.operationId, error);
    return { error: failure, requestId: undefined, response: undefined };
  }
}

/** Sends one operation of the table; returns the data with its request id, or throws the HssError. */
export async function sendOrThrowAny(
  core: HssCore,
  op: OperationSpec,
  input: Record<string, unknown> | undefined,
  call: CallOptions | undefined,
): Promise<Record<string, unknown>> {
  const result = await sendAny(core, op, input, call);
  if (result.error) throw result.error;
  const data = result.data as object | undefined;
  return { ...(data ?? {}), requestId: result.requestId };
}

/** Sends one operation; never throws: the outcome is `{ data }` or `{ error }`. */
export function send<K extends OperationId>(
  core: HssCore,
  op: OperationSpec & { operationId: K },
  ...[input, call]: OperationArgs<K>
): Promise<HssResult<ResponseBody<K>>> {
  return sendAny(core, op, input as unknown as Record<string, unknown> | undefined, call) as Promise<
    HssResult<ResponseBody<K>>
  >;
}

/** What the throwing style returns: the body's fields (if any) and the request id. */
export type ThrowingResult<K extends OperationId> =
  ResponseBody<K> extends object
    ? ResponseBody<K> & { requestId: string | undefined }
    : { requestId: string | undefined };

/** Sends one operation; returns the data with its request id, or throws the HssError. */
export function sendOrThrow<K extends OperationId>(
  core: HssCore,
  op: OperationSpec & { operationId: K },
  ...[input, call]: OperationArgs<K>
): Promise<ThrowingResult<K>> {
  return sendOrThrowAny(core, op, input as unknown as Record<string, unknown> | undefined, call) as Promise<
    ThrowingResult<K>
  >;
}
