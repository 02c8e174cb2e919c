// Counts per time bucket as the API gives them (only buckets with something in them) made ready
// for a chart: every bucket from the first to the last, the empty ones at zero, so that time
// runs evenly along the axis.

export interface Bucket {
  /** The bucket's start, ISO 8601 UTC. */
  at: string;
  count: number;
}

/** More buckets than this would be bars too thin to see on a phone: the chart keeps the latest. */
const MAX_BUCKETS = 120;

export function everyBucket(series: readonly Bucket[], sizeMs: number): Bucket[] {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return [];
  const counts = new Map(series.map((b) => [Date.parse(b.at), b.count]));
  const end = Date.parse(last.at);
  const start = Math.max(Date.parse(first.at), end - (MAX_BUCKETS - 1) * sizeMs);
  const filled: Bucket[] = [];
  for (let at = start; at <= end; at += sizeMs) {
    filled.push({ at: new Date(at).toISOString(), count: counts.get(at) ?? 0 });
  }
  return filled;
}

export const DAY_MS = 86_400_000;
export const QUARTER_HOUR_MS = 900_000;
