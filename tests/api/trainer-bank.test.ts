// The question bank for teachers: import with a validation report (nothing imported when any
// row is wrong), export to xlsx, subject statistics, broadcasts; and who may do these.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readXlsx, xlsxBytes } from "../../worker/lib/xlsx";
import type { Broadcast, ImportReport, SubjectStats } from "../../worker/trainer/contract";
import { type Client, newUser, ORIGIN, problemOf } from "./client";
import { answerCurrent, bankCsv, newStudent, newTeacher, startRun, subjectWithBank, THEMES } from "./trainer-helpers";

const SUBJECT = "economics-bank";
let teacher: Client;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  await subjectWithBank(teacher, SUBJECT);
});

const questions = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM trainer_question").first<{ n: number }>())?.n ?? 0;

const HEADER = "subject;type;text;options;correct;accepted;explanation;theme;source;without_paper;difficulty";
const importCsv = (...rows: string[]) =>
  teacher.post("/api/trainer/questions/import", { format: "csv", content: [HEADER, ...rows].join("\n") });

describe("importing a question bank", () => {
  const good = `${SUBJECT};single;Новый вопрос о рынке?;Да|Нет;1;;Потому что.;${THEMES[0]};;yes;2`;

  it.each([
    ["a wrong type", `${SUBJECT};choice;Вопрос А?;Да|Нет;1;;;;;no;2`, "type"],
    ["a missing right answer", `${SUBJECT};single;Вопрос Б?;Да|Нет;;;;;;no;2`, "correct"],
    ["an answer number out of range", `${SUBJECT};single;Вопрос В?;Да|Нет;3;;;;;no;2`, "correct"],
    ["two right answers to a single choice", `${SUBJECT};single;Вопрос Г?;Да|Нет|Может;1,2;;;;;no;2`, "correct"],
    ["six answers", `${SUBJECT};single;Вопрос Д?;1|2|3|4|5|6;1;;;;;no;2`, "options"],
    ["an open question without accepted answers", `${SUBJECT};open;Вопрос Е?;;;;;;;no;2`, "accepted"],
    ["an unknown theme", `${SUBJECT};single;Вопрос Ж?;Да|Нет;1;;;Астрология;;no;2`, "theme"],
    ["an unknown subject", `alchemy;single;Вопрос З?;Да|Нет;1;;;;;no;2`, "subject"],
    [
      "a question already in the bank",
      `${SUBJECT};single;Как называется рынок с одним продавцом?;Да|Нет;1;;;;;no;2`,
      "text",
    ],
    ["a bad difficulty", `${SUBJECT};single;Вопрос И?;Да|Нет;1;;;;;no;9`, "difficulty"],
    ["a bad without_paper", `${SUBJECT};single;Вопрос К?;Да|Нет;1;;;;;maybe;2`, "without_paper"],
  ])("refuses %s, names its row and column, and imports nothing", async (_, row, column) => {
    const before = await questions();
    const problem = problemOf(await importCsv(good, row), 400);
    const report = problem.report as ImportReport;
    expect(report.imported).toBe(0);
    expect(report.errors).toContainEqual(expect.objectContaining({ row: 3, column }));
    expect(problem.errors?.[0]?.path).toBe(`rows.3.${column}`);
    expect(await questions()).toBe(before);
  });

  it("refuses the same question twice in one file (whatever its case and spaces)", async () => {
    const problem = problemOf(await importCsv(good, good.replace("Новый вопрос", "новый  вопрос")), 400);
    expect((problem.report as ImportReport).errors).toEqual([
      { row: 3, column: "text", message: "The same question as row 2." },
    ]);
  });

  it("refuses a file without the needed columns, and unreadable xlsx", async () => {
    const problem = problemOf(
      await teacher.post("/api/trainer/questions/import", { format: "csv", content: "a;b\n1;2" }),
      400,
    );
    expect((problem.report as ImportReport).errors.map((e) => e.column)).toEqual(["subject", "type", "text"]);
    const broken = problemOf(
      await teacher.post("/api/trainer/questions/import", { format: "xlsx", content: "bm90IHppcA==" }),
      400,
    );
    expect(broken.errors?.[0]?.path).toBe("content");
  });

  it("imports an xlsx sheet as it imports CSV", async () => {
    const rows = bankCsv(SUBJECT)
      .split("\n")
      .map((line) => line.split(";"))
      .map((cells, i) => (i === 0 ? cells : cells.map((c, j) => (j === 2 ? `${c} (xlsx)` : c))));
    const bytes = await xlsxBytes([{ name: "Bank", rows }]);
    const content = btoa(String.fromCharCode(...bytes));
    const res = await teacher.post("/api/trainer/questions/import", { format: "xlsx", content });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 5, errors: [] });
  });
});

describe("who may keep the bank", () => {
  it("refuses students and strangers", async () => {
    const { client } = await newUser();
    problemOf(await client.post("/api/trainer/subjects", { id: "x", name: "X" }), 403);
    problemOf(await client.post("/api/trainer/questions/import", { format: "csv", content: HEADER }), 403);
    problemOf(await client.get("/api/trainer/questions/export"), 403);
    problemOf(await client.post("/api/trainer/broadcasts", { text: "hi" }, { "idempotency-key": "k" }), 403);
  });
});

describe("exports and statistics", () => {
  it("exports the bank (with its counters) and the students' figures as xlsx, also several at once", async () => {
    const { client } = await newStudent([SUBJECT]);
    await answerCurrent(client, await startRun(client, { subject: SUBJECT }), true);
    const cookie = teacher.cookieHeader();
    const fetchXlsx = async (path: string) => {
      const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { cookie } }));
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      return readXlsx(new Uint8Array(await res.arrayBuffer()));
    };
    const [bank, students, again] = await Promise.all([
      fetchXlsx(`/api/trainer/questions/export?subject=${SUBJECT}`),
      fetchXlsx("/api/trainer/stats/export"),
      fetchXlsx("/api/trainer/stats/export"),
    ]);
    expect(bank[0]?.slice(0, 3)).toEqual(["subject", "type", "text"]);
    expect(bank.length).toBeGreaterThanOrEqual(6);
    const answered = bank[0]?.indexOf("answered") ?? -1;
    expect(bank.slice(1).reduce((n, row) => n + Number(row[answered]), 0)).toBe(1);
    expect(students[0]).toContain("last_active_at");
    expect(again).toEqual(students);
  });

  it("ranks a subject's questions by hardness from their counters", async () => {
    const stats = (await teacher.get(`/api/trainer/subjects/${SUBJECT}/stats`)).body as SubjectStats;
    expect(stats.questions.length).toBeGreaterThanOrEqual(5);
    const hardness = stats.questions.map((q) => q.hardness);
    expect([...hardness].sort((a, b) => b - a)).toEqual(hardness);
  });
});

describe("broadcasts", () => {
  it("records one message per student and channel, once per Idempotency-Key, with progress", async () => {
    const region = `Регион-${crypto.randomUUID().slice(0, 6)}`;
    const a = await newStudent([SUBJECT]);
    const b = await newStudent([SUBJECT]);
    for (const s of [a, b]) {
      await env.DB.prepare("UPDATE trainer_student SET region = ? WHERE id = ?").bind(region, s.student.id).run();
    }
    const key = crypto.randomUUID();
    const body = { text: "Завтра пробный тур!", audience: { subject: SUBJECT, region } };
    const first = await teacher.post("/api/trainer/broadcasts", body, { "idempotency-key": key });
    expect(first.status).toBe(201);
    const sent = first.body as Broadcast;
    expect(sent.recipients).toBe(2);
    const again = await teacher.post("/api/trainer/broadcasts", body, { "idempotency-key": key });
    expect(again.status).toBe(200);
    expect((again.body as Broadcast).id).toBe(sent.id);
    problemOf(
      await teacher.post("/api/trainer/broadcasts", { ...body, text: "Другое" }, { "idempotency-key": key }),
      422,
    );
    const messages = await env.DB.prepare("SELECT COUNT(*) AS n FROM notification WHERE topic = ?")
      .bind(`trainer-broadcast:${sent.id}`)
      .first<{ n: number }>();
    expect(messages?.n).toBe(2);
    const progress = (await teacher.get(`/api/trainer/broadcasts/${sent.id}`)).body as Broadcast;
    expect(progress.progress.queued + progress.progress.delivered + progress.progress.failed).toBe(2);
  });

  it("refuses an empty text or an unknown subject, and records nothing", async () => {
    const before = (await env.DB.prepare("SELECT COUNT(*) AS n FROM trainer_broadcast").first<{ n: number }>())?.n;
    const empty = problemOf(
      await teacher.post("/api/trainer/broadcasts", { text: " " }, { "idempotency-key": "a" }),
      400,
    );
    expect(empty.errors?.[0]?.path).toBe("text");
    problemOf(
      await teacher.post(
        "/api/trainer/broadcasts",
        { text: "x", audience: { subject: "alchemy" } },
        { "idempotency-key": "b" },
      ),
      400,
    );
    problemOf(await teacher.post("/api/trainer/broadcasts", { text: "x" }), 400);
    const after = (await env.DB.prepare("SELECT COUNT(*) AS n FROM trainer_broadcast").first<{ n: number }>())?.n;
    expect(after).toBe(before);
  });
});
