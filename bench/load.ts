// Small load-generation kit for the benchmarks: closed-loop concurrent clients with a bounded
// count or time, and latency percentiles. (HTTP sessions: tests/e2e/http-session.ts.)

export interface LoadResult {
  requests: number;
  ok: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Runs `clients` loops, each sending one request after another, until `total` requests were
 * sent or `maxSeconds` passed, whichever comes first. `request(i)` gets a running number and
 * says whether the answer counts as ok.
 */
export async function closedLoop(
  clients: number,
  limits: { total?: number; maxSeconds: number },
  request: (i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let ok = 0;
  const start = performance.now();
  const stopAt = start + limits.maxSeconds * 1000;
  const total = limits.total ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total && performance.now() < stopAt) {
        const i = next++;
        const sent = performance.now();
        if (await request(i)) ok++;
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return { requests: latenciesMs.length, ok, seconds: (performance.now() - start) / 1000, latenciesMs };
}

/** Several runs' results as one. */
export function pooled(results: LoadResult[]): LoadResult {
  return {
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    seconds: results.reduce((sum, r) => sum + r.seconds, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
  };
}

/**
 * The floor and a load in turns (floor, load, floor, load, …), `rounds` windows of `seconds`
 * each, pooled. This machine's speed moves by a quarter from one minute to the next; two long
 * windows one after the other compare different moments, turns compare the same ones.
 */
export async function inTurns(
  clients: number,
  turns: { rounds: number; seconds: number },
  floor: (i: number) => Promise<boolean>,
  load: (i: number) => Promise<boolean>,
): Promise<{ floor: LoadResult; load: LoadResult }> {
  const floors: LoadResult[] = [];
  const loads: LoadResult[] = [];
  for (let round = 0; round < turns.rounds; round++) {
    floors.push(await closedLoop(clients, { maxSeconds: turns.seconds }, floor));
    loads.push(await closedLoop(clients, { maxSeconds: turns.seconds }, load));
  }
  return { floor: pooled(floors), load: pooled(loads) };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface Summary {
  perSecond: number;
  p50: number;
  p99: number;
}

export function summarize(result: LoadResult): Summary {
  return {
    perSecond: result.ok / result.seconds,
    p50: percentile(result.latenciesMs, 50),
    p99: percentile(result.latenciesMs, 99),
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** One row of a markdown table: the figure, the floor, and their ratio. */
export function comparedRow(label: string, measured: Summary, floor: Summary): string {
  return `| ${label} | ${fmt(measured.perSecond, 0)} /s (floor ${fmt(floor.perSecond, 0)}, ×${fmt(measured.perSecond / floor.perSecond, 2)}) | ${fmt(measured.p50)} ms (floor ${fmt(floor.p50)}, ×${fmt(measured.p50 / floor.p50, 2)}) | ${fmt(measured.p99)} ms (floor ${fmt(floor.p99)}, ×${fmt(measured.p99 / floor.p99, 2)}) |`;
}

/**
 * Sends a request and says whether its answer has the status wanted (any 2xx unless told). A
 * request that fails outright (the server closed the connection) counts as not accepted rather
 * than ending the run.
 */
export async function answered(
  request: Promise<Response>,
  wanted: (status: number) => boolean = (status) => status >= 200 && status < 300,
): Promise<boolean> {
  try {
    const response = await request;
    await response.arrayBuffer();
    return wanted(response.status);
  } catch (error) {
    console.warn(`a request failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
