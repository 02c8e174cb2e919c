// Answers at the same moment: a question's counters stay exact when a hundred students answer it
// at once; the same answer sent many times at once counts once; two devices asking for the next
// question at once get the same one.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerResult, PersonalPage, Run } from "../../worker/trainer/contract";
import { answerTo, newStudent, newTeacher, rightAnswer, startRun, subjectWithBank } from "./trainer-helpers";

const ONE_QUESTION = "economics-one";
const BANK = "economics-concurrency";

beforeAll(async () => {
  const teacher = await newTeacher();
  await subjectWithBank(teacher.client, ONE_QUESTION, 1);
  await subjectWithBank(teacher.client, BANK);
});

describe("a hundred students answering one question at once", () => {
  it("moves its counters by exactly one answer each", { timeout: 120_000 }, async () => {
    const students = await Promise.all(Array.from({ length: 100 }, () => newStudent([ONE_QUESTION])));
    const runs = await Promise.all(students.map((s) => startRun(s.client, { subject: ONE_QUESTION })));
    const questionId = runs[0]?.current?.question.id;
    expect(new Set(runs.map((r) => r.current?.question.id))).toEqual(new Set([questionId]));

    const results = await Promise.all(
      students.map((s, i) => answerTo(s.client, runs[i]?.id ?? "", { questionId, choices: [i % 2 === 0 ? 0 : 1] })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    const row = await env.DB.prepare("SELECT total_count, correct_count FROM trainer_question WHERE id = ?")
      .bind(questionId)
      .first<{ total_count: number; correct_count: number }>();
    expect(row).toEqual({ total_count: 100, correct_count: 50 });
    const answers = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM trainer_answer WHERE question_id = ? AND answered_at IS NOT NULL",
    )
      .bind(questionId)
      .first<{ n: number }>();
    expect(answers?.n).toBe(100);
  });
});

describe("the same answer sent many times at once (retries, double taps)", () => {
  it("counts once; every copy is answered with the first result", async () => {
    const { client } = await newStudent([BANK]);
    const run = await startRun(client, { subject: BANK, types: ["single"] });
    const questionId = run.current?.question.id;
    const before = await env.DB.prepare("SELECT total_count FROM trainer_question WHERE id = ?")
      .bind(questionId)
      .first<{ total_count: number }>();
    const copies = await Promise.all(
      Array.from({ length: 20 }, () => answerTo(client, run.id, { questionId, ...rightAnswer(run) })),
    );
    const bodies = copies.map((c) => c.body as AnswerResult);
    expect(copies.every((c) => c.status === 200)).toBe(true);
    expect(bodies.filter((b) => !b.repeated)).toHaveLength(1);
    expect(bodies.every((b) => b.correct)).toBe(true);
    expect(bodies.every((b) => b.run.answeredCount === 1 && b.run.correctCount === 1)).toBe(true);
    const after = await env.DB.prepare("SELECT total_count FROM trainer_question WHERE id = ?")
      .bind(questionId)
      .first<{ total_count: number }>();
    expect(after?.total_count).toBe((before?.total_count ?? 0) + 1);
    const me = (await client.get("/api/trainer/me")).body as PersonalPage;
    expect(me.student).toMatchObject({ answeredCount: 1, correctCount: 1 });
    const now = (await client.get(`/api/trainer/runs/${run.id}`)).body as Run;
    expect(now).toMatchObject({ answeredCount: 1, correctCount: 1 });
  });

  it("a changed answer sent after the first one does not change what was recorded", async () => {
    const { client } = await newStudent([BANK]);
    const run = await startRun(client, { subject: BANK, types: ["single"] });
    const questionId = run.current?.question.id;
    await answerTo(client, run.id, { questionId, ...rightAnswer(run) });
    const changed = await answerTo(client, run.id, { questionId, choices: [1] });
    expect(changed.body).toMatchObject({ correct: true, repeated: true, given: rightAnswer(run) });
  });
});

describe("two devices asking for the next question at once", () => {
  it("puts one question between them, and the run goes on from it on either", async () => {
    const { client } = await newStudent([BANK]);
    const run = await startRun(client, { subject: BANK });
    await answerTo(client, run.id, { questionId: run.current?.question.id, ...rightAnswer(run) });
    const phone = client.clone();
    const [web, bot] = await Promise.all([
      client.get(`/api/trainer/runs/${run.id}`),
      phone.get(`/api/trainer/runs/${run.id}`),
    ]);
    const a = web.body as Run;
    const b = bot.body as Run;
    expect(a.current?.question.id).toBe(b.current?.question.id);
    expect(a.current?.position).toBe(2);
    const pending = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM trainer_answer WHERE run_id = ? AND answered_at IS NULL",
    )
      .bind(run.id)
      .first<{ n: number }>();
    expect(pending?.n).toBe(1);
  });
});
