// The trainer against a fresh `wrangler dev`, beside the floor of this stack on this machine (a
// no-op round trip through the same Worker to an empty Durable Object, under the same load):
// - answers per second with STUDENTS students training at once, each answer followed by reading
//   the run on (the next question), as the training page does; afterwards every question's
//   counters must add up to the answers recorded;
// - the time to compute one student's statistics over STATS_ANSWERS answers (rows written
//   straight into the local D1 file: 100,000 through the API would take most of this run).
// Bounded: it stops by itself. Sizes: BENCH_SECONDS, BENCH_STUDENTS, BENCH_STATS_ANSWERS.
// Run: `npm run build && tsx bench/trainer.ts`.
import { openLocalD1 } from "../tests/e2e/dev-server";
import { type HttpSession, logIn, registerBettors } from "../tests/e2e/http-session";
import type { Run } from "../worker/trainer/contract";
import { answered, closedLoop, comparedRow, percentile, summarize } from "./load";
import { startBenchServer } from "./server";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STATS_ANSWERS = Number(process.env.BENCH_STATS_ANSWERS ?? 100_000);
const BANK = 2_000;
const STATS_RUNS = 10;
const MAX_SECONDS = 900;
const SUBJECT = "bench";

const server = await startBenchServer(8798);
const base = server.baseURL;
const watchdog = setTimeout(() => {
  console.error(`bench:trainer did not finish within ${MAX_SECONDS} s: stopping.`);
  server.stop();
  process.exit(1);
}, MAX_SECONDS * 1000);

const floor = (name: string) => () => answered(fetch(`${base}/api/bench/floor?name=${name}`));

/** A bank of BANK single-choice questions, written straight into D1 (the import takes 64 KiB at a time). */
function writeBank() {
  const db = openLocalD1(server, { readOnly: false });
  const now = Date.now();
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO trainer_question (id, subject_id, type, text, options, correct, accepted, explanation,
       without_paper, difficulty, fingerprint, created_at, updated_at)
     SELECT 'bench-q' || i, ?, 'single', 'Question ' || i, '["a","b","c"]', '[0]', '[]', 'Because.', 1, 2,
       'question ' || i, ?, ? FROM n`,
  ).run(BANK, SUBJECT, now, now);
  db.close();
}

/** One student's loop: answer the current question, then read the run on to the next one. */
function trainer(students: { session: HttpSession; run: Run }[]) {
  return async (i: number) => {
    const student = students[i % students.length] as { session: HttpSession; run: Run };
    const question = student.run.current?.question;
    if (!question) return false;
    const answered = await student.session.send("POST", `/api/trainer/runs/${student.run.id}/answers`, {
      questionId: question.id,
      choices: [i % 3],
    });
    await answered.arrayBuffer();
    const next = await student.session.send("GET", `/api/trainer/runs/${student.run.id}`);
    if (!next.ok) return false;
    student.run = (await next.json()) as Run;
    return answered.ok;
  };
}

try {
  const admin = await logIn(base, "admin@podium.local", "podium-demo");
  await admin.json("POST", "/api/trainer/subjects", { id: SUBJECT, name: "Bench", themes: [], sources: [] });
  writeBank();

  const sessions = await registerBettors(base, STUDENTS);
  const students = await Promise.all(
    sessions.map(async (session, i) => {
      await session.json("POST", "/api/trainer/students", {
        surname: "Bench",
        name: `Student ${i}`,
        region: "Bench",
        grade: 10,
        subjects: [SUBJECT],
      });
      const run = await session.json<Run>(
        "POST",
        "/api/trainer/runs",
        { filters: { subject: SUBJECT } },
        { "idempotency-key": `bench-${i}` },
      );
      return { session, run };
    }),
  );

  console.log(`\nTraining on this machine (${STUDENTS} students at once, ${SECONDS} s per run)\n`);
  console.log("| load | per second | p50 | p99 |");
  console.log("|---|---|---|---|");
  await closedLoop(STUDENTS, { total: 2_000, maxSeconds: 30 }, floor("warm"));
  const floorRun = summarize(await closedLoop(STUDENTS, { maxSeconds: SECONDS }, floor("trainer")));
  const training = await closedLoop(STUDENTS, { maxSeconds: SECONDS }, trainer(students));
  console.log(comparedRow(`answer + next question, ${STUDENTS} students`, summarize(training), floorRun));

  const d1 = openLocalD1(server);
  const counted = d1
    .prepare("SELECT SUM(total_count) AS n FROM trainer_question WHERE subject_id = ?")
    .get(SUBJECT) as {
    n: number;
  };
  const recorded = d1
    .prepare("SELECT COUNT(*) AS n FROM trainer_answer WHERE subject_id = ? AND answered_at IS NOT NULL")
    .get(SUBJECT) as { n: number };
  d1.close();
  console.log(`\nAfterwards: ${recorded.n} answers recorded, counters say ${counted.n}`);
  if (counted.n !== recorded.n) throw new Error("the questions' counters do not add up to the answers");

  // One student with STATS_ANSWERS answers over the last 200 days, across the bank.
  const [first] = students;
  if (!first) throw new Error("no students");
  const me = await first.session.json<{ student: { id: string } }>("GET", "/api/trainer/me");
  const writing = performance.now();
  const db = openLocalD1(server, { readOnly: false });
  const now = Date.now();
  // A run asks each question once: the answers go to finished runs of BANK answers each.
  // node:sqlite binds a JS number as REAL (i % 2000.0 is 6.0, not 6): integers go as BigInt.
  const runs = Math.ceil(STATS_ANSWERS / BANK);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO trainer_run (id, student_id, filters, status, client_key, request_hash, created_at, updated_at)
     SELECT 'bench-run-' || i, ?, ?, 'finished', 'bench-run-' || i, 'bench', ?, ? FROM n`,
  ).run(runs, me.student.id, JSON.stringify({ subject: SUBJECT }), now, now);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO trainer_answer (id, run_id, student_id, question_id, subject_id, theme_id, position, asked_at,
       given, correct, answered_at)
     SELECT 'bench-a' || i, 'bench-run-' || (i / ?), ?, 'bench-q' || (1 + i % ?), ?, NULL, 1 + i % ?, ? - i * 172800,
       '{"choices":[0]}', i % 3 <> 0, ? - i * 172800 FROM n`,
  ).run(BigInt(STATS_ANSWERS), BigInt(BANK), me.student.id, BigInt(BANK), SUBJECT, BigInt(BANK), now, now);
  db.close();
  console.log(`\n${STATS_ANSWERS} answers written in ${((performance.now() - writing) / 1000).toFixed(1)} s`);

  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < STATS_RUNS; i++) {
    const started = performance.now();
    const stats = await first.session.json<{ total: { answered: number } }>("GET", "/api/trainer/stats");
    times.push(performance.now() - started);
    answered = stats.total.answered;
  }
  if (answered < STATS_ANSWERS) throw new Error(`statistics counted ${answered} answers, fewer than ${STATS_ANSWERS}`);
  console.log(`\n| one student's statistics over ${STATS_ANSWERS} answers | median | min | max |`);
  console.log("|---|---|---|---|");
  console.log(
    `| GET /api/trainer/stats | ${percentile(times, 50).toFixed(1)} ms | ${Math.min(...times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`,
  );
  const floorOnce = summarize(await closedLoop(1, { total: STATS_RUNS * 3, maxSeconds: 60 }, floor("stats")));
  console.log(`(one floor round trip alone: p50 ${floorOnce.p50.toFixed(1)} ms)`);
} finally {
  clearTimeout(watchdog);
  server.stop();
}
