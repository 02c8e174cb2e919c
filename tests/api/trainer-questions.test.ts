// The question bank's editor: a teacher adds and edits one question at a time, checked by the
// import's rules; bad input is refused naming the field and writes nothing; only teachers (and
// admins) keep the bank.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { BankQuestion, BankQuestionList, Subject } from "../../worker/trainer/contract";
import { Client, newUser, problemOf } from "./client";
import { grant } from "./grants";
import { createContest, newStudent, newTeacher, subjectWithBank } from "./trainer-helpers";

const SUBJECT = "economics-editor";
let teacher: Client;
let subject: Subject;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  subject = await subjectWithBank(teacher, SUBJECT);
});

const questionRows = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM trainer_question").first()) ?? {};

const draft = (fields: Record<string, unknown> = {}) => ({
  subject: SUBJECT,
  type: "single",
  text: `Что такое **альтернативные издержки**? ${crypto.randomUUID().slice(0, 6)}`,
  options: ["Ценность лучшей упущенной возможности", "Бухгалтерские издержки"],
  correct: [0],
  explanation: "Это *ценность* лучшей из упущенных альтернатив.",
  themeId: subject.themes[0]?.id,
  sourceId: subject.sources[0]?.id,
  withoutPaper: true,
  difficulty: 2,
  ...fields,
});

async function created(fields: Record<string, unknown> = {}): Promise<BankQuestion> {
  const res = await teacher.post("/api/trainer/questions", draft(fields));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as BankQuestion;
}

describe("adding and editing one question", () => {
  it("adds a question with every field, renders its Markdown safely, and lists it for the editor", async () => {
    const question = await created({ text: "Что такое **спрос**? <script>alert(1)</script>" });
    expect(question).toMatchObject({
      subject: SUBJECT,
      type: "single",
      correct: [0],
      themeId: subject.themes[0]?.id,
      sourceId: subject.sources[0]?.id,
      withoutPaper: true,
      difficulty: 2,
      picture: null,
      totalCount: 0,
    });
    expect(question.html).toContain("<strong>спрос</strong>");
    expect(question.html).not.toContain("<script>");
    expect(question.explanationHtml).toContain("<em>ценность</em>");
    const listed = (await teacher.get(`/api/trainer/questions?subject=${SUBJECT}`)).body as BankQuestionList;
    expect(listed.items.map((q) => q.id)).toContain(question.id);
    expect((await teacher.get(`/api/trainer/questions/${question.id}`)).body).toEqual(question);
  });

  it("edits a question into an open one, normalising its accepted answers, and keeps its counters", async () => {
    const question = await created();
    await env.DB.prepare("UPDATE trainer_question SET total_count = 7, correct_count = 3 WHERE id = ?")
      .bind(question.id)
      .run();
    const res = await teacher.send("PUT", `/api/trainer/questions/${question.id}`, {
      ...draft({ text: "Как называются ёмкие издержки?", themeId: null, sourceId: null }),
      type: "open",
      options: [],
      correct: [],
      accepted: ["  Альтернативные  ИЗДЕРЖКИ ", "Вменённые"],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: question.id,
      type: "open",
      options: [],
      correct: [],
      accepted: ["альтернативные издержки", "вмененные"],
      themeId: null,
      totalCount: 7,
      correctCount: 3,
    });
  });

  it("a question added in the editor can be put in a contest at once", async () => {
    const question = await created();
    const contest = await createContest(teacher, SUBJECT, { questionIds: [question.id], questionCount: undefined });
    expect(contest.questions?.map((q) => q.id)).toEqual([question.id]);
  });
});

describe("bad input is refused, naming the field, and writes nothing", () => {
  it.each([
    ["a missing text", { text: undefined }, "text"],
    ["an unknown type", { type: "choice" }, "type"],
    ["one answer to choose from", { options: ["Да"] }, "options"],
    ["six answers", { options: ["1", "2", "3", "4", "5", "6"] }, "options"],
    ["a right answer out of range", { correct: [2] }, "correct"],
    ["two right answers to a single choice", { options: ["А", "Б", "В"], correct: [0, 1] }, "correct"],
    ["no right answer", { correct: [] }, "correct"],
    ["an open question without accepted answers", { type: "open", options: [], correct: [] }, "accepted"],
    ["an open question with answers to choose from", { type: "open", accepted: ["да"] }, "options"],
    ["a theme of another subject", { themeId: "no-such-theme" }, "themeId"],
    ["a source of another subject", { sourceId: "no-such-source" }, "sourceId"],
    ["an unknown subject", { subject: "alchemy", themeId: null, sourceId: null }, "subject"],
    ["a difficulty of 9", { difficulty: 9 }, "difficulty"],
    ["a without-paper flag that is not a flag", { withoutPaper: "yes" }, "withoutPaper"],
  ])("refuses %s when adding (400 naming %s)", async (_, fields, path) => {
    const before = await questionRows();
    const problem = problemOf(await teacher.post("/api/trainer/questions", draft(fields)), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await questionRows()).toEqual(before);
  });

  it("refuses a bad edit naming the field, and the question stays as it was", async () => {
    const question = await created();
    const before = await questionRows();
    const problem = problemOf(
      await teacher.send("PUT", `/api/trainer/questions/${question.id}`, draft({ correct: [5] })),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(["correct"]);
    const moved = problemOf(
      await teacher.send("PUT", `/api/trainer/questions/${question.id}`, draft({ subject: "economics-other" })),
      400,
    );
    expect(moved.errors?.map((e) => e.path)).toEqual(["subject"]);
    expect(await questionRows()).toEqual(before);
    expect((await teacher.get(`/api/trainer/questions/${question.id}`)).body).toEqual(question);
  });

  it("refuses the same question twice in a subject (409 naming the text), when adding and when editing", async () => {
    const first = await created();
    const second = await created();
    const again = problemOf(
      await teacher.post("/api/trainer/questions", draft({ text: ` ${first.text.toUpperCase()} ` })),
      409,
    );
    expect(again).toMatchObject({ reason: "duplicate", errors: [expect.objectContaining({ path: "text" })] });
    problemOf(await teacher.send("PUT", `/api/trainer/questions/${second.id}`, draft({ text: first.text })), 409);
    expect(((await teacher.get(`/api/trainer/questions/${second.id}`)).body as BankQuestion).text).toBe(second.text);
  });

  it("answers 404 for a question that does not exist", async () => {
    problemOf(await teacher.get("/api/trainer/questions/no-such-question"), 404);
    problemOf(await teacher.send("PUT", "/api/trainer/questions/no-such-question", draft()), 404);
  });
});

describe("the editor's API in OpenAPI", () => {
  it("documents the question routes and the picture upload's media types", async () => {
    const doc = (await teacher.get("/api/openapi.json")).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    expect(Object.keys(doc.paths["/api/trainer/questions"] ?? {})).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/trainer/questions/{id}"] ?? {})).toEqual(expect.arrayContaining(["get", "put"]));
    const upload = doc.paths["/api/trainer/questions/{id}/picture"]?.put;
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(["image/png", "image/jpeg", "image/webp"]);
    expect(doc.paths["/api/trainer/questions/{id}/picture/{file}"]?.get).toBeDefined();
  });
});

describe("who keeps the bank", () => {
  it("a teacher and an admin may; a student may not (403), nor a stranger (401)", async () => {
    const admin = await newUser("Админ");
    await grant(admin.id, "admin");
    expect((await admin.client.post("/api/trainer/questions", draft())).status).toBe(201);
    expect((await teacher.get(`/api/trainer/questions?subject=${SUBJECT}`)).status).toBe(200);

    const { client: student } = await newStudent([SUBJECT]);
    const question = await created();
    const before = await questionRows();
    problemOf(await student.post("/api/trainer/questions", draft()), 403);
    problemOf(await student.send("PUT", `/api/trainer/questions/${question.id}`, draft()), 403);
    problemOf(await student.get(`/api/trainer/questions?subject=${SUBJECT}`), 403);
    problemOf(await student.get(`/api/trainer/questions/${question.id}`), 403);
    problemOf(await student.post("/api/trainer/contests", { subject: SUBJECT, title: "Мой тур" }), 403);
    const stranger = new Client();
    problemOf(await stranger.post("/api/trainer/questions", draft()), 401);
    expect(await questionRows()).toEqual(before);
  });
});
