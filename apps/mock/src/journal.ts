/**
 * The request journal: the last requests the mock answered, for tests to inspect. No headers,
 * no secrets. Bounded twice, whatever clients send: by count, and by bytes (each entry's path
 * and query are cut on the way in, and the oldest entries go when the budget is spent). A cut
 * entry keeps copies, never views of the request's own strings.
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

/**
 * What is recorded per request; `time` is epoch ms, formatted only when the journal is read.
 * `seq`, `size` and `truncated` are the journal's to set: a record made with them (any values)
 * is kept as it is, with no second object per request.
 */
export type JournalRecord = Omit<JournalEntry, "seq" | "time" | "query" | "truncated"> & {
  time: number;
  query: ReadonlyMap<string, string>;
  seq?: number;
  size?: number;
  truncated?: boolean;
};

/** A record as the journal keeps it (the record itself when it needed no cutting). */
interface Kept extends JournalRecord {
  seq: number;
  size: number;
  truncated: boolean;
}

/** Longest path kept, characters. */
export const MAX_PATH = 512;
/** Longest query name or value kept, characters. */
export const MAX_QUERY_TEXT = 256;
/** Query parameters kept per entry. */
export const MAX_QUERY_PARAMS = 32;
/** The fixed cost of an entry besides its path and query, bytes (an estimate). */
const ENTRY_OVERHEAD = 200;

/**
 * A copy of a string that shares no memory with the one it came from: a slice of a string is a
 * view of it in V8, so a kept 256-character cut of a 60 KB query would hold all 60 KB.
 */
const own = (text: string) => Buffer.from(text, "utf8").toString("utf8");

/** Text cut to `max` characters (an ellipsis marks the cut), as a string of its own. */
const cut = (text: string, max: number) => own(text.length > max ? `${text.slice(0, max)}…` : text);

/** A record with its path and query cut to the limits (the same record when nothing needed cutting). */
function bounded(record: JournalRecord): Kept {
  let size = ENTRY_OVERHEAD + record.path.length * 2;
  let fits = record.path.length <= MAX_PATH && record.query.size <= MAX_QUERY_PARAMS;
  // forEach, not for-of: no entry array per parameter (this runs for every request).
  record.query.forEach((value, name) => {
    size += (name.length + value.length) * 2 + 16;
    if (name.length > MAX_QUERY_TEXT || value.length > MAX_QUERY_TEXT) fits = false;
  });
  if (fits) {
    const kept = record as Kept;
    kept.seq = 0;
    kept.size = size;
    kept.truncated = false;
    return kept;
  }
  const query = new Map<string, string>();
  size = ENTRY_OVERHEAD + Math.min(record.path.length, MAX_PATH) * 2;
  for (const [name, value] of record.query) {
    if (query.size >= MAX_QUERY_PARAMS) break;
    const [n, v] = [cut(name, MAX_QUERY_TEXT), cut(value, MAX_QUERY_TEXT)];
    query.set(n, v);
    size += (n.length + v.length) * 2 + 16;
  }
  return { ...record, path: cut(record.path, MAX_PATH), query, seq: 0, size, truncated: true };
}

/** A ring of the last entries, within `capacity` entries and `budget` bytes. */
export class Journal {
  private ring: (Kept | undefined)[];
  private start = 0;
  private count = 0;
  private bytes = 0;
  private seq = 0;

  constructor(
    private readonly capacity: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {
    this.ring = new Array(capacity);
  }

  /** Records one request (its path and query cut to the limits first). */
  add(record: JournalRecord): void {
    if (this.capacity === 0) return;
    const kept = bounded(record);
    if (kept.size > this.budget) return;
    while (this.count > 0 && (this.count === this.capacity || this.bytes + kept.size > this.budget))
      this.dropOldest();
    kept.seq = ++this.seq;
    this.ring[(this.start + this.count) % this.capacity] = kept;
    this.count++;
    this.bytes += kept.size;
  }

  private dropOldest(): void {
    this.bytes -= (this.ring[this.start] as Kept).size;
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
  }

  /** The last `limit` entries, oldest first. */
  list(limit = this.capacity): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = Math.max(0, this.count - limit); i < this.count; i++) {
      const { size: _size, truncated, ...record } = this.ring[(this.start + i) % this.capacity] as Kept;
      out.push({
        ...record,
        time: new Date(record.time).toISOString(),
        query: Object.fromEntries(record.query),
        ...(truncated && { truncated: true as const }),
      });
    }
    return out;
  }

  /** Entries held now and the bytes they take (an estimate). */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.count, bytes: this.bytes };
  }

  /** Forgets every entry. */
  clear(): void {
    this.ring = new Array(this.capacity);
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }
}
