// npm run bench:registrations — the events area against a fresh `wrangler dev`, beside the floor
// of this stack on this machine (a no-op round trip through the same Worker to an empty Durable
// Object, under the same load):
// - registrations per second with CLIENTS concurrent visitors (anonymous, each with their own
//   email and Idempotency-Key) on one free event limited to LIMIT places, against the floor
//   measured before them and again after; afterwards exactly LIMIT must be confirmed, the rest
//   on the waiting list, and every one of their messages delivered;
// - the time to build the finance report over REPORT_EVENTS events × REPORT_REGISTRATIONS
//   registrations (rows written straight into the local D1 file: 100,000 through the API would
//   take most of this run), as JSON, CSV and PDF.
// Bounded: it stops by itself. Sizes: BENCH_SECONDS, BENCH_CLIENTS, BENCH_REPORT_EVENTS,
// BENCH_REPORT_REGISTRATIONS.
import { openLocalD1 } from "../tests/e2e/dev-server";
import { logIn } from "../tests/e2e/http-session";
import { answered, closedLoop, comparedRow, type LoadResult, percentile, pooled, summarize } from "./load";
import { startBenchServer } from "./server";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LIMIT = 1_000;
const REPORT_EVENTS = Number(process.env.BENCH_REPORT_EVENTS ?? 100);
const REPORT_REGISTRATIONS = Number(process.env.BENCH_REPORT_REGISTRATIONS ?? 1_000);
const REPORT_RUNS = 10;
/** Registrations of the warm-up (half of them past its event's limit). */
const WARM_UP = 400;
/** The whole run, whatever happens. */
const MAX_SECONDS = 900;

const server = await startBenchServer(8797);
const base = server.baseURL;
const watchdog = setTimeout(() => {
  console.error(`bench:registrations did not finish within ${MAX_SECONDS} s: stopping.`);
  server.stop();
  process.exit(1);
}, MAX_SECONDS * 1000);

function floor(name: string) {
  return () => answered(fetch(`${base}/api/bench/floor?name=${name}`), (status) => status === 200);
}

const run = Date.now();
function registerOn(eventId: string) {
  return (i: number) =>
    answered(
      fetch(`${base}/api/events/${eventId}/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": `bench-${run}-${i}` },
        body: JSON.stringify({
          first_name: "Bench",
          last_name: `Visitor ${i}`,
          email: `bench-${run}-${i}@example.com`,
          phone: `+7916${String(i).padStart(7, "0")}`,
        }),
      }),
      (status) => status === 201,
    );
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Waits until every message about the event's registrations is delivered (none failed, none
 * still queued or retrying): how many there were, and how long after this call the last went.
 */
async function deliveriesOf(eventId: string): Promise<{ messages: number; seconds: number }> {
  const started = performance.now();
  const d1 = openLocalD1(server);
  const byStatus = d1.prepare("SELECT status, COUNT(*) AS n FROM notification WHERE topic = ? GROUP BY status");
  try {
    while (performance.now() - started < 300_000) {
      const counts = Object.fromEntries(
        (byStatus.all(`event:${eventId}`) as { status: string; n: number }[]).map((r) => [r.status, r.n]),
      );
      if (counts.failed) throw new Error(`${counts.failed} messages failed`);
      if (!counts.queued && !counts.retrying) {
        return { messages: counts.delivered ?? 0, seconds: (performance.now() - started) / 1000 };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("messages still undelivered 300 s after the registrations");
  } finally {
    d1.close();
  }
}

try {
  const organizer = await logIn(base, "organizer@podium.local", "podium-demo");
  const day = 86_400_000;
  const publish = (title: string, visitor_limit: number) =>
    organizer.json<{ id: string }>("POST", "/api/events", {
      title,
      location: "Bench",
      starts_at: iso(Date.now() + 30 * day),
      ends_at: iso(Date.now() + 30 * day + 3_600_000),
      visitor_limit,
      status: "published",
    });
  const event = await publish("Bench: one event, 1,000 places", LIMIT);

  console.log(`\nRegistrations on this machine (${CLIENTS} concurrent clients, ${SECONDS} s per run)\n`);
  console.log("| load | accepted | p50 | p99 |");
  console.log("|---|---|---|---|");
  // Warm-up, so that neither run pays for compiling and opening storage: the floor, and real
  // registrations on an event of their own, past its limit and their messages delivered, so that
  // the insert, the waiting list, the queue, its consumer and the email binding are warm too.
  await closedLoop(CLIENTS, { total: 2_000, maxSeconds: 30 }, floor("warm"));
  const warmUp = await publish("Bench: warm-up", WARM_UP / 2);
  await closedLoop(CLIENTS, { total: WARM_UP, maxSeconds: 60 }, (i) => registerOn(warmUp.id)(2_000_000 + i));
  await deliveriesOf(warmUp.id);

  // The floor on both sides of the registrations (this machine's speed drifts from one minute to
  // the next), the second once every message of the registrations is delivered, so that neither
  // floor shares the machine with them.
  const floorBefore = await closedLoop(CLIENTS, { maxSeconds: SECONDS }, floor("registrations"));
  const registering = await closedLoop(CLIENTS, { maxSeconds: SECONDS }, registerOn(event.id));
  // Enough registrations to pass the limit, whatever the rate was.
  if (registering.ok <= LIMIT) {
    await closedLoop(CLIENTS, { total: LIMIT + 200, maxSeconds: 300 }, (i) => registerOn(event.id)(1_000_000 + i));
  }
  const delivered = await deliveriesOf(event.id);
  const floorAfter = await closedLoop(CLIENTS, { maxSeconds: SECONDS }, floor("registrations-after"));
  console.log(
    comparedRow(
      `registrations on one event (limit ${LIMIT}), ${CLIENTS} clients`,
      summarize(registering),
      summarize(pooled([floorBefore, floorAfter])),
    ),
  );
  const rate = (run: LoadResult) => (run.ok / run.seconds).toFixed(0);
  console.log(
    `\n(the floor ${rate(floorBefore)} /s before the registrations, ${rate(floorAfter)} /s after; ` +
      `all ${delivered.messages} of their messages delivered ${delivered.seconds.toFixed(1)} s after the last)`,
  );
  if (registering.ok !== registering.requests) {
    console.log(`(${registering.requests - registering.ok} of ${registering.requests} registrations were not 201)`);
  }
  const d1 = openLocalD1(server);
  const byStatus = d1
    .prepare("SELECT status, COUNT(*) AS n FROM registration WHERE event_id = ? GROUP BY status ORDER BY status")
    .all(event.id) as { status: string; n: number }[];
  d1.close();
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  console.log(
    `\nAfterwards: ${JSON.stringify(counts)} (${counts.confirmed === LIMIT ? "exactly" : "NOT"} ${LIMIT} confirmed)`,
  );
  if (counts.confirmed !== LIMIT) throw new Error(`${counts.confirmed} confirmed, not ${LIMIT}`);

  // The finance report over REPORT_EVENTS × REPORT_REGISTRATIONS, each registration paid 500.00
  // and every tenth refunded half; the events far in the future, where nothing else starts.
  const from = Date.now() + 365 * day;
  const events: string[] = [];
  await closedLoop(20, { total: REPORT_EVENTS, maxSeconds: 300 }, async (i) => {
    const made = await organizer.json<{ id: string }>("POST", "/api/events", {
      title: `Bench report ${i}`,
      location: "Bench",
      starts_at: iso(from + i * 3_600_000),
      ends_at: iso(from + i * 3_600_000 + 1_800_000),
      price: 500,
      costs: [{ name: "Hall", amount: 10_000 }],
      status: "published",
    });
    events.push(made.id);
    return true;
  });
  const writing = performance.now();
  const db = openLocalD1(server, { readOnly: false });
  db.exec("BEGIN");
  const now = Date.now();
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO visitor (id, first_name, last_name, phone, email, search, created_at, updated_at)
     SELECT 'bench-v' || i, 'Bench', 'Visitor ' || i, '+7900' || printf('%07d', i), 'bench-report-' || i || '@example.com', '', ?, ? FROM n`,
  ).run(REPORT_REGISTRATIONS, now, now);
  const insert = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO registration (id, seq, number, event_id, visitor_id, status, price, billed_amount, refund_amount, refund_due,
       billed_at, idempotency_scope, idempotency_key, request_hash, created_at, updated_at)
     SELECT ? || '-' || i, (SELECT MAX(seq) FROM registration) + i, 'B' || ? || '-' || i, ?, 'bench-v' || i,
       CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END, 50000, 50000,
       CASE WHEN i % 10 = 0 THEN 25000 ELSE 0 END, CASE WHEN i % 10 = 0 THEN 25000 ELSE 0 END,
       ?, 'bench', ? || '-' || i, 'bench', ?, ? FROM n`,
  );
  events.forEach((id, e) => {
    insert.run(REPORT_REGISTRATIONS, id, e, id, now, id, now, now);
  });
  db.exec("COMMIT");
  db.close();
  const total = REPORT_EVENTS * REPORT_REGISTRATIONS;
  console.log(
    `\n${total} registrations over ${REPORT_EVENTS} events written in ${((performance.now() - writing) / 1000).toFixed(1)} s`,
  );

  const range = `from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(from + REPORT_EVENTS * 3_600_000))}`;
  console.log(
    `\n| finance report, ${REPORT_EVENTS} events × ${REPORT_REGISTRATIONS} registrations | median | min | max |`,
  );
  console.log("|---|---|---|---|");
  for (const format of ["json", "csv", "pdf"]) {
    const times: number[] = [];
    let body = "";
    for (let i = 0; i < REPORT_RUNS; i++) {
      const started = performance.now();
      const response = await organizer.send("GET", `/api/events/reports/finances?${range}&format=${format}`);
      body = format === "json" ? await response.text() : String((await response.arrayBuffer()).byteLength);
      if (!response.ok) throw new Error(`finance report (${format}): ${response.status} ${body}`);
      times.push(performance.now() - started);
    }
    console.log(
      `| ${format} | ${percentile(times, 50).toFixed(1)} ms | ${Math.min(...times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`,
    );
    if (format === "json") {
      const report = JSON.parse(body) as { events: unknown[]; total: { billed: number; refunded: number } };
      const expected = { billed: total * 500, refunded: (total / 10) * 250 };
      if (
        report.events.length !== REPORT_EVENTS ||
        report.total.billed !== expected.billed ||
        report.total.refunded !== expected.refunded
      ) {
        throw new Error(`finance report totals ${JSON.stringify(report.total)}, expected ${JSON.stringify(expected)}`);
      }
    }
  }
  const floorOnce = summarize(await closedLoop(1, { total: REPORT_RUNS * 3, maxSeconds: 60 }, floor("report")));
  console.log(`(one floor round trip alone: p50 ${floorOnce.p50.toFixed(1)} ms)`);
} finally {
  clearTimeout(watchdog);
  server.stop();
}
