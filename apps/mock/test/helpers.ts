/** Shared by the mock's tests: start a mock, call it with fetch, read its admin API. */
import { afterEach } from "vitest";
import { type MockOptions, type RunningMock, startMockServer } from "../src/index.js";

const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((m) => m.close()));
});

/** Starts a mock on 127.0.0.1:0, closed after the test. */
export async function mock(options: MockOptions = {}) {
  const m = await startMockServer({ images: 500, localImages: 100, ...options });
  running.push(m);
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(m.url + path, init);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields
    return { status: res.status, headers: res.headers, text, json: json as any };
  };
  const list = (vul: string, query = "") => call(`/v5/p1/image/${vul}/images${query ? `?${query}` : ""}`);
  const scan = (body: unknown, query = "", headers: Record<string, string> = {}) =>
    call(`/v5/p1/image/local/batch-scan${query ? `?${query}` : ""}`, {
      method: "POST",
      headers: { "content-type": "application/json", region: "cn-north-4", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const admin = (path: string, init: RequestInit = {}) =>
    call(`/__mock/${path}`, {
      ...init,
      headers: {
        ...(m.adminToken && { authorization: `Bearer ${m.adminToken}` }),
        ...(init.headers as object),
      },
    });
  return { ...m, call, list, scan, admin };
}
