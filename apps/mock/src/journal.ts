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

/** A ring buffer of the last `capacity` entries. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity: number) {}

  /** Records one request. */
  add(entry: Omit<JournalEntry, "seq">): void {
    if (this.capacity === 0) return;
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** The last `limit` entries, oldest first. */
  list(limit = this.capacity): JournalEntry[] {
    return this.entries.slice(-limit);
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
  }
}
