// Sending within a channel's rate limit. Telegram takes about 30 messages a second from one bot
// overall; a broadcast to a few thousand students must not be refused halfway with 429s. A batch
// of the queue goes out in waves of at most `perSecond`, each wave followed by the rest of its
// second; the consumer handles one batch at a time (max_concurrency = 1 in wrangler.toml), so
// the limit holds across batches too.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Runs `work` on every item: all at once when `perSecond` is absent, else in waves of that many a second. */
export async function inWaves<T, R>(
  items: readonly T[],
  perSecond: number | undefined,
  work: (item: T) => Promise<R>,
  clock: Clock = realClock,
): Promise<R[]> {
  if (!perSecond) return Promise.all(items.map(work));
  const results: R[] = [];
  for (let start = 0; start < items.length; start += perSecond) {
    const began = clock.now();
    results.push(...(await Promise.all(items.slice(start, start + perSecond).map(work))));
    const rest = began + 1000 - clock.now();
    if (rest > 0) await clock.sleep(rest);
  }
  return results;
}
