/** The request journal: the last N requests the mock answered, for tests to inspect. No secrets. */

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
}

/** What is recorded per request; `time` is epoch ms, formatted only when the journal is read. */
export type JournalRecord = Omit<JournalEntry, "seq" | "time"> & { time: number };

/** A ring buffer of the last `capacity` entries; recording costs no formatting. */
export class Journal {
  private entries: (JournalRecord & { seq: number })[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly capacity: number) {}

  /** Records one request. */
  add(record: JournalRecord): void {
    if (this.capacity === 0) return;
    const entry = Object.assign(record, { seq: ++this.seq });
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The last `limit` entries, oldest first. */
  list(limit = this.capacity): JournalEntry[] {
    const ordered =
      this.entries.length < this.capacity
        ? this.entries
        : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.slice(-limit).map((e) => ({ ...e, time: new Date(e.time).toISOString() }));
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
    this.next = 0;
  }
}
