/**
 * For the handler tests: the spec's handlers, each replaced by the one a test sets in `swapped`
 * until the test ends. A test file routes the mock's handler table through it with
 * `vi.mock("../src/generated/handlers.js", async (original) =>
 *   (await import("./swapped-handlers.js")).swappable(await original()))`.
 */
import { afterEach } from "vitest";

type AnyHandler = (request: unknown, mock: unknown) => unknown;

/** The handlers a test swaps in, by operation id. */
export const swapped: { handlers: Record<string, AnyHandler | undefined> } = { handlers: {} };

afterEach(() => {
  swapped.handlers = {};
});

/** The handler table with each handler replaced by the swapped one while there is one. */
export function swappable(real: unknown): { handlers: Record<string, AnyHandler> } {
  const handlers: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries((real as { handlers: Record<string, AnyHandler> }).handlers))
    handlers[name] = (request, mock) => (swapped.handlers[name] ?? handler)(request, mock);
  return { handlers };
}
