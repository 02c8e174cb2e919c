// npm run bench:betting — betting throughput and latency against a fresh `wrangler dev`, each
// figure beside the floor of this stack on this machine (a no-op round trip through the same
// Worker to an empty Durable Object, under the same load). Bounded: it stops by itself.
// Sizes can be lowered for a quick look: BENCH_SECONDS, BENCH_SETTLE_BETS, BENCH_OPEN_EVENTS.
import { openLocalD1 } from "../tests/e2e/dev-server";
import { type HttpSession, logIn, registerBettors } from "../tests/e2e/http-session";
import { closedLoop, comparedRow, inTurns, percentile, summarize } from "./load";
import { startBenchServer } from "./server";

const CLIENTS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SPREAD_EVENTS = 1_000;
/** The hot event once more, in turns with the floor. */
const TURNS = { rounds: 5, seconds: 2 };
const OPEN_EVENTS = Number(process.env.BENCH_OPEN_EVENTS ?? 10_000);
const SETTLE_BETS = Number(process.env.BENCH_SETTLE_BETS ?? 100_000);
/** Placing 100,000 bets through wrangler dev takes most of a quarter of an hour here. */
const SETTLE_TIMEOUT_S = 1_800;

const server = await startBenchServer(8795);
const base = server.baseURL;

async function publish(bookmaker: HttpSession, id: string, deadline: number) {
  await bookmaker.json("POST", "/api/betting/line/events", {
    id,
    first_team: `Bench ${id}`,
    second_team: "Floor",
    odds: 1.9,
    deadline: new Date(deadline).toISOString(),
  });
}

async function publishMany(bookmaker: HttpSession, prefix: string, count: number) {
  const deadline = Date.now() + 3_600_000;
  const result = await closedLoop(50, { total: count, maxSeconds: 600 }, async (i) => {
    await publish(bookmaker, `${prefix}-${i}`, deadline);
    return true;
  });
  if (result.ok !== count) throw new Error(`published ${result.ok} of ${count} events`);
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

function betOn(bettors: HttpSession[], eventOf: (i: number) => string) {
  return async (i: number) => {
    const bettor = bettors[i % bettors.length] as HttpSession;
    const response = await bettor.send("POST", "/api/betting/bet", { event_id: eventOf(i), amount: 10 });
    await response.arrayBuffer();
    return response.status === 201;
  };
}

function floor(name: (i: number) => string) {
  return async (i: number) => {
    const response = await fetch(`${base}/api/bench/floor?name=${name(i)}`);
    await response.arrayBuffer();
    return response.ok;
  };
}

async function waitFor(what: string, done: () => boolean): Promise<number> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > SETTLE_TIMEOUT_S * 1000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (performance.now() - start) / 1000;
}

try {
  const bookmaker = await logIn(base, "bookmaker@podium.local", "podium-demo");
  const bettors = await registerBettors(base, 20);
  console.log(`\nBetting on this machine (${CLIENTS} concurrent clients, ${SECONDS} s per run)\n`);
  console.log("| load | bets or reads accepted | p50 | p99 |");
  console.log("|---|---|---|---|");

  // Warm-up, so that the first measurement does not pay for compiling and opening storage.
  await closedLoop(
    CLIENTS,
    { total: 2_000, maxSeconds: 30 },
    floor(() => "warm"),
  );

  // One hot event in its last seconds: its deadline falls just after the run.
  const hotFloor = summarize(
    await closedLoop(
      CLIENTS,
      { maxSeconds: SECONDS },
      floor(() => "hot"),
    ),
  );
  await publish(bookmaker, "hot", Date.now() + (SECONDS + 2) * 1000);
  const hotRun = await closedLoop(
    CLIENTS,
    { maxSeconds: SECONDS },
    betOn(bettors, () => "hot"),
  );
  console.log(comparedRow(`one hot event, ${CLIENTS} clients`, summarize(hotRun), hotFloor));
  if (hotRun.ok !== hotRun.requests) console.log(`(hot event: ${hotRun.ok} of ${hotRun.requests} bets accepted)`);

  // The same, in turns with the floor: both measured over the same minute of this machine.
  await publish(bookmaker, "hot-turns", Date.now() + (2 * TURNS.rounds * TURNS.seconds + 5) * 1000);
  const turns = await inTurns(
    CLIENTS,
    TURNS,
    floor(() => "hot"),
    betOn(bettors, () => "hot-turns"),
  );
  console.log(
    comparedRow(
      `one hot event, in turns with the floor (${TURNS.rounds} × ${TURNS.seconds} s each)`,
      summarize(turns.load),
      summarize(turns.floor),
    ),
  );

  // The same load spread over 1,000 events (and the floor over 1,000 empty objects).
  const spread = await publishMany(bookmaker, "spread", SPREAD_EVENTS);
  const spreadFloor = summarize(
    await closedLoop(
      CLIENTS,
      { maxSeconds: SECONDS },
      floor((i) => `f${i % SPREAD_EVENTS}`),
    ),
  );
  const spreadRun = await closedLoop(
    CLIENTS,
    { maxSeconds: SECONDS },
    betOn(bettors, (i) => spread[i % SPREAD_EVENTS] as string),
  );
  console.log(comparedRow(`${SPREAD_EVENTS} events, ${CLIENTS} clients`, summarize(spreadRun), spreadFloor));

  // GET /events with (at least) OPEN_EVENTS open events.
  await publishMany(bookmaker, "open", Math.max(0, OPEN_EVENTS - SPREAD_EVENTS));
  const d1 = openLocalD1(server);
  const openCount = () =>
    (d1.prepare("SELECT COUNT(*) AS n FROM betting_event WHERE status = 'not_finished'").get() as { n: number }).n;
  await waitFor("the catalogue to list every open event", () => openCount() >= OPEN_EVENTS);
  const list = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    await response.arrayBuffer();
    return response.ok;
  };
  const listFloor = summarize(
    await closedLoop(
      CLIENTS,
      { maxSeconds: SECONDS },
      floor(() => "list"),
    ),
  );
  const cached = await closedLoop(CLIENTS, { maxSeconds: SECONDS }, () => list("/api/betting/events?limit=50"));
  console.log(comparedRow(`GET /events, ${openCount()} open, cached`, summarize(cached), listFloor));
  // A query string of its own per request misses the edge cache: every one reads D1.
  const uncached = await closedLoop(CLIENTS, { maxSeconds: SECONDS }, (i) =>
    list(`/api/betting/events?limit=50&n=${i}`),
  );
  console.log(comparedRow("GET /events, cache missed", summarize(uncached), listFloor));

  // Settling SETTLE_BETS bets: from setting the outcome to the last one settled in D1.
  await publish(bookmaker, "settle", Date.now() + 3_600_000);
  const placing = await closedLoop(
    CLIENTS,
    { total: SETTLE_BETS, maxSeconds: SETTLE_TIMEOUT_S },
    betOn(bettors, () => "settle"),
  );
  if (placing.ok !== SETTLE_BETS) throw new Error(`placed ${placing.ok} of ${SETTLE_BETS} bets`);
  const count = (where: string) =>
    (d1.prepare(`SELECT COUNT(*) AS n FROM bet WHERE event_id = 'settle' AND ${where}`).get() as { n: number }).n;
  const landing = await waitFor("every bet to reach D1", () => count("1 = 1") === SETTLE_BETS);
  const outcomeSet = performance.now();
  await bookmaker.json("PATCH", "/api/betting/line/events/settle", { status: "first_team_won" });
  const settling = await waitFor("every bet to be settled in D1", () => count("status = 'won'") === SETTLE_BETS);
  const settledAfter = (performance.now() - outcomeSet) / 1000;

  console.log(
    `\nPlacing ${SETTLE_BETS} bets on one event: ${(placing.ok / placing.seconds).toFixed(0)} /s, p50 ${percentile(placing.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(placing.latenciesMs, 99).toFixed(1)} ms; all in D1 ${landing.toFixed(1)} s after the last was accepted.`,
  );
  console.log(
    `Outcome set → all ${SETTLE_BETS} bets settled in D1: ${settledAfter.toFixed(2)} s (polled every 100 ms; ${settling.toFixed(2)} s of waiting).`,
  );
} finally {
  server.stop();
}
