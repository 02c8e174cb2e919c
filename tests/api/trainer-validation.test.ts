// Bad input on the trainer's endpoints: 400 problem+json naming the field, and nothing written.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../worker/trainer/contract";
import { type Client, problemOf } from "./client";
import { answerTo, newStudent, newTeacher, profile, startRun, subjectWithBank } from "./trainer-helpers";

const SUBJECT = "economics-validation";
let teacher: Client;
let student: Client;
let run: Run;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  await subjectWithBank(teacher, SUBJECT);
  student = (await newStudent([SUBJECT])).client;
  run = await startRun(student, { subject: SUBJECT, types: ["single"] });
});

/** Every row the trainer keeps, to check that a refused request wrote none. */
async function snapshot() {
  const tables = [
    "trainer_student",
    "trainer_run",
    "trainer_answer",
    "trainer_question",
    "trainer_subject",
    "trainer_broadcast",
  ];
  const counts = await Promise.all(
    tables.map(async (t) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`).first<{ n: number }>())?.n),
  );
  const answered = await env.DB.prepare(
    "SELECT COALESCE(SUM(total_count), 0) AS total, COALESCE(SUM(correct_count), 0) AS correct FROM trainer_question",
  ).first();
  return { counts, answered };
}

const key = () => ({ "idempotency-key": crypto.randomUUID() });

describe("bad input is refused, naming the field, and writes nothing", () => {
  it.each([
    ["a grade of 12", () => student.post("/api/trainer/students", { ...profile(), grade: 12 }), "grade"],
    ["a missing surname", () => student.post("/api/trainer/students", { ...profile(), surname: undefined }), "surname"],
    ["a bad email", () => student.post("/api/trainer/students", { ...profile(), email: "nope" }), "email"],
    [
      "filters without a subject",
      () => student.post("/api/trainer/runs", { filters: { themes: [] } }, key()),
      "filters.subject",
    ],
    [
      "an unknown subject",
      () => student.post("/api/trainer/runs", { filters: { subject: "alchemy" } }, key()),
      "filters.subject",
    ],
    [
      "an unknown theme",
      () => student.post("/api/trainer/runs", { filters: { subject: SUBJECT, themes: ["nope"] } }, key()),
      "filters.themes.0",
    ],
    [
      "an unknown type",
      () => student.post("/api/trainer/runs", { filters: { subject: SUBJECT, types: ["essay"] } }, key()),
      "filters.types.0",
    ],
    [
      "a run without an Idempotency-Key",
      () => student.post("/api/trainer/runs", { filters: { subject: SUBJECT } }),
      "idempotency-key",
    ],
    [
      "an answer with neither choices nor text",
      () => answerTo(student, run.id, { questionId: run.current?.question.id }),
      "choices",
    ],
    [
      "an answer out of range",
      () => answerTo(student, run.id, { questionId: run.current?.question.id, choices: [7] }),
      "choices",
    ],
    [
      "two answers to a single choice",
      () => answerTo(student, run.id, { questionId: run.current?.question.id, choices: [0, 1] }),
      "choices",
    ],
    [
      "a typed answer to a choice",
      () => answerTo(student, run.id, { questionId: run.current?.question.id, text: "Растёт" }),
      "choices",
    ],
    ["a malformed question id", () => answerTo(student, run.id, { questionId: "../x", choices: [0] }), "questionId"],
    [
      "filters saved with a bad flag",
      () => student.send("PUT", "/api/trainer/me/filters", { subject: SUBJECT, onlyNew: "yes" }),
      "onlyNew",
    ],
  ])("%s", async (_, request, path) => {
    const before = await snapshot();
    const problem = problemOf(await request(), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await snapshot()).toEqual(before);
  });

  it("names the shape a refused id should have had, for a page to say in its own language", async () => {
    const subject = problemOf(
      await teacher.post("/api/trainer/subjects", { id: "Экономика 2", name: "Экономика", themes: [], sources: [] }),
      400,
    );
    expect(subject.errors).toContainEqual(
      expect.objectContaining({ path: "id", code: "invalid_format", format: "regex", pattern: "slug" }),
    );
    const question = problemOf(await answerTo(student, run.id, { questionId: "../x", choices: [0] }), 400);
    expect(question.errors).toContainEqual(expect.objectContaining({ path: "questionId", pattern: "id" }));
  });

  it("refuses a body that is not JSON, and a run id that cannot be one", async () => {
    const res = await student.send("POST", `/api/trainer/runs/${run.id}/answers`, "{not json");
    expect(res.status).toBe(400);
    expect(problemOf(await student.get("/api/trainer/runs/bad%20id"), 400).errors?.[0]?.path).toBe("id");
  });
});
