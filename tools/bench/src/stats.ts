/** Timing helpers and the table printer shared by the benchmarks. */

/** Median of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A percentile (0-100) of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Times `fn` in `rounds` batches of `batch` calls, interleaving the contenders round by round
 * so that machine noise hits them alike; returns each contender's per-call times in µs (and, into
 * `cpu` when given, this process's CPU time per call in µs, which waiting on a loaded machine
 * does not inflate).
 */
export async function interleave(
  contenders: Record<string, () => unknown | Promise<unknown>>,
  { rounds, batch, cpu }: { rounds: number; batch: number; cpu?: Record<string, number[]> },
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (const fn of Object.values(contenders)) for (let i = 0; i < batch; i++) await fn(); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const started = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < batch; i++) await fn();
      samples[name]?.push(Number(process.hrtime.bigint() - started) / 1000 / batch);
      if (cpu) {
        const used = process.cpuUsage(cpuBefore);
        cpu[name] = [...(cpu[name] ?? []), (used.user + used.system) / batch];
      }
    }
  }
  return samples;
}

/** Prints a table: a header row and rows, columns padded. */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Formats a number with `digits` decimals. */
export const fmt = (n: number, digits = 1) => n.toFixed(digits);
