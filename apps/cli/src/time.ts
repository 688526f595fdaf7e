/** Times on the command line: ISO dates or durations ago (`7d`, `12h`, `30m`), to epoch milliseconds. */

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Epoch ms of `text`, or undefined when it is neither an ISO date nor a duration. */
export function parseTime(text: string, now = Date.now()): number | undefined {
  const duration = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (duration) return now - Number(duration[1]) * (UNITS[duration[2] as string] as number);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}
