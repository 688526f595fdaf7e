/** A journal record of a ListVulRepoImage request, as the server makes one (journal tests). */
import type { JournalRecord } from "../src/journal.js";

export const record = (path: string, query: [string, string][] = [], status = 200): JournalRecord => ({
  time: Date.UTC(2026, 0, 1, 0, 0, 0, 5),
  request_id: "rid",
  method: "GET",
  path,
  query: new Map(query),
  operation: "ListVulRepoImage",
  auth: "none",
  status,
  duration_ms: 1,
});
