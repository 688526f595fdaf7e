/**
 * The request journal: the last requests the mock answered, for tests to inspect. No headers,
 * no secrets. Bounded twice, whatever clients send: by count, and by bytes (each entry's path
 * and query are truncated on the way in, and the oldest entries go when the budget is spent).
 */

/** One answered request. */
export interface JournalEntry {
  seq: number;
  time: string;
  request_id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  operation: string | null;
  auth: "none" | "token" | "aksk" | "failed";
  status: number;
  duration_ms: number;
  /** True when the path or query was cut to fit the journal's limits. */
  truncated?: true;
}

/** What is recorded per request; `time` is epoch ms, formatted only when the journal is read. */
export type JournalRecord = Omit<JournalEntry, "seq" | "time"> & { time: number };

/** Longest path kept, characters. */
export const MAX_PATH = 512;
/** Longest query name or value kept, characters. */
export const MAX_QUERY_TEXT = 256;
/** Query parameters kept per entry. */
export const MAX_QUERY_PARAMS = 32;
/** The fixed cost of an entry besides its path and query, bytes (an estimate). */
const ENTRY_OVERHEAD = 200;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Cuts a record's path and query to the journal's limits. */
export function bounded(record: JournalRecord): JournalRecord {
  let truncated = record.path.length > MAX_PATH;
  const query: Record<string, string> = {};
  let kept = 0;
  for (const [name, value] of Object.entries(record.query)) {
    if (kept++ >= MAX_QUERY_PARAMS) {
      truncated = true;
      break;
    }
    if (name.length > MAX_QUERY_TEXT || value.length > MAX_QUERY_TEXT) truncated = true;
    query[cut(name, MAX_QUERY_TEXT)] = cut(value, MAX_QUERY_TEXT);
  }
  return {
    ...record,
    path: cut(record.path, MAX_PATH),
    query,
    ...(truncated && { truncated: true as const }),
  };
}

function sizeOf(record: JournalRecord): number {
  let size = ENTRY_OVERHEAD + record.path.length * 2;
  for (const [name, value] of Object.entries(record.query)) size += (name.length + value.length) * 2 + 16;
  return size;
}

/** A queue of the last entries, within `capacity` entries and `budget` bytes. */
export class Journal {
  private entries: (JournalRecord & { seq: number; size: number })[] = [];
  private head = 0;
  private bytes = 0;
  private seq = 0;

  constructor(
    private readonly capacity: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {}

  /** Records one request (its path and query cut to the limits first). */
  add(record: JournalRecord): void {
    if (this.capacity === 0) return;
    const entry = bounded(record);
    const size = sizeOf(entry);
    if (size > this.budget) return;
    this.entries.push(Object.assign(entry, { seq: ++this.seq, size }));
    this.bytes += size;
    while (this.entries.length - this.head > this.capacity || this.bytes > this.budget) {
      this.bytes -= (this.entries[this.head] as { size: number }).size;
      this.entries[this.head++] = undefined as never;
    }
    // Compact now and then, so dropped entries are freed and the array does not grow forever.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** The last `limit` entries, oldest first. */
  list(limit = this.capacity): JournalEntry[] {
    const live = this.entries.slice(Math.max(this.head, this.entries.length - limit));
    return live.map(({ size: _size, ...e }) => ({ ...e, time: new Date(e.time).toISOString() }));
  }

  /** Entries held now and the bytes they take (an estimate). */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.entries.length - this.head, bytes: this.bytes };
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
  }
}
