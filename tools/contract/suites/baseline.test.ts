/**
 * The baseline: every documented status of every operation of the spec, exercised with
 * requests built from the spec alone (requests.ts) and checked by `prism proxy`. A new operation
 * in the spec gets its cells here with no test code:
 *
 * - 2xx: its request examples (or a request made from its schemas) through `prism proxy --errors`;
 * - 400: a request breaking one rule of the spec, through a plain proxy that forwards it;
 * - 401: a wrong token, against the implementation in token mode;
 * - 429: the mock's throttling fault; any other status: the mock's error fault.
 *
 * With `--target`, cells that need the mock's faults (or a 401 the target does not give) are
 * marked skipped in the coverage table rather than failed.
 */
import { type OperationSpec, operationList } from "@hss/client/spec";
import { describe, expect, it } from "vitest";
import { behindProxies, implementation, proxy, record, send, TARGET, violations } from "./helpers.js";
import { invalidCall, validCalls } from "./requests.js";

const ctx = behindProxies();

type Sent = Awaited<ReturnType<typeof send>>;
const conforms = (r: Sent, what: string) =>
  expect(violations(r.headers, r.text), `${what}: ${r.status} ${r.text.slice(0, 300)}`).toEqual([]);
const hssError = (r: Sent, what: string) =>
  expect(Object.keys(r.json ?? {}).sort(), `${what}: ${r.text.slice(0, 200)}`).toEqual([
    "error_code",
    "error_msg",
  ]);

const ALL = operationList();
const statuses = (op: OperationSpec) => Object.keys(op.responses);

async function withFault(op: OperationSpec, fault: object, run: () => Promise<void>) {
  const admin = { authorization: `Bearer ${ctx.impl.mock?.adminToken ?? ""}` };
  await fetch(`${ctx.impl.url}/__mock/faults/${op.operationId}`, {
    method: "PUT",
    headers: admin,
    body: JSON.stringify(fault),
  });
  try {
    await run();
  } finally {
    await fetch(`${ctx.impl.url}/__mock/faults`, { method: "DELETE", headers: admin });
  }
}

describe.each(ALL.map((op) => [op.operationId, op] as const))("%s", (_id, op) => {
  const success = statuses(op).filter((s) => s.startsWith("2"));
  const errors = statuses(op).filter((s) => !s.startsWith("2"));

  it.each(success)("%s: the spec's own requests are answered and conform", async (status) => {
    let answered = 0;
    for (const call of validCalls(op)) {
      const r = await send(ctx.strict.url, op, call);
      const what = `${op.operationId} ${JSON.stringify(call.body ?? call.query)}`;
      conforms(r, what);
      if (String(r.status) === status) answered++;
      else if (!TARGET) expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBe(Number(status));
      else hssError(r, what);
    }
    expect(answered, `no request of the spec got ${status}`).toBeGreaterThan(0);
  });

  it.runIf(errors.includes("400"))("400: a request breaking one rule of the spec", async ({ skip }) => {
    const broken = invalidCall(op);
    if (!broken) {
      record(op.operationId, 400, "the spec leaves nothing to break");
      return skip("the spec leaves nothing to break");
    }
    const r = await send(ctx.plain.url, op, broken.call);
    expect(r.status, `${broken.rule}: ${r.text.slice(0, 300)}`).toBe(400);
    hssError(r, broken.rule);
    expect(violations(r.headers, r.text, "response"), broken.rule).toEqual([]);
  });

  it.runIf(errors.includes("401"))("401: wrong credentials", async ({ skip }) => {
    const strictImpl = TARGET
      ? ctx.impl
      : await implementation({ auth: "token", credentials: { aksk: [], tokens: ["right-token"] } });
    const p = TARGET ? ctx.strict : await proxy(strictImpl.url, true);
    try {
      const call = { ...(validCalls(op)[0] ?? {}), wrongCredentials: true, uncounted: true };
      const r = await send(p.url, op, call);
      // Prism's own answer means the target's answer broke the spec: that is a violation.
      if (r.own) conforms(r, "the answer to wrong credentials");
      if (TARGET && r.status !== 401) {
        const why = `the target answered ${r.status}, not 401, to wrong credentials`;
        record(op.operationId, 401, why);
        return skip(why);
      }
      record(op.operationId, r.status);
      expect(r.status).toBe(401);
      hssError(r, "401");
      conforms(r, "401");
    } finally {
      if (!TARGET) {
        await p.stop();
        await strictImpl.close();
      }
    }
  });

  const injected = errors.filter((s) => s !== "400" && s !== "401");
  it.for(injected)("%s: injected through the mock's faults", async (status, { skip }) => {
    if (!ctx.impl.mock) {
      record(op.operationId, status, "needs the bundled mock's fault injection");
      return skip("needs the bundled mock's fault injection");
    }
    const fault =
      status === "429" ? { throttleRate: 1, retryAfter: 2 } : { errorRate: 1, errorStatus: Number(status) };
    await withFault(op, fault, async () => {
      const r = await send(ctx.strict.url, op, validCalls(op)[0] ?? {});
      expect(r.status).toBe(Number(status));
      if (status === "429") expect(r.headers.get("retry-after")).toBe("2");
      hssError(r, status);
      conforms(r, status);
    });
  });
});
