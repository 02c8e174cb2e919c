// Helpers of the trainer tests: a teacher (the `teacher` role, not an admin), a subject with its bank imported through
// the real API, students registered through it, runs and answers.
import { env } from "cloudflare:workers";
import type { AnswerResult, Contest, PersonalPage, Run, Subject } from "../../worker/trainer/contract";
import { type Client, newUser, type Sent } from "./client";
import { grant } from "./grants";

export async function newTeacher() {
  const teacher = await newUser("Татьяна Учителева");
  await grant(teacher.id, "teacher");
  return teacher;
}

function expectStatus(res: Sent, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const THEMES = ["Спрос и предложение", "Эластичность", "Монополия"];
export const SOURCES = ["ВсОШ, региональный этап, 2024"];

/** Five questions: single, multiple and open, across themes; all solvable without paper but the last. */
export function bankCsv(subject: string, count = 5): string {
  const rows = [
    "subject;type;text;options;correct;accepted;explanation;theme;source;without_paper;difficulty",
    `${subject};single;Что происходит с **спросом** при росте дохода (нормальное благо)?;Растёт|Падает|Не меняется;1;;Для нормального блага спрос растёт с доходом.;Спрос и предложение;ВсОШ, региональный этап, 2024;yes;2`,
    `${subject};multiple;Какие рынки — олигополии?;Сотовая связь|Рынок пшеницы|Авиаперевозки;1,3;;Мало продавцов, барьеры входа.;Монополия;;yes;3`,
    `${subject};open;Эластичность спроса по цене равна −2, цена выросла на 1%. На сколько процентов упадёт спрос?;;;2|2%|2 %;|ΔQ%| = |E|·ΔP% = 2.;Эластичность;;yes;2`,
    `${subject};open;Как называется рынок с одним продавцом?;;;монополия|чистая монополия;Один продавец — монополия.;Монополия;;yes;1`,
    `${subject};single;Q = 10 − P, P = 4. Выручка?;24|40|6;1;;P·Q = 4·6 = 24.;Эластичность;;no;2`,
  ];
  return rows.slice(0, count + 1).join("\n");
}

/** A subject with themes and sources, and its bank imported; the subject as the API lists it. */
export async function subjectWithBank(teacher: Client, id: string, count = 5): Promise<Subject> {
  const subject = expectStatus(
    await teacher.post("/api/trainer/subjects", { id, name: `Экономика (${id})`, themes: THEMES, sources: SOURCES }),
    200,
    "defining a subject",
  ) as Subject;
  expectStatus(
    await teacher.post("/api/trainer/questions/import", { format: "csv", content: bankCsv(id, count) }),
    200,
    "importing a bank",
  );
  return subject;
}

export const profile = (subjects: string[] = []) => ({
  surname: "Иванова",
  name: "Мария",
  patronymic: "Петровна",
  email: `maria-${crypto.randomUUID().slice(0, 6)}@example.com`,
  region: "Москва",
  school: "Школа № 57",
  grade: 10,
  subjects,
});

export async function newStudent(subjects: string[] = []) {
  const user = await newUser("Мария Иванова");
  const page = expectStatus(
    await user.client.post("/api/trainer/students", profile(subjects)),
    201,
    "registering a student",
  ) as PersonalPage;
  return { ...user, student: page.student };
}

export async function startRun(client: Client, filters: Record<string, unknown>, key = crypto.randomUUID()) {
  return expectStatus(
    await client.post("/api/trainer/runs", { filters }, { "idempotency-key": key }),
    201,
    "starting a run",
  ) as Run;
}

export const answerTo = (client: Client, runId: string, body: Record<string, unknown>) =>
  client.post(`/api/trainer/runs/${runId}/answers`, body);

/** The right answer to the run's current question, as the API takes it (read from the bank file). */
export function rightAnswer(run: Run): Record<string, unknown> {
  const question = run.current?.question;
  if (!question) throw new Error("The run has no current question.");
  const known: Record<string, Record<string, unknown>> = {
    Растёт: { choices: [0] },
    "Сотовая связь": { choices: [0, 2] },
    "24": { choices: [0] },
  };
  if (question.type === "open") {
    return { text: question.text.includes("одним продавцом") ? "  МОНОПОЛИЯ " : "2" };
  }
  const answer = known[question.options[0] ?? ""];
  if (!answer) throw new Error(`No right answer known for ${question.text}`);
  return answer;
}

export const wrongAnswer = (run: Run): Record<string, unknown> =>
  run.current?.question.type === "open" ? { text: "не знаю" } : { choices: [1] };

/** Answers the current question (right unless told), then reads the run on. */
export async function answerCurrent(
  client: Client,
  run: Run,
  right = true,
): Promise<{ result: AnswerResult; run: Run }> {
  const question = run.current?.question;
  if (!question) throw new Error("The run has no current question.");
  const res = await answerTo(client, run.id, {
    questionId: question.id,
    ...(right ? rightAnswer(run) : wrongAnswer(run)),
  });
  const result = expectStatus(res, 200, "answering") as AnswerResult;
  const next = expectStatus(await client.get(`/api/trainer/runs/${run.id}`), 200, "reading the run") as Run;
  return { result, run: next };
}

/** A contest of the subject's questions, running from a second ago for 30 minutes unless told. */
export async function createContest(teacher: Client, subject: string, fields: Record<string, unknown> = {}) {
  return expectStatus(
    await teacher.post("/api/trainer/contests", {
      subject,
      title: "Пробный тур",
      startsAt: new Date(Date.now() - 1000).toISOString(),
      durationMinutes: 30,
      questionCount: 5,
      ...fields,
    }),
    201,
    "creating a contest",
  ) as Contest;
}

/** The first single-choice question of a started contest, and the index of its right answer. */
export async function singleOf(contest: Contest) {
  const question = contest.questions?.find((q) => q.type === "single");
  if (!question) throw new Error("no single-choice question in the contest");
  const row = await env.DB.prepare("SELECT correct FROM trainer_question WHERE id = ?")
    .bind(question.id)
    .first<{ correct: string }>();
  return { question, right: (JSON.parse(row?.correct ?? "[0]") as number[])[0] ?? 0 };
}

/** A real 1×1 PNG, for a question's picture. */
export const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
