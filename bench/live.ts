// npm run bench:live — live scoring against a fresh `wrangler dev`, each figure beside the floor
// of this stack on this machine:
// - publish → receipt: the head judge publishes a score; how long until each of 1,000 spectators'
//   sockets on the competition's Scoreboard has the `score` frame. Floor: a bare object relaying a
//   frame of the same size to 1,000 sockets (POST /api/bench/floor/broadcast).
// - mark → acknowledgement: 30 judges (5 apparatus × 6 seats) submit their marks at once.
//   Floor: 30 no-op round trips at once to empty objects (GET /api/bench/floor).
// - a reconnect wave: the 1,000 spectators' sockets all dropped at once; how long until every one
//   is back with a fresh snapshot, and how many connection attempts timed out (bench/wave.ts).
// Bounded: it stops by itself. Sizes can be lowered for a quick look: BENCH_SPECTATORS,
// BENCH_PUBLISHES, BENCH_JUDGE_ROUNDS.
import { type HttpSession, logIn, registerBettors } from "../tests/e2e/http-session";
import { comparedRow, type LoadResult, percentile, summarize } from "./load";
import { startBenchServer } from "./server";
import { reconnectWave } from "./wave";

const SPECTATORS = Number(process.env.BENCH_SPECTATORS ?? 1_000);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const JUDGE_ROUNDS = Number(process.env.BENCH_JUDGE_ROUNDS ?? 20);
const APPARATUS = ["floor", "pommel_horse", "rings", "vault", "parallel_bars"];
const SEATS = ["D1", "D2", "E1", "E2", "E3", "E4"];
const JUDGES = APPARATUS.length * SEATS.length;
/** Sockets opened at once: wrangler dev copes with this many handshakes in flight. */
const CONNECT_BATCH = 50;
const CONNECT_TIMEOUT_MS = 30_000;
const RECEIPT_TIMEOUT_MS = 30_000;
/** The whole run, whatever happens. */
const MAX_SECONDS = 600;

const began = performance.now();
const server = await startBenchServer(8796);
const base = server.baseURL;
const wsBase = base.replace(/^http/, "ws");
const watchdog = setTimeout(() => {
  console.error(`bench:live did not finish within ${MAX_SECONDS} s: stopping.`);
  server.stop();
  process.exit(1);
}, MAX_SECONDS * 1000);

/** Many sockets to one object, and the time each one takes to receive a frame. */
class Crowd {
  #watch: ((index: number, frame: string, at: number) => void) | null = null;

  private constructor(readonly sockets: WebSocket[]) {
    sockets.forEach((socket, index) => {
      socket.addEventListener("message", (event) => {
        const at = performance.now();
        this.#watch?.(index, String(event.data), at);
      });
    });
  }

  /** Opens `count` sockets, CONNECT_BATCH at a time, each ready once `ready` says so of a frame (or on open). */
  static async open(url: string, count: number, ready?: (frame: string) => boolean): Promise<Crowd> {
    const sockets: WebSocket[] = [];
    for (let start = 0; start < count; start += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, i) =>
        connect(url, start + i, ready),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    return new Crowd(sockets);
  }

  /**
   * Calls `send` and measures, from just before it, when each socket receives the first frame
   * that `matches`. Answers each socket's delay in ms and the frame the first socket received.
   */
  async receipt(matches: (frame: string) => boolean, send: () => Promise<void>) {
    const arrivals = new Array<number>(this.sockets.length).fill(Number.NaN);
    let received = 0;
    let frame = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const all = new Promise<void>((resolve, reject) => {
      const late = () =>
        `only ${received} of ${this.sockets.length} sockets got the frame within ${RECEIPT_TIMEOUT_MS} ms`;
      timer = setTimeout(() => reject(new Error(late())), RECEIPT_TIMEOUT_MS);
      this.#watch = (index, text, at) => {
        if (!Number.isNaN(arrivals[index]) || !matches(text)) return;
        arrivals[index] = at;
        if (index === 0) frame = text;
        if (++received === this.sockets.length) resolve();
      };
    });
    const sent = performance.now();
    try {
      await send();
      await all;
    } finally {
      clearTimeout(timer);
      this.#watch = null;
    }
    return { delaysMs: arrivals.map((at) => at - sent), frame };
  }

  /** Closes every socket and waits (a bounded while) for the closes to complete. */
  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(resolve, 5_000);
            socket.addEventListener("close", () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close(1000, "bench done");
          }),
      ),
    );
  }
}

function connect(url: string, index: number, ready?: (frame: string) => boolean): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(
      () => fail(`no ${ready ? "first frame" : "open"} within ${CONNECT_TIMEOUT_MS} ms`),
      CONNECT_TIMEOUT_MS,
    );
    function fail(why: string) {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`socket ${index} to ${url}: ${why}`));
    }
    socket.addEventListener("error", () => fail("error"));
    socket.addEventListener("close", (event) => fail(`closed with ${event.code} ${event.reason}`));
    const done = () => {
      clearTimeout(timer);
      socket.removeEventListener("message", onFrame);
      resolve(socket);
    };
    const onFrame = (event: MessageEvent) => {
      if (ready?.(String(event.data))) done();
    };
    if (ready) socket.addEventListener("message", onFrame);
    else socket.addEventListener("open", done);
  });
}

async function timedConnect(label: string, open: () => Promise<Crowd>): Promise<Crowd> {
  const start = performance.now();
  const crowd = await open();
  console.log(
    `(${label}: ${crowd.sockets.length} sockets open in ${((performance.now() - start) / 1000).toFixed(1)} s)`,
  );
  return crowd;
}

async function ok(response: Promise<Response>, what: string): Promise<void> {
  const answer = await response;
  if (!answer.ok) throw new Error(`${what}: ${answer.status} ${await answer.text()}`);
  await answer.arrayBuffer();
}

/** p50, p99 and max of one figure beside its floor, with the ratios. */
function receiptRow(label: string, measured: number[], floor: number[]): string {
  const cell = (p: number) => {
    const m = p === 100 ? Math.max(...measured) : percentile(measured, p);
    const f = p === 100 ? Math.max(...floor) : percentile(floor, p);
    return `${m.toFixed(1)} ms (floor ${f.toFixed(1)}, ×${(m / f).toFixed(2)})`;
  };
  return `| ${label} | ${cell(50)} | ${cell(99)} | ${cell(100)} |`;
}

const median = (values: number[]) => percentile(values, 50);

/**
 * Rounds one after another, each sending JUDGES requests at once after `between` prepares it;
 * round 0 is a warm-up. Answers the other rounds' latencies and the time spent in them.
 */
async function rounds(
  count: number,
  between: (round: number) => Promise<void>,
  request: (round: number, judge: number) => Promise<boolean>,
): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, ok: 0, seconds: 0, latenciesMs: [] };
  for (let round = 0; round <= count; round++) {
    await between(round);
    const start = performance.now();
    const answers = await Promise.all(
      Array.from({ length: JUDGES }, async (_, judge) => {
        const sent = performance.now();
        const accepted = await request(round, judge);
        return { accepted, ms: performance.now() - sent };
      }),
    );
    if (round === 0) continue;
    result.seconds += (performance.now() - start) / 1000;
    result.requests += answers.length;
    result.ok += answers.filter((a) => a.accepted).length;
    result.latenciesMs.push(...answers.map((a) => a.ms));
  }
  return result;
}

try {
  // The head judge runs one MAG competition; 30 new accounts sit on 5 of its panels.
  const head = await logIn(base, "headjudge@podium.local", "podium-demo");
  const judges = await registerBettors(base, JUDGES);
  const emails = await Promise.all(judges.map(async (j) => (await j.json<{ email: string }>("GET", "/api/me")).email));
  const competition = await head.json<{ id: string }>("POST", "/api/gym/events", {
    name: "Bench: live scoring",
    discipline: "MAG",
  });
  const events = `/api/gym/events/${competition.id}`;
  await head.json("PUT", `${events}/status`, { action: "start" });
  const athletes = await Promise.all(
    Array.from({ length: 1 + PUBLISHES + 1 + JUDGE_ROUNDS }, (_, i) =>
      head.json<{ id: string }>("POST", `${events}/athletes`, { name: `Athlete ${i + 1}`, bib: i + 1 }),
    ),
  );
  const seatOf = (judge: number) => ({
    apparatus: APPARATUS[Math.floor(judge / SEATS.length)] as string,
    position: SEATS[judge % SEATS.length] as string,
  });
  await Promise.all(emails.map((email, judge) => head.json("POST", `${events}/judges`, { email, ...seatOf(judge) })));
  /** A D judge's value or an E judge's deduction, varied by athlete so that the standings differ. */
  const markOf = (athlete: number, position: string) =>
    position.startsWith("D") ? 5 + (athlete % 10) / 10 : (3 + ((athlete + Number(position[1])) % 6)) / 10;
  const openSession = (athlete: number, apparatus: string) =>
    head.json<{ session_id: string }>("POST", "/api/gym/scoring-sessions", {
      event_id: competition.id,
      athlete_id: (athletes[athlete] as { id: string }).id,
      apparatus,
    });
  const submit = (judge: number, sessionId: string, athlete: number) => {
    const { position } = seatOf(judge);
    return (judges[judge] as HttpSession).send("POST", "/api/gym/scores", {
      session_id: sessionId,
      position,
      value: markOf(athlete, position),
      client_id: crypto.randomUUID(),
    });
  };

  console.log(
    `\nLive scoring on this machine (2 cores; ${SPECTATORS} spectators' sockets, ${PUBLISHES} publishes; ${JUDGES} judges, ${JUDGE_ROUNDS} rounds)\n`,
  );

  // 1. Publish → receipt, on SPECTATORS anonymous sockets to the competition's Scoreboard.
  const board = await timedConnect("Scoreboard", () =>
    Crowd.open(`${wsBase}/parties/scoreboard/${competition.id}`, SPECTATORS, (f) => f.startsWith('{"type":"snapshot"')),
  );
  const published: number[] = [];
  const publishAnswered: number[] = [];
  const firstReceipts: number[] = [];
  const lastReceipts: number[] = [];
  const frames: string[] = [];
  // Athlete 0 is the warm-up: its publish is not counted.
  for (let athlete = 0; athlete <= PUBLISHES; athlete++) {
    let sessionId = "";
    // Opening tells every spectator who performs; wait until all have it, so publishing starts
    // clean. (The frames may come before the session's id does: they are known by the athlete.)
    const athleteId = (athletes[athlete] as { id: string }).id;
    await board.receipt(
      (f) => f.startsWith('{"type":"performing"') && f.includes(`"id":"${athleteId}"`),
      async () => {
        sessionId = (await openSession(athlete, "floor")).session_id;
      },
    );
    await Promise.all(SEATS.map((_, judge) => ok(submit(judge, sessionId, athlete), `mark ${judge}`)));
    await head.json("POST", `/api/gym/scoring-sessions/${sessionId}/close`);
    let answeredAfter = 0;
    const { delaysMs, frame } = await board.receipt(
      (f) => f.startsWith('{"type":"score"') && f.includes(`"session_id":"${sessionId}"`),
      async () => {
        const start = performance.now();
        await ok(head.send("POST", `/api/gym/scoring-sessions/${sessionId}/publish`), "publish");
        answeredAfter = performance.now() - start;
      },
    );
    if (athlete === 0) continue;
    published.push(...delaysMs);
    publishAnswered.push(answeredAfter);
    firstReceipts.push(Math.min(...delaysMs));
    lastReceipts.push(Math.max(...delaysMs));
    frames.push(frame);
  }
  await board.close();

  // 3a. Its floor: the same frames, relayed as they are by a bare object to as many sockets.
  const floorCrowd = await timedConnect("floor object", () =>
    Crowd.open(`${wsBase}/api/bench/floor/socket?name=broadcast`, SPECTATORS),
  );
  const relay = (message: string) => async () => {
    const answer = await fetch(`${base}/api/bench/floor/broadcast?name=broadcast`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });
    if (!answer.ok) throw new Error(`floor broadcast: ${answer.status} ${await answer.text()}`);
    const { sockets } = (await answer.json()) as { sockets: number };
    if (sockets !== SPECTATORS) throw new Error(`the floor object has ${sockets} sockets, not ${SPECTATORS}`);
  };
  const relayed: number[] = [];
  const floorFirst: number[] = [];
  const floorLast: number[] = [];
  for (const [i, message] of [frames[0] as string, ...frames].entries()) {
    const { delaysMs } = await floorCrowd.receipt(() => true, relay(message));
    if (i === 0) continue;
    relayed.push(...delaysMs);
    floorFirst.push(Math.min(...delaysMs));
    floorLast.push(Math.max(...delaysMs));
  }
  await floorCrowd.close();

  // 2. Mark → acknowledgement: every round opens a session on each of the 5 apparatus for a new
  // athlete (not measured), then all 30 judges submit their marks at once.
  const firstJudged = 1 + PUBLISHES;
  let sessions: string[] = [];
  const marks = await rounds(
    JUDGE_ROUNDS,
    async (round) => {
      const opened = await Promise.all(APPARATUS.map((a) => openSession(firstJudged + round, a)));
      sessions = opened.map((s) => s.session_id);
    },
    async (round, judge) => {
      const response = await submit(judge, sessions[Math.floor(judge / SEATS.length)] as string, firstJudged + round);
      await response.arrayBuffer();
      return response.status === 200;
    },
  );
  if (marks.ok !== marks.requests) throw new Error(`${marks.requests - marks.ok} marks were refused`);

  // 3b. Its floor: 30 no-op round trips at once, 6 to each of 5 empty objects, as many rounds.
  const floorTrips = await rounds(
    JUDGE_ROUNDS,
    async () => {},
    async (_round, judge) => {
      const response = await fetch(`${base}/api/bench/floor?name=judges-${Math.floor(judge / SEATS.length)}`);
      await response.arrayBuffer();
      return response.ok;
    },
  );

  // 4. A reconnect wave on the competition's Scoreboard.
  const wave = await reconnectWave(new URL(base).host, competition.id, SPECTATORS);

  const frameSizes = frames.map((f) => Buffer.byteLength(f));
  console.log("\n| publish → `score` frame on every spectator's socket | p50 | p99 | max |");
  console.log("|---|---|---|---|");
  console.log(
    receiptRow(`${SPECTATORS} sockets × ${PUBLISHES} publishes (${published.length} receipts)`, published, relayed),
  );
  console.log(receiptRow(`the first socket to have it, per publish (${PUBLISHES})`, firstReceipts, floorFirst));
  console.log(receiptRow(`the last socket to have it, per publish (${PUBLISHES})`, lastReceipts, floorLast));
  console.log(
    `\nThe head judge's POST …/publish was answered after ${median(publishAnswered).toFixed(1)} ms (median).`,
  );
  console.log(
    `The score reaches the Scoreboard through the ScoringSession's alarm (write-through to D1, then Scoreboard.scorePublished): that path is in the figure. Frames ${Math.min(...frameSizes)}–${Math.max(...frameSizes)} bytes; the floor relays the same frames.`,
  );
  console.log(`\n| ${JUDGES} judges submit at once | marks acknowledged | p50 | p99 |`);
  console.log("|---|---|---|---|");
  console.log(
    comparedRow(
      `${APPARATUS.length} apparatus × ${SEATS.length} seats, ${JUDGE_ROUNDS} rounds (${marks.requests} marks)`,
      summarize(marks),
      summarize(floorTrips),
    ),
  );
  console.log(`\n| ${SPECTATORS} spectators' sockets dropped at once | all back after | p50 | timed out | not back |`);
  console.log("|---|---|---|---|---|");
  console.log(
    `| reconnecting by LiveSocket's policy | ${Math.max(...wave.backAfterMs).toFixed(0)} ms | ${median(wave.backAfterMs).toFixed(0)} ms | ${wave.timeouts} | ${wave.missing} |`,
  );
  console.log(`\nThe whole run took ${((performance.now() - began) / 1000).toFixed(0)} s.`);
} finally {
  clearTimeout(watchdog);
  server.stop();
}
