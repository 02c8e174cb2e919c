// The demo bank a local Podium loads (worker/db/seed-trainer.ts): every question well formed by
// the import's own rules, and a student can train on it at once.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_SUBJECTS, demoTrainer } from "../../worker/db/seed-trainer";
import type { Run } from "../../worker/trainer/contract";
import { CATALOGUE_TTL_MS } from "../../worker/trainer/cross-cutting";
import { MAX_OPTIONS } from "../../worker/trainer/rules";
import { answerTo, newStudent, startRun } from "./trainer-helpers";

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

beforeAll(async () => {
  const statements = demoTrainer(Date.now(), quote).map((sql) => env.DB.prepare(sql));
  await env.DB.batch(statements);
  // Loaded again (npm start runs it every time), it changes nothing.
  await env.DB.batch(demoTrainer(Date.now(), quote).map((sql) => env.DB.prepare(sql)));
  // Written straight into D1, as `npm start` does before the server starts: a catalogue this
  // isolate read earlier (another test file's) sees it once its cache has run out.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + CATALOGUE_TTL_MS);
});

afterAll(() => {
  vi.useRealTimers();
});

describe("the demo bank", () => {
  it("has questions of every type in economics and English, each well formed", async () => {
    for (const subject of DEMO_SUBJECTS) {
      const types = new Set(subject.questions.map((q) => q.type));
      expect([...types].sort(), subject.id).toEqual(["multiple", "open", "single"]);
      for (const q of subject.questions) {
        expect(subject.themes, q.text).toContain(q.theme);
        if (q.type === "open") expect(q.accepted?.length, q.text).toBeGreaterThan(0);
        else {
          const options = q.options ?? [];
          expect(options.length, q.text).toBeGreaterThanOrEqual(2);
          expect(options.length, q.text).toBeLessThanOrEqual(MAX_OPTIONS);
          expect(
            q.correct?.every((c) => c >= 0 && c < options.length),
            q.text,
          ).toBe(true);
          if (q.type === "single") expect(q.correct?.length, q.text).toBe(1);
          else expect(q.correct?.length, q.text).toBeGreaterThanOrEqual(1);
        }
      }
    }
    const stored = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM trainer_question WHERE subject_id IN (${DEMO_SUBJECTS.map(() => "?").join(", ")})`,
    )
      .bind(...DEMO_SUBJECTS.map((s) => s.id))
      .first<{ n: number }>();
    expect(stored?.n).toBe(DEMO_SUBJECTS.reduce((n, s) => n + s.questions.length, 0));
  });

  it("is ready to train on at once", async () => {
    const { client } = await newStudent(["economics", "english"]);
    for (const subject of ["economics", "english"]) {
      const run: Run = await startRun(client, { subject });
      expect(run.current?.question.subject.id).toBe(subject);
      const question = run.current?.question;
      const given = question?.type === "open" ? { text: "x" } : { choices: [0] };
      expect((await answerTo(client, run.id, { questionId: question?.id, ...given })).status).toBe(200);
    }
  });

  it("takes an open economics answer typed with a typographic minus or a decimal comma", async () => {
    const { client } = await newStudent(["economics"]);
    const row = await env.DB.prepare(
      "SELECT id, accepted FROM trainer_question WHERE text LIKE 'Спрос: Qd = 50 − 1P%'",
    ).first<{ id: string; accepted: string }>();
    expect(JSON.parse(row?.accepted ?? "[]")).toContain("-0.25");
    let run = await startRun(client, { subject: "economics", types: ["open"] });
    while (run.current && run.current.question.id !== row?.id) {
      await answerTo(client, run.id, { questionId: run.current.question.id, text: "x" });
      run = (await client.get(`/api/trainer/runs/${run.id}`)).body as Run;
    }
    const res = await answerTo(client, run.id, { questionId: row?.id, text: "−0,25" });
    expect(res.body).toMatchObject({ correct: true });
  });
});
