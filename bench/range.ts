// npm run bench:range — the shooting range against a fresh `wrangler dev`, each figure beside the
// floor of this stack on this machine (a no-op round trip through the same Worker to an empty
// Durable Object, BenchFloor, under the same load, in the same run):
// - shots ingested per second on one lane, and across LANES lanes at once (CLIENTS target systems
//   posting as fast as they are answered, with the lanes' device tokens, each into a running session);
// - ingestion → live page: a shot posted, until the shooter's socket on the lane has its `shot`
//   frame (a WebSocket with the shooter's cookie, as the live page's partysocket opens it). Floor:
//   a bare object relaying a frame to a socket (POST /api/bench/floor/broadcast);
// - a year of statistics for one shooter: STATS_SHOTS shots in sessions over 365 days, written
//   straight into the local D1 file (through the API they would take most of an hour), then
//   GET /api/range/my/statistics over the year.
// Bounded: it stops by itself. Sizes: BENCH_SECONDS, BENCH_CLIENTS, BENCH_LANES,
// BENCH_LATENCY_SHOTS, BENCH_STATS_SHOTS.
import { openLocalD1 } from "../tests/e2e/dev-server";
import { type HttpSession, logIn, registerBettors } from "../tests/e2e/http-session";
import type { Booking, DeviceToken, Lane, Stats } from "../worker/range/contract";
import { answered, closedLoop, comparedRow, percentile, summarize } from "./load";
import { startBenchServer } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 40);
const LANES = Number(process.env.BENCH_LANES ?? 20);
const LATENCY_SHOTS = Number(process.env.BENCH_LATENCY_SHOTS ?? 200);
const STATS_SHOTS = Number(process.env.BENCH_STATS_SHOTS ?? 50_000);
const SHOTS_PER_SESSION = 100;
const STATS_RUNS = 10;
const RECEIPT_TIMEOUT_MS = 30_000;
const MAX_SECONDS = 900;
const CLUB = "bench";
const DAY = 86_400_000;

const began = performance.now();
const server = await startBenchServer(8799);
const base = server.baseURL;
const wsBase = base.replace(/^http/, "ws");
const watchdog = setTimeout(() => {
  console.error(`bench:range did not finish within ${MAX_SECONDS} s: stopping.`);
  server.stop();
  process.exit(1);
}, MAX_SECONDS * 1000);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const floor = (name: (i: number) => string) => (i: number) =>
  answered(fetch(`${base}/api/bench/floor?name=${name(i)}`));

interface RunningLane {
  lane: Lane;
  token: string;
  shooter: HttpSession;
}

/**
 * LANES lanes of the bench club, each with a shooter (licensed by the demo range staff) booked
 * from the next quarter hour for an hour, the session started by the demo instructor, and a
 * device token for the lane's target system.
 */
async function runningLanes(): Promise<RunningLane[]> {
  const staff = await logIn(base, "rangestaff@podium.local", "podium-demo");
  const instructor = await logIn(base, "instructor@podium.local", "podium-demo");
  const shooters = await registerBettors(base, LANES);
  const start = Math.ceil((Date.now() + 1) / 900_000) * 900_000;
  const slot = { starts_at: new Date(start).toISOString(), ends_at: new Date(start + 3_600_000).toISOString() };
  return Promise.all(
    shooters.map(async (shooter, i) => {
      const lane = await staff.json<Lane>("POST", "/api/range/lanes", {
        range_id: CLUB,
        name: `Bench ${i + 1}`,
        discipline: "air_rifle_10m",
        opens_at: 0,
        closes_at: 1440,
        utc_offset_minutes: 0,
        slot_minutes: 15,
        slot_price: 100,
      });
      const weapon = await staff.json<{ id: string }>("POST", "/api/range/weapons", {
        range_id: CLUB,
        model: "Walther LG400",
        discipline: "air_rifle_10m",
        calibre: "4.5 mm",
        serial: `BENCH-${i}-${crypto.randomUUID()}`,
        licence_category: "air",
      });
      const { id } = await shooter.json<{ id: string }>("GET", "/api/me");
      await staff.json("POST", "/api/range/licences", {
        user_id: id,
        number: `BENCH-${crypto.randomUUID().slice(0, 12)}`,
        category: "air",
        issued_on: isoDay(Date.now() - 365 * DAY),
        expires_on: isoDay(Date.now() + 365 * DAY),
      });
      const booking = await shooter.json<Booking>(
        "POST",
        "/api/range/bookings",
        { lane_id: lane.id, weapon_ids: [weapon.id], ...slot },
        { "idempotency-key": crypto.randomUUID() },
      );
      await instructor.json("POST", `/api/range/bookings/${booking.id}/start`);
      const device = await staff.json<DeviceToken>("POST", `/api/range/lanes/${lane.id}/tokens`, { label: "bench" });
      return { lane, token: device.token ?? "", shooter };
    }),
  );
}

/** A target system's post of one match shot, somewhere about the centre. */
function shoot(target: RunningLane, shotId: string) {
  return fetch(`${base}/api/range/lanes/${target.lane.id}/shots`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      shot_id: shotId,
      x: Math.round((Math.random() - 0.5) * 1000) / 100,
      y: Math.round((Math.random() - 0.5) * 1000) / 100,
      at: new Date().toISOString(),
      kind: "match",
    }),
  });
}

/** Node's WebSocket (undici) also takes request headers, as a browser sends its cookie; lib.dom's type does not say so. */
const NodeWebSocket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;

/**
 * Opens a socket (with the cookie of `session`, if any), ready once open, or once its first frame
 * came when `greets` (a lane sends its snapshot first).
 */
function openSocket(url: string, greets: boolean, session?: HttpSession): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new NodeWebSocket(url, { headers: session ? { cookie: session.cookieHeader() } : {} });
    const timer = setTimeout(
      () => reject(new Error(`${url} not ready within ${RECEIPT_TIMEOUT_MS} ms`)),
      RECEIPT_TIMEOUT_MS,
    );
    const ready = () => {
      clearTimeout(timer);
      resolve(socket);
    };
    socket.addEventListener(greets ? "message" : "open", ready, { once: true });
    socket.addEventListener("close", (event) => reject(new Error(`${url} closed: ${event.code} ${event.reason}`)));
  });
}

/** Milliseconds from just before `send` until the socket receives a frame that `matches`. */
function receipt(socket: WebSocket, matches: (frame: string) => boolean, send: () => Promise<void>) {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame within ${RECEIPT_TIMEOUT_MS} ms`)), RECEIPT_TIMEOUT_MS);
    const sent = performance.now();
    const onFrame = (event: MessageEvent) => {
      if (!matches(String(event.data))) return;
      clearTimeout(timer);
      socket.removeEventListener("message", onFrame);
      resolve(performance.now() - sent);
    };
    socket.addEventListener("message", onFrame);
    send().catch(reject);
  });
}

function latencyRow(label: string, measured: number[], floorMs: number[]): string {
  const cell = (p: number) => {
    const [m, f] = [percentile(measured, p), percentile(floorMs, p)];
    return `${m.toFixed(1)} ms (floor ${f.toFixed(1)}, ×${(m / f).toFixed(2)})`;
  };
  return `| ${label} | ${cell(50)} | ${cell(99)} |`;
}

/** STATS_SHOTS match shots of one shooter in sessions spread over the last 365 days, and their sums. */
function writeYear(userId: string): void {
  const db = openLocalD1(server, { readOnly: false });
  const now = Date.now();
  const sessions = Math.ceil(STATS_SHOTS / SHOTS_PER_SESSION);
  const spacing = Math.floor((364 * DAY) / sessions);
  // node:sqlite binds a JS number as REAL: integers go as BigInt. Scores follow the distance from
  // the centre roughly as an air rifle shooter's do; the figures only need to be plausible.
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO range_shot (booking_id, shot_id, user_id, lane_id, discipline, x, y, sighter, match_number, ring,
       decimal, inner_ten, shot_at)
     SELECT 'bench-year-' || (i / ?), 'y' || i, ?, 'bench-year', 'air_rifle_10m', (i * 37) % 601 - 300,
       (i * 53) % 601 - 300, 0, 1 + i % ?, (95 + i % 15) / 10, 95 + i % 15, i % 15 >= 12,
       ? - (i / ?) * ? + (i % ?) * 1000 FROM n`,
  ).run(
    BigInt(STATS_SHOTS),
    BigInt(SHOTS_PER_SESSION),
    userId,
    BigInt(SHOTS_PER_SESSION),
    BigInt(now - DAY),
    BigInt(SHOTS_PER_SESSION),
    BigInt(spacing),
    BigInt(SHOTS_PER_SESSION),
  );
  // The sums the statistics queue keeps per session (worker/range/statistics-queue.ts).
  db.prepare(
    `INSERT INTO range_session_stat (booking_id, user_id, discipline, started_at, shots, decimal_sum, ring_sum, tens,
       inner_tens, sum_x, sum_y, sum_xx, sum_yy)
     SELECT booking_id, MIN(user_id), MIN(discipline), MIN(shot_at), COUNT(*), SUM(decimal), SUM(ring), SUM(ring = 10),
       SUM(inner_ten), SUM(x), SUM(y), SUM(x * x), SUM(y * y)
     FROM range_shot WHERE booking_id LIKE 'bench-year-%' GROUP BY booking_id`,
  ).run();
  db.close();
}

try {
  const lanes = await runningLanes();
  const [first] = lanes;
  if (!first) throw new Error("no lanes");
  console.log(
    `\nThe range on this machine (2 cores; ${CLIENTS} target systems posting at once, ${SECONDS} s per run; ${LANES} lanes)\n`,
  );
  console.log("| load | shots or round trips accepted | p50 | p99 |");
  console.log("|---|---|---|---|");
  // Warm-up, so that the first measurement does not pay for compiling and opening storage.
  await closedLoop(
    CLIENTS,
    { total: 1_000, maxSeconds: 30 },
    floor(() => "warm"),
  );
  await closedLoop(CLIENTS, { total: 200, maxSeconds: 30 }, (i) => answered(shoot(first, `warm-${i}`)));

  const oneFloor = summarize(
    await closedLoop(
      CLIENTS,
      { maxSeconds: SECONDS },
      floor(() => "one-lane"),
    ),
  );
  const oneLane = summarize(
    await closedLoop(CLIENTS, { maxSeconds: SECONDS }, (i) => answered(shoot(first, `one-${i}`))),
  );
  console.log(comparedRow(`shots into one lane, ${CLIENTS} clients`, oneLane, oneFloor));

  const spreadFloor = summarize(
    await closedLoop(
      CLIENTS,
      { maxSeconds: SECONDS },
      floor((i) => `lane-${i % LANES}`),
    ),
  );
  const spread = summarize(
    await closedLoop(CLIENTS, { maxSeconds: SECONDS }, (i) =>
      answered(shoot(lanes[i % LANES] as RunningLane, `spread-${i}`)),
    ),
  );
  console.log(comparedRow(`shots across ${LANES} lanes, ${CLIENTS} clients`, spread, spreadFloor));
  console.log(
    `\n${LANES} lanes take ×${(spread.perSecond / oneLane.perSecond).toFixed(2)} the shots of one; one lane takes ${((100 * oneLane.perSecond) / oneFloor.perSecond).toFixed(0)} % of its floor.`,
  );

  // Ingestion → the shooter's live page, one shot at a time on a quiet lane (the second).
  const quiet = lanes[1] ?? first;
  const page = await openSocket(`${wsBase}/parties/range-lane/${quiet.lane.id}`, true, quiet.shooter);
  const live: number[] = [];
  for (let i = 0; i <= LATENCY_SHOTS; i++) {
    const id = `live-${i}`;
    const ms = await receipt(
      page,
      (f) => f.startsWith('{"type":"shot"') && f.includes(`"shot_id":"${id}"`),
      async () => {
        if (!(await answered(shoot(quiet, id)))) throw new Error(`shot ${id} refused`);
      },
    );
    if (i > 0) live.push(ms);
  }
  page.close();
  const relay = await openSocket(`${wsBase}/api/bench/floor/socket?name=range-live`, false);
  const relayed: number[] = [];
  for (let i = 0; i <= LATENCY_SHOTS; i++) {
    const message = JSON.stringify({ type: "shot", n: i });
    const ms = await receipt(
      relay,
      (f) => f === message,
      async () => {
        const sent = fetch(`${base}/api/bench/floor/broadcast?name=range-live`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ message }),
        });
        if (!(await answered(sent))) throw new Error("floor broadcast refused");
      },
    );
    if (i > 0) relayed.push(ms);
  }
  relay.close();
  console.log(`\n| a shot posted → its frame on the shooter's socket (${LATENCY_SHOTS} shots) | p50 | p99 |`);
  console.log("|---|---|---|");
  console.log(latencyRow("ingestion → live page", live, relayed));

  // A year of one shooter's statistics.
  const { id: shooterId } = await first.shooter.json<{ id: string }>("GET", "/api/me");
  const writing = performance.now();
  writeYear(shooterId);
  console.log(`\n${STATS_SHOTS} shots written in ${((performance.now() - writing) / 1000).toFixed(1)} s`);
  const year = `from=${isoDay(Date.now() - 365 * DAY)}&to=${isoDay(Date.now())}&discipline=air_rifle_10m`;
  const times: number[] = [];
  let counted = 0;
  for (let i = 0; i <= STATS_RUNS; i++) {
    const started = performance.now();
    const stats = await first.shooter.json<Stats>("GET", `/api/range/my/statistics?${year}`);
    if (i > 0) times.push(performance.now() - started);
    counted = stats.figures.shots;
  }
  // The bench's own shots of today are in the year too.
  if (counted < STATS_SHOTS) throw new Error(`statistics counted ${counted} shots, fewer than ${STATS_SHOTS}`);
  const floorOnce = summarize(
    await closedLoop(
      1,
      { total: STATS_RUNS * 3, maxSeconds: 60 },
      floor(() => "stats"),
    ),
  );
  console.log(`\n| one shooter's statistics over a year (${counted} shots) | median | min | max |`);
  console.log("|---|---|---|---|");
  console.log(
    `| GET /api/range/my/statistics | ${percentile(times, 50).toFixed(1)} ms (floor ${floorOnce.p50.toFixed(1)}, ×${(percentile(times, 50) / floorOnce.p50).toFixed(1)}) | ${Math.min(...times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`,
  );
  console.log(`\nThe whole run took ${((performance.now() - began) / 1000).toFixed(0)} s.`);
} finally {
  clearTimeout(watchdog);
  server.stop();
}
