// Training through the REST adapter: registering, filters, a run answered to its end, answers
// checked and explained at once, statistics, and who may see which run.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PersonalPage, Run, StartPage, StudentStats } from "../../worker/trainer/contract";
import { Client, newUser, problemOf } from "./client";
import {
  answerCurrent,
  answerTo,
  newStudent,
  newTeacher,
  profile,
  rightAnswer,
  startRun,
  subjectWithBank,
} from "./trainer-helpers";

const SUBJECT = "economics-training";

beforeAll(async () => {
  const teacher = await newTeacher();
  await subjectWithBank(teacher.client, SUBJECT);
});

const count = async (table: string) =>
  (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;

describe("registration", () => {
  it("registers once per account: again answers the first registration", async () => {
    const user = await newUser();
    const first = await user.client.post("/api/trainer/students", profile([SUBJECT]));
    expect(first.status).toBe(201);
    const again = await user.client.post("/api/trainer/students", { ...profile([SUBJECT]), name: "Другое" });
    expect(again.status).toBe(200);
    expect((again.body as PersonalPage).student).toMatchObject({
      name: "Мария",
      id: (first.body as PersonalPage).student.id,
    });
    const page = (first.body as PersonalPage).student;
    expect(Date.parse(page.registeredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(page.lastActiveAt).toBe(page.registeredAt);
  });

  it("refuses an unknown subject, naming its place, and writes nothing", async () => {
    const user = await newUser();
    const before = await count("trainer_student");
    const problem = problemOf(await user.client.post("/api/trainer/students", profile([SUBJECT, "alchemy"])), 400);
    expect(problem.errors?.[0]).toMatchObject({ path: "subjects.1", code: "unknown_subject" });
    expect(await count("trainer_student")).toBe(before);
  });

  it("needs a login, and a registration before training", async () => {
    problemOf(await new Client().post("/api/trainer/students", profile()), 401);
    const user = await newUser();
    const problem = problemOf(await user.client.get("/api/trainer/start"), 403);
    expect(problem.reason).toBe("not_registered");
  });

  it("refuses to show or answer a run to an account with no student, before looking at the run", async () => {
    const owner = await newStudent([SUBJECT]);
    const run = await startRun(owner.client, { subject: SUBJECT });
    const stranger = await newUser();
    const questionId = run.current?.question.id;
    for (const runId of [run.id, crypto.randomUUID()]) {
      expect(problemOf(await stranger.client.get(`/api/trainer/runs/${runId}`), 403).reason).toBe("not_registered");
      const answered = await answerTo(stranger.client, runId, { questionId, ...rightAnswer(run) });
      expect(problemOf(answered, 403).reason).toBe("not_registered");
    }
  });
});

describe("a training run", () => {
  it("asks every question of the filters once, checks and explains each answer, then finishes", async () => {
    const { client } = await newStudent([SUBJECT]);
    let run = await startRun(client, { subject: SUBJECT });
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const question = run.current?.question;
      expect(question, `question ${i + 1}`).toBeTruthy();
      expect(seen.has(question?.id ?? "")).toBe(false);
      seen.add(question?.id ?? "");
      expect(run.current?.position).toBe(i + 1);
      const right = i !== 2;
      const answered = await answerCurrent(client, run, right);
      expect(answered.result).toMatchObject({ correct: right, repeated: false });
      expect(answered.result.explanation.length).toBeGreaterThan(0);
      run = answered.run;
    }
    expect(run).toMatchObject({ status: "finished", current: null, answeredCount: 5, correctCount: 4 });
    const me = (await client.get("/api/trainer/me")).body as PersonalPage;
    expect(me.student).toMatchObject({ answeredCount: 5, correctCount: 4 });
    expect(Date.parse(me.student.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(me.student.registeredAt));
  });

  it("renders a question's Markdown as safe HTML, and never sends the right answer before it is given", async () => {
    const { client } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT, types: ["single"], withoutPaper: true });
    expect(run.current?.question.html).toContain("<strong>спросом</strong>");
    expect(JSON.stringify(run)).not.toMatch(/rightChoices|accepted|explanation/);
  });

  it("applies the filters: type, without paper, only new, only wrong", async () => {
    const { client } = await newStudent([SUBJECT]);
    const open = await startRun(client, { subject: SUBJECT, types: ["open"] });
    expect(open.current?.question.type).toBe("open");
    const paperless = await startRun(client, { subject: SUBJECT, types: ["single"], withoutPaper: true });
    expect(paperless.current?.question.withoutPaper).toBe(true);
    const { run: afterWrong } = await answerCurrent(client, paperless, false);
    expect(afterWrong.status).toBe("finished");
    const wrongOnly = await startRun(client, { subject: SUBJECT, onlyWrong: true });
    expect(wrongOnly.current?.question.id).toBe(paperless.current?.question.id);
    const fresh = await startRun(client, { subject: SUBJECT, onlyNew: true, types: ["single"] });
    expect(fresh.current?.question.id).not.toBe(paperless.current?.question.id);
  });

  it("accepts open answers whatever their case, spaces, ё or decimal comma", async () => {
    const { client } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT, types: ["open"] });
    const question = run.current?.question;
    const text = question?.text.includes("одним продавцом") ? "  Монополия " : "2,0";
    const res = await answerTo(client, run.id, { questionId: question?.id, text });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ correct: question?.text.includes("одним продавцом") === true });
  });

  it("starts one run for one Idempotency-Key, and resumes where the student stopped", async () => {
    const { client } = await newStudent([SUBJECT]);
    const key = crypto.randomUUID();
    const first = await startRun(client, { subject: SUBJECT }, key);
    const again = await startRun(client, { subject: SUBJECT }, key);
    expect(again.id).toBe(first.id);
    expect(again.current?.question.id).toBe(first.current?.question.id);
    const other = await client.post(
      "/api/trainer/runs",
      { filters: { subject: SUBJECT, onlyNew: true } },
      { "idempotency-key": key },
    );
    problemOf(other, 422);
    const current = (await client.get("/api/trainer/runs/current")).body as Run;
    expect(current).toMatchObject({ id: first.id, current: { position: 1 } });
    const start = (await client.get("/api/trainer/start")).body as StartPage;
    expect(start.openRun?.id).toBe(first.id);
    expect(start.filters).toMatchObject({ subject: SUBJECT });
  });
});

describe("answers sent twice", () => {
  it("counts a repeated answer once and answers it as the first time", async () => {
    const { client } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT });
    const body = { questionId: run.current?.question.id, ...rightAnswer(run) };
    const first = await answerTo(client, run.id, body);
    const second = await answerTo(client, run.id, { ...body });
    expect(first.body).toMatchObject({ correct: true, repeated: false, run: { answeredCount: 1 } });
    expect(second.body).toMatchObject({ correct: true, repeated: true, run: { answeredCount: 1 } });
    const me = (await client.get("/api/trainer/me")).body as PersonalPage;
    expect(me.student.answeredCount).toBe(1);
  });

  it("refuses an answer to a question the run did not ask", async () => {
    const { client } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT, types: ["single"] });
    const other = await startRun(client, { subject: SUBJECT, types: ["open"] });
    const res = await answerTo(client, run.id, { questionId: other.current?.question.id, text: "монополия" });
    expect(problemOf(res, 409).reason).toBe("not_asked");
  });
});

describe("an answer that cannot be recorded in full", () => {
  it("changes nothing: not the answer, nor the run's, the student's or the question's counters", async () => {
    const { client, student } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT });
    const questionId = run.current?.question.id;
    const counters = () =>
      env.DB.prepare(
        `SELECT q.total_count AS question, r.answered_count AS run, s.answered_count AS student,
           a.answered_at AS answeredAt
         FROM trainer_answer a JOIN trainer_question q ON q.id = a.question_id
           JOIN trainer_run r ON r.id = a.run_id JOIN trainer_student s ON s.id = r.student_id
         WHERE a.run_id = ? AND a.question_id = ?`,
      )
        .bind(run.id, questionId)
        .first();
    const before = await counters();
    // The last statement of the answer's batch (the student's counters) fails for this student.
    await env.DB.prepare(
      `CREATE TRIGGER refuse_student_counters BEFORE UPDATE ON trainer_student WHEN OLD.id = '${student.id}'
       BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
    ).run();
    try {
      expect((await answerTo(client, run.id, { questionId, ...rightAnswer(run) })).status).toBe(500);
    } finally {
      await env.DB.prepare("DROP TRIGGER refuse_student_counters").run();
    }
    expect(await counters()).toEqual(before);

    const again = await answerTo(client, run.id, { questionId, ...rightAnswer(run) });
    expect(again.body).toMatchObject({ correct: true, repeated: false, run: { answeredCount: 1 } });
  });
});

describe("ownership", () => {
  it("shows a run only to its student: anyone else gets 404 and cannot answer it", async () => {
    const owner = await newStudent([SUBJECT]);
    const other = await newStudent([SUBJECT]);
    const run = await startRun(owner.client, { subject: SUBJECT });
    problemOf(await other.client.get(`/api/trainer/runs/${run.id}`), 404);
    problemOf(await answerTo(other.client, run.id, { questionId: run.current?.question.id, ...rightAnswer(run) }), 404);
    const mine = (await other.client.get("/api/trainer/runs")).body as { items: Run[] };
    expect(mine.items.map((r) => r.id)).not.toContain(run.id);
    const stillOpen = (await owner.client.get(`/api/trainer/runs/${run.id}`)).body as Run;
    expect(stillOpen.answeredCount).toBe(0);
  });
});

describe("statistics", () => {
  it("counts accuracy per subject and theme, by day, with the streak and the weakest themes", async () => {
    const { client } = await newStudent([SUBJECT]);
    let run = await startRun(client, { subject: SUBJECT });
    for (let i = 0; i < 5; i++) run = (await answerCurrent(client, run, i !== 0)).run;
    const stats = (await client.get("/api/trainer/stats")).body as StudentStats;
    expect(stats.total).toEqual({ answered: 5, correct: 4, accuracy: 0.8 });
    expect(stats.subjects).toHaveLength(1);
    expect(stats.subjects[0]?.themes.reduce((n, t) => n + t.answered, 0)).toBe(5);
    expect(stats.days).toHaveLength(1);
    expect(stats.days[0]).toMatchObject({ answered: 5, correct: 4 });
    expect(stats.streak).toEqual({ current: 1, longest: 1 });
  });
});
