/** Shared by the contract suites: the implementation under test, Prism, requests that record coverage. */
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { signRequest } from "@hss/client/sign";
import { type OperationSpec, operations, type Schema } from "@hss/client/spec";
import { type RunningMock, startMockServer } from "@hss/mock";
import { startPrism } from "@hss/testkit";
import { afterAll, beforeAll, expect } from "vitest";

/**
 * What `hss-contract` hands the suites, through the environment of the vitest it starts:
 * the implementation to check instead of the bundled mock (`--target`), where this run's
 * records go, the spec Prism checks against, and how requests authenticate.
 */
export const TARGET = process.env.HSS_CONTRACT_TARGET;
const OUT = process.env.HSS_CONTRACT_OUT ?? path.resolve(import.meta.dirname, "..", ".contract-out");
const RECORDS = path.join(OUT, "records.jsonl");
/** The OpenAPI document Prism validates against: `--spec`, else the one `@hss/client` ships. */
export const SPEC =
  process.env.HSS_CONTRACT_SPEC ?? createRequire(import.meta.url).resolve("@hss/client/openapi.yaml");
const PROJECT_ID = process.env.HSS_CONTRACT_PROJECT_ID ?? "p1";
const AKSK = process.env.HSS_CONTRACT_AK
  ? {
      ak: process.env.HSS_CONTRACT_AK,
      sk: process.env.HSS_CONTRACT_SK ?? "",
      securityToken: process.env.HSS_CONTRACT_SECURITY_TOKEN || undefined,
    }
  : undefined;

/** Seconds a request may wait for its answer (`--timeout`). */
const TIMEOUT_S = Number(process.env.HSS_CONTRACT_TIMEOUT ?? 30);

/**
 * Marks a failure that says nothing about the target (hss-contract reports "could not run",
 * exit 3): e.g. a request this package built that the `--spec` given does not allow.
 */
export const COULD_NOT_RUN = "[hss-contract: could not run]";

/**
 * Records that the current test saw `status` from `operation`, or (with `why`) that the cell
 * is skipped and why.
 */
export function record(operation: string, status: number | string, why?: string): void {
  const file = path.basename(expect.getState().testPath ?? "").replace(/\.test\.[jt]s$/, "");
  const test = `${file}: ${(expect.getState().currentTestName ?? "?").split(" > ").pop()}`;
  const line = { operation, status: String(status), test, skipped: why !== undefined, ...(why && { why }) };
  appendFileSync(RECORDS, `${JSON.stringify(line)}\n`);
}

/** The implementation under test: the target, or a fresh mock. */
export async function implementation(options: Parameters<typeof startMockServer>[0] = {}) {
  if (TARGET) return { url: TARGET, mock: undefined as RunningMock | undefined, close: async () => {} };
  const mock = await startMockServer({
    port: 0,
    seed: "contract",
    images: 600,
    localImages: 120,
    ...options,
  });
  return { url: mock.url, mock, close: () => mock.close() };
}

/** Prism proxying to an upstream; `errors` turns violations into error answers. */
export function proxy(upstream: string, errors: boolean) {
  return startPrism({ mode: "proxy", upstream, errors, spec: SPEC });
}

/** Prism mocking the spec (`--errors`). */
export function prismMock() {
  return startPrism({ mode: "mock", errors: true, spec: SPEC });
}

/** Every violation Prism reported: the `sl-violations` header, or its 500/422 problem body. */
export function violations(headers: Headers, text: string, only?: "request" | "response"): string[] {
  const out: string[] = [];
  const header = headers.get("sl-violations");
  if (header)
    for (const v of JSON.parse(header) as { location: string[]; severity: string; message: string }[])
      if (v.severity === "Error" && (!only || v.location[0] === only))
        out.push(`${v.location.join(".")}: ${v.message}`);
  if (/stoplight\.io\/prism\/errors#(VIOLATIONS|UNPROCESSABLE_ENTITY)/.test(text)) {
    const problem = JSON.parse(text) as {
      detail?: string;
      validation?: { location: string[]; message: string }[];
    };
    if (!only || (only === "request") === text.includes("UNPROCESSABLE_ENTITY"))
      out.push(
        ...(problem.validation?.map((v) => `${v.location.join(".")}: ${v.message}`) ?? [
          problem.detail ?? "violation",
        ]),
      );
  }
  return out;
}

/** One request to an operation; records the status for the coverage table. */
export interface Call {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Leave the answer out of the coverage table (negative controls: Prism's own answers). */
  uncounted?: boolean;
  /** Authenticate wrongly: a wrong token, or with AK/SK a signature made with a wrong SK. */
  wrongCredentials?: boolean;
  /** A negative control's request: Prism refusing it is the answer expected, not a failure to run. */
  refusalExpected?: boolean;
}

export const LIST: OperationSpec = operations.ListVulRepoImage;
export const SCAN: OperationSpec = operations.BatchScanLocalImage;

/** A property schema of the batch scan's body (the spec has it; a missing one is a test bug). */
export function scanProperty(name: string): Schema {
  const schema = SCAN.requestBody?.schema.properties?.[name];
  if (!schema) throw new Error(`the spec has no body field ${name}`);
  return schema;
}

/** A query parameter's schema of ListVulRepoImage. */
export function listParam(name: string): Schema {
  const schema = LIST.parameters.find((p) => p.name === name)?.schema;
  if (!schema) throw new Error(`the spec has no parameter ${name}`);
  return schema;
}
/** What every request carries: a token (unless AK/SK signing) and the region. */
export const AUTH: Record<string, string> = {
  ...(!AKSK && { "X-Auth-Token": process.env.HSS_CONTRACT_TOKEN || "contract-token" }),
  region: "cn-north-4",
};

/**
 * With AK/SK, the headers that sign a request for the implementation, not for Prism: Prism
 * forwards every header but \`host\`, and its upstream request carries the target's host.
 */
function signed(
  base: string,
  request: { method: string; url: string; headers: Record<string, string>; body?: string | undefined },
  wrong: boolean,
): Record<string, string> {
  if (!AKSK || !TARGET) return request.headers;
  const url = TARGET + request.url.slice(base.length);
  const credentials = wrong ? { ...AKSK, sk: `${AKSK.sk}-wrong` } : AKSK;
  return { ...request.headers, ...signRequest({ ...request, url }, credentials) };
}

/** Sends `call` to `base` for `op`; returns status, text, parsed body and violations. */
export async function send(base: string, op: OperationSpec, call: Call = {}) {
  const params: Record<string, string> = { project_id: PROJECT_ID, vul_id: "CVE-2021-44228", ...call.path };
  const pathname = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(params[name] ?? ""),
  );
  const given = Object.entries(call.query ?? {}).filter(([, v]) => v !== undefined);
  const search = new URLSearchParams(given.map(([k, v]) => [k, String(v)])).toString().replace(/\+/g, "%20");
  const headers: Record<string, string> = {
    ...AUTH,
    ...(call.wrongCredentials && !AKSK && { "X-Auth-Token": "hss-contract-wrong-token" }),
    ...call.headers,
  };
  if (call.body !== undefined) headers["content-type"] ??= "application/json";
  const body =
    call.body === undefined
      ? undefined
      : typeof call.body === "string"
        ? call.body
        : JSON.stringify(call.body);
  const url = `${base}${pathname}${search ? `?${search}` : ""}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: op.method,
      headers: signed(base, { method: op.method, url, headers, body }, call.wrongCredentials ?? false),
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(TIMEOUT_S * 1000),
    });
    text = await res.text();
  } catch (error) {
    if ((error as Error).name !== "TimeoutError") throw error;
    throw new Error(
      `${op.method} ${pathname}${search ? `?${search}` : ""}: no answer within ${TIMEOUT_S} s (--timeout)`,
    );
  }
  // Prism's own answers (a request or response violation, an upstream it could not reach)
  // are not the implementation's: they never count as a status it produced.
  const own = /stoplight\.io\/prism\/errors#([A-Z_]+)/.exec(text)?.[1];
  if (own === "UNPROCESSABLE_ENTITY" && !call.refusalExpected)
    throw new Error(
      `${COULD_NOT_RUN} Prism refused a request this package built as valid: ${violations(res.headers, text, "request").join("; ")}. ` +
        "The requests come from the spec @hss/contract ships; a --spec that narrows them needs a matching version of @hss/contract.",
    );
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!call.uncounted && !own) record(op.operationId, res.status);
  return {
    status: res.status,
    /** Prism's own answer (its problem type), not the implementation's. */
    own,
    headers: res.headers,
    text,
    json: json as Record<string, unknown> | undefined,
  };
}

/**
 * The implementation under test behind two Prisms for the suite: `strict` (`--errors`, answers a
 * violation itself) and `plain` (forwards what breaks the spec, reports violations in a header).
 */
export function behindProxies() {
  const ctx = {} as {
    impl: Awaited<ReturnType<typeof implementation>>;
    strict: Awaited<ReturnType<typeof proxy>>;
    plain: Awaited<ReturnType<typeof proxy>>;
  };
  beforeAll(async () => {
    ctx.impl = await implementation();
    [ctx.strict, ctx.plain] = await Promise.all([proxy(ctx.impl.url, true), proxy(ctx.impl.url, false)]);
  });
  afterAll(async () => {
    await Promise.all([ctx.strict?.stop(), ctx.plain?.stop()]);
    await ctx.impl?.close();
  });
  return ctx;
}
