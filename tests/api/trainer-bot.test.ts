// The Telegram adapter through its webhook: real Update payloads posted to /api/trainer/telegram,
// the Bot API calls it makes caught where they leave the Worker (the one stand-in: Telegram's
// server, unreachable here). The same scenario through the bot and through REST ends in the same
// state; a run started on the web goes on in the bot; a contest played in the bot ends as one
// played through REST; the bot speaks the person's language.
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TEXTS } from "../../worker/trainer/bot/texts";
import type { Contest, LinkCode, Run } from "../../worker/trainer/contract";
import { type Client, newUser, ORIGIN, problemOf } from "./client";
import { grant } from "./grants";
import { answerCurrent, newStudent, newTeacher, PNG, startRun, subjectWithBank } from "./trainer-helpers";

const SUBJECT = "economics-bot";
const SECRET = "webhook-secret-for-tests";
const API_ROOT = "https://telegram.invalid";
const settings = env as unknown as Record<string, string | undefined>;
/** A chat whose person blocked the bot. */
const BLOCKED_CHAT = "7008";

interface BotCall {
  method: string;
  payload: Record<string, unknown>;
}
/** The bot's settings for this file, and what they were before it. */
const BOT_ON = {
  TELEGRAM_BOT_TOKEN: "123456:test-token",
  TELEGRAM_WEBHOOK_SECRET: SECRET,
  TELEGRAM_API_ROOT: API_ROOT,
};
const before = Object.fromEntries(Object.keys(BOT_ON).map((key) => [key, settings[key]]));
let calls: BotCall[] = [];
let update = 1000;
let teacher: Client;

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  await subjectWithBank(teacher, SUBJECT);
  Object.assign(settings, BOT_ON);
  const realFetch = globalThis.fetch;
  // Telegram's Bot API, answering as it does: {ok, result}.
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new Request(input, init).url;
    if (!url.startsWith(API_ROOT)) return realFetch(input, init);
    const method = url.split("/").at(-1) ?? "";
    const payload = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    calls.push({ method, payload });
    if (payload.chat_id === BLOCKED_CHAT) {
      return Response.json(
        { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
        { status: 403 },
      );
    }
    const result =
      method === "sendMessage"
        ? { message_id: calls.length, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text }
        : true;
    return Response.json({ ok: true, result });
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  // The files after this one share the runtime (scripts/test-workers.mjs): the bot is off again.
  Object.assign(settings, before);
});

beforeEach(() => {
  calls = [];
  languageCode = "ru";
});

/** The language of the person's Telegram app, sent with every update they make. */
let languageCode = "ru";
const from = (userId: number) => ({ id: userId, is_bot: false, first_name: "Маша", language_code: languageCode });
const chat = (userId: number) => ({ id: userId, type: "private", first_name: "Маша" });

function messageUpdate(userId: number, text: string) {
  const command = text.match(/^\/\w+/)?.[0];
  return {
    update_id: ++update,
    message: {
      message_id: update,
      date: Math.floor(Date.now() / 1000),
      chat: chat(userId),
      from: from(userId),
      text,
      ...(command && { entities: [{ type: "bot_command", offset: 0, length: command.length }] }),
    },
  };
}

function callbackUpdate(userId: number, data: string) {
  return {
    update_id: ++update,
    callback_query: {
      id: `cb-${update}`,
      from: from(userId),
      chat_instance: "1",
      data,
      message: { message_id: 1, date: 0, chat: chat(userId), text: "…" },
    },
  };
}

async function post(body: unknown, secret: string | null = SECRET) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/trainer/telegram`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
}

/** Posts an update and gives the texts the bot sent back. */
async function say(body: unknown): Promise<string[]> {
  calls = [];
  const res = await post(body);
  expect(res.status, await res.clone().text()).toBe(200);
  return calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
}

const send = (userId: number, text: string) => say(messageUpdate(userId, text));
const tap = (userId: number, data: string) => say(callbackUpdate(userId, data));

/** The last message's inline buttons' callback data. */
const buttons = () => {
  const last = calls.filter((c) => c.method === "sendMessage").at(-1);
  const markup = last?.payload.reply_markup as { inline_keyboard?: { callback_data: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
};

async function registerInBot(userId: number) {
  expect((await send(userId, "/start"))[0]).toContain("Как вас зовут");
  expect((await send(userId, "Петров Пётр Петрович"))[0]).toContain("классе");
  expect(buttons()).toContain("grade:10");
  expect((await tap(userId, "grade:10"))[0]).toContain("региона");
  expect((await send(userId, "Новосибирская область"))[0]).toContain("Готово, Пётр");
}

interface Pending {
  run_id: string;
  position: number;
  type: string;
  correct: string;
  accepted: string;
}

async function pendingOf(telegramId: number): Promise<Pending> {
  const row = await env.DB.prepare(
    `SELECT a.run_id, a.position, q.type, q.correct, q.accepted FROM trainer_answer a
     JOIN trainer_question q ON q.id = a.question_id JOIN trainer_student s ON s.id = a.student_id
     WHERE s.telegram_id = ? AND a.answered_at IS NULL`,
  )
    .bind(String(telegramId))
    .first<Pending>();
  if (!row) throw new Error(`No pending question for ${telegramId}.`);
  return row;
}

/** Answers the bot's current question the way a person would: a button, digits, or text. */
async function answerInBot(userId: number, right: boolean): Promise<string[]> {
  const p = await pendingOf(userId);
  const correct = JSON.parse(p.correct) as number[];
  const accepted = JSON.parse(p.accepted) as string[];
  if (p.type === "single") {
    const choice = right ? (correct[0] ?? 0) : ((correct[0] ?? 0) + 1) % 2;
    return tap(userId, `answer:${p.run_id}:${p.position}:${choice}`);
  }
  if (p.type === "multiple") return send(userId, right ? correct.map((c) => c + 1).join(" ") : "2");
  return send(userId, right ? (accepted[0] ?? "").toUpperCase() : "не знаю");
}

const studentRow = (where: string, value: string) =>
  env.DB.prepare(`SELECT id, answered_count, correct_count FROM trainer_student WHERE ${where} = ?`)
    .bind(value)
    .first<{ id: string; answered_count: number; correct_count: number }>();

describe("the webhook's guard", () => {
  it("refuses a wrong or missing secret token before reading the update", async () => {
    for (const secret of ["wrong", null]) {
      const res = await post(messageUpdate(1, "/start"), secret);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(calls).toEqual([]);
  });

  it("handles an update delivered twice once", async () => {
    const again = messageUpdate(7001, "/start");
    expect(await say(again)).toHaveLength(1);
    expect(await say(again)).toEqual([]);
  });
});

describe("the same scenario through the bot and through REST", () => {
  it("register, set filters, answer five questions (one wrong), see statistics: the same state", async () => {
    const telegramId = 7002;
    await registerInBot(telegramId);
    expect((await send(telegramId, "/filters"))[0]).toContain("Выберите предмет");
    expect(buttons()).toContain(`subject:${SUBJECT}`);
    expect((await tap(telegramId, `subject:${SUBJECT}`))[0]).toContain("Фильтры сохранены");
    expect((await send(telegramId, "/train"))[0]).toContain("Вопрос 1.");
    for (let i = 0; i < 5; i++) {
      const replies = await answerInBot(telegramId, i !== 2);
      expect(replies[0]).toContain(i !== 2 ? "Верно" : "Неверно");
    }
    const botStats = (await send(telegramId, "/stats"))[0];
    expect(botStats).toContain("Ответов: 5, верных: 4 (80%)");

    const web = await newStudent([SUBJECT]);
    let run = await startRun(web.client, { subject: SUBJECT });
    for (let i = 0; i < 5; i++) run = (await answerCurrent(web.client, run, i !== 2)).run;

    const viaBot = await studentRow("telegram_id", String(telegramId));
    const viaWeb = await studentRow("user_id", web.id);
    expect({ ...viaBot, id: undefined }).toEqual({ ...viaWeb, id: undefined });
    const runs = await env.DB.prepare(
      "SELECT status, answered_count, correct_count FROM trainer_run WHERE student_id IN (?, ?) ORDER BY student_id",
    )
      .bind(viaBot?.id, viaWeb?.id)
      .all();
    expect(runs.results).toHaveLength(2);
    expect(runs.results[0]).toEqual(runs.results[1]);
    expect(runs.results[0]).toEqual({ status: "finished", answered_count: 5, correct_count: 4 });
  });
});

describe("a question's picture", () => {
  it("goes before the question, as a photo Telegram fetches from the site", async () => {
    const subject = "economics-bot-picture";
    await subjectWithBank(teacher, subject, 1);
    const question = await env.DB.prepare("SELECT id FROM trainer_question WHERE subject_id = ?")
      .bind(subject)
      .first<{ id: string }>();
    const uploaded = await exports.default.fetch(
      new Request(`${ORIGIN}/api/trainer/questions/${question?.id}/picture`, {
        method: "PUT",
        headers: { "content-type": "image/png", cookie: teacher.cookieHeader() },
        body: PNG,
      }),
    );
    const { picture } = (await uploaded.json()) as { picture: string };
    expect(picture).toMatch(/^\/api\/trainer\/questions\/.+\.png$/);

    const telegramId = 7011;
    await registerInBot(telegramId);
    await send(telegramId, "/filters");
    await tap(telegramId, `subject:${subject}`);
    expect((await send(telegramId, "/train"))[0]).toContain("Вопрос 1.");
    expect(calls.map((c) => c.method)).toEqual(["sendPhoto", "sendMessage"]);
    expect(calls[0]?.payload.photo).toBe(`${env.SITE_URL}${picture}`);
  });
});

describe("one student on two platforms", () => {
  it("links the bot with a code from the web, and continues a web run in the bot where it stopped", async () => {
    const telegramId = 7003;
    const web = await newStudent([SUBJECT]);
    const code = (await web.client.post("/api/trainer/me/link-code")).body as LinkCode;
    expect((await send(telegramId, `/link ${code.code.toLowerCase()}`))[0]).toContain("привязан");
    expect((await send(7004, `/link ${code.code}`))[0]).toBe(TEXTS.ru.linkCodeInvalid);

    const run = await startRun(web.client, { subject: SUBJECT });
    await answerCurrent(web.client, run, true);
    expect((await send(telegramId, "/train"))[0]).toContain("Вопрос 2.");
    await answerInBot(telegramId, true);
    const current = (await web.client.get("/api/trainer/runs/current")).body as Run;
    expect(current).toMatchObject({ id: run.id, answeredCount: 2, correctCount: 2, current: { position: 3 } });
  });

  it("tells someone who has not registered to register, and counts a double tap once", async () => {
    expect((await send(7005, "/stats"))[0]).toContain("/start");
    const telegramId = 7006;
    await registerInBot(telegramId);
    await tap(telegramId, `subject:${SUBJECT}`);
    await send(telegramId, "/train");
    // Questions other than single choice are answered until a button question comes.
    let p = await pendingOf(telegramId);
    while (p.type !== "single") {
      await answerInBot(telegramId, true);
      p = await pendingOf(telegramId);
    }
    const before = (await studentRow("telegram_id", String(telegramId)))?.answered_count ?? 0;
    const data = `answer:${p.run_id}:${p.position}:0`;
    await Promise.all([tap(telegramId, data), tap(telegramId, data)]);
    expect((await studentRow("telegram_id", String(telegramId)))?.answered_count).toBe(before + 1);
  });
});

describe("broadcasts through the bot", () => {
  it("reaches students in their chat in the background, and stops writing to one who blocked the bot", async () => {
    const region = `Регион-${crypto.randomUUID().slice(0, 6)}`;
    for (const telegramId of [7007, Number(BLOCKED_CHAT)]) {
      await registerInBot(telegramId);
      await env.DB.prepare("UPDATE trainer_student SET region = ? WHERE telegram_id = ?")
        .bind(region, String(telegramId))
        .run();
    }
    const teacher = await newTeacher();
    const text = `Пробный тур завтра ${region}`;
    const res = await teacher.client.post(
      "/api/trainer/broadcasts",
      { text, audience: { region } },
      { "idempotency-key": crypto.randomUUID() },
    );
    expect(res.status).toBe(201);
    await vi.waitFor(
      async () => {
        const blocked = await env.DB.prepare("SELECT telegram_blocked_at FROM trainer_student WHERE telegram_id = ?")
          .bind(BLOCKED_CHAT)
          .first<{ telegram_blocked_at: number | null }>();
        expect(blocked?.telegram_blocked_at, "the blocked bot recorded").not.toBeNull();
        expect(
          calls.some((c) => c.payload.chat_id === "7007" && c.payload.text === text),
          "the message sent",
        ).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});

describe("the bot's language", () => {
  it("answers in the Telegram app's language: Russian for ru, English for anything else", async () => {
    languageCode = "en";
    expect(await send(7101, "/start")).toEqual([TEXTS.en.askName]);
    languageCode = "de";
    expect(await send(7102, "/start")).toEqual([TEXTS.en.askName]);
    languageCode = "ru-RU";
    expect(await send(7103, "/start")).toEqual([TEXTS.ru.askName]);
  });

  it("keeps the language a person chose over their app's, for every later update, mid-dialogue too", async () => {
    const telegramId = 7104;
    await send(telegramId, "/start");
    expect(await send(telegramId, "Петров Пётр")).toEqual([TEXTS.ru.askGrade]);
    expect(await send(telegramId, "/language")).toEqual([TEXTS.ru.chooseLanguage]);
    expect(buttons()).toEqual(["language:ru", "language:en"]);
    expect(await tap(telegramId, "language:en")).toEqual([TEXTS.en.languageSet]);
    // The registration goes on where it stopped, now in English, though the app still says ru.
    expect(await tap(telegramId, "grade:9")).toEqual([TEXTS.en.askRegion]);
    const [registered] = await send(telegramId, "Tomsk Oblast");
    expect(registered).toBe(TEXTS.en.registered("Пётр"));
    expect(buttons()).toContain("language");
    expect((await send(telegramId, "/stats"))[0]).toContain("Answers: 0, right: 0");
    expect(await tap(telegramId, "language:ru")).toEqual([TEXTS.ru.languageSet]);
    languageCode = "en";
    expect((await send(telegramId, "/start"))[0]).toBe(
      [TEXTS.ru.greeting("Пётр"), TEXTS.ru.figures(0, 0), TEXTS.ru.startHint].join("\n"),
    );
  });
});

interface BankQuestion {
  id: string;
  type: "single" | "multiple" | "open";
  correct: number[];
  accepted: string[];
}

/** The subject's questions with their answers, single choice first. */
async function bankOf(subject: string): Promise<BankQuestion[]> {
  const rows = await env.DB.prepare(
    `SELECT id, type, correct, accepted FROM trainer_question WHERE subject_id = ?
     ORDER BY CASE type WHEN 'single' THEN 0 ELSE 1 END, id`,
  )
    .bind(subject)
    .all<{ id: string; type: BankQuestion["type"]; correct: string; accepted: string }>();
  return rows.results.map((r) => ({ ...r, correct: JSON.parse(r.correct), accepted: JSON.parse(r.accepted) }));
}

/** A right or a wrong answer to the question, as the REST API takes it. */
function givenFor(q: BankQuestion, right: boolean): { choices: number[] } | { text: string } {
  if (q.type === "open") return { text: right ? (q.accepted[0] ?? "") : "не знаю" };
  if (q.type === "multiple") return { choices: right ? q.correct : [1] };
  return { choices: [right ? (q.correct[0] ?? 0) : ((q.correct[0] ?? 0) + 1) % 2] };
}

/** Answers the contest question the bot has just put as a person would: its button, or typed. */
function answerContestInBot(userId: number, q: BankQuestion, right: boolean): Promise<string[]> {
  const given = givenFor(q, right);
  if ("text" in given) return send(userId, given.text);
  if (q.type === "multiple") return send(userId, given.choices.map((c) => c + 1).join(" "));
  const button = buttons().find((b) => b.startsWith("ca:") && b.endsWith(`:${q.id}:${given.choices[0]}`));
  if (!button) throw new Error(`no button for ${q.id} among ${buttons().join(", ")}`);
  return tap(userId, button);
}

async function createContest(questions: BankQuestion[], fields: Record<string, unknown> = {}): Promise<Contest> {
  const res = await teacher.post("/api/trainer/contests", {
    subject: SUBJECT,
    title: `Тур ${crypto.randomUUID().slice(0, 6)}`,
    startsAt: new Date(Date.now() - 1000).toISOString(),
    durationMinutes: 30,
    questionIds: questions.map((q) => q.id),
    ...fields,
  });
  if (res.status !== 201) throw new Error(`creating a contest: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Contest;
}

async function rankingOf(contestId: string) {
  const contest = (await teacher.get(`/api/trainer/contests/${contestId}`)).body as Contest;
  return contest.ranking.standings.map(({ place, score, answered }) => ({ place, score, answered }));
}

/** A student on the web who joins the contest and answers its first questions (right or not). */
async function playThroughRest(contestId: string, answers: [BankQuestion, boolean][]) {
  const { client } = await newStudent([SUBJECT]);
  expect((await client.post(`/api/trainer/contests/${contestId}/join`)).status).toBe(200);
  for (const [q, right] of answers) {
    const res = await client.post(`/api/trainer/contests/${contestId}/answers`, {
      questionId: q.id,
      ...givenFor(q, right),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe("contests in the bot", () => {
  it("lists the contests one may join, each with its page on the web, and not those over", async () => {
    const bank = await bankOf(SUBJECT);
    const ahead = await createContest(bank, { startsAt: new Date(Date.now() + 3_600_000).toISOString() });
    const over = await createContest(bank, { startsAt: new Date(Date.now() - 3_600_000).toISOString() });
    const [reply] = await send(7009, "/contest");
    expect(reply).toContain(ahead.title);
    expect(reply).toContain(`/trainer/contests/${ahead.id}`);
    expect(reply).not.toContain(over.title);
    expect(buttons()).toContain(`contest:${ahead.id}`);
    expect(await tap(7009, `contest:${ahead.id}`)).toEqual([TEXTS.ru.refusals.not_registered]);
    await registerInBot(7009);
    expect(await tap(7009, `contest:${ahead.id}`)).toEqual([
      TEXTS.ru.contestWaiting(ahead.title, TEXTS.ru.when(ahead.startsAt)),
    ]);
  });

  it("played through the bot, ends as the same answers through REST: the same scores and ranking", async () => {
    const bank = await bankOf(SUBJECT);
    const answers = bank.map((q, i): [BankQuestion, boolean] => [q, i !== 2]);
    const [viaBot, viaRest] = [await createContest(bank), await createContest(bank)];
    // In each, a rival on the web who got the first question right before our student began.
    await playThroughRest(viaBot.id, answers.slice(0, 1));
    await playThroughRest(viaRest.id, answers.slice(0, 1));

    const telegramId = 7201;
    await registerInBot(telegramId);
    await send(telegramId, "/contest");
    expect(buttons()).toContain(`contest:${viaBot.id}`);
    expect((await tap(telegramId, `contest:${viaBot.id}`))[0]).toContain(`«${viaBot.title}»: вопрос 1 из 5.`);
    for (const [i, [q, right]] of answers.entries()) {
      const replies = await answerContestInBot(telegramId, q, right);
      expect(replies[0]).toContain(right ? TEXTS.ru.right : TEXTS.ru.wrong);
      if (i < 4) expect(replies[1]).toContain(`вопрос ${i + 2} из 5.`);
    }
    const done = calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.text;
    expect(done).toContain(TEXTS.ru.place({ place: 1, contestants: 2, score: 4 }));
    await playThroughRest(viaRest.id, answers);

    expect(await rankingOf(viaBot.id)).toEqual([
      { place: 1, score: 4, answered: 5 },
      { place: 2, score: 1, answered: 1 },
    ]);
    expect(await rankingOf(viaBot.id)).toEqual(await rankingOf(viaRest.id));
    expect(buttons()).toEqual([`contest-ranking:${viaBot.id}`]);
    expect((await tap(telegramId, `contest-ranking:${viaBot.id}`))[0]).toContain("1. Петров Пётр — 4");
  });

  it("counts a double tap, and Telegram delivering the same tap again, once", async () => {
    const bank = await bankOf(SUBJECT);
    const [first, second] = bank;
    if (first?.type !== "single" || second?.type !== "single") throw new Error("two single-choice questions first");
    const contest = await createContest(bank);
    const telegramId = 7202;
    await registerInBot(telegramId);
    await tap(telegramId, `contest:${contest.id}`);
    const rightButton = (q: BankQuestion) => buttons().find((b) => b.endsWith(`:${q.id}:${q.correct[0]}`)) ?? "";

    // One after the other: the second tap is told it was answered; Telegram's redelivery is ignored.
    const tapOnce = callbackUpdate(telegramId, rightButton(first));
    const tapTwice = callbackUpdate(telegramId, rightButton(first));
    expect((await say(tapOnce))[1]).toContain("вопрос 2 из 5.");
    const secondButton = rightButton(second);
    expect(await say(tapTwice)).toEqual([]);
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: TEXTS.ru.alreadyAnswered }) },
    ]);
    expect(await say(tapOnce)).toEqual([]);
    expect(calls).toEqual([]);

    // At the same moment: one of them moves the chat on to the next question.
    calls = [];
    const both = [callbackUpdate(telegramId, secondButton), callbackUpdate(telegramId, secondButton)];
    expect((await Promise.all(both.map((u) => post(u)))).map((r) => r.status)).toEqual([200, 200]);
    const sent = calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(sent.filter((text) => text.includes("вопрос 3 из 5."))).toHaveLength(1);
    expect(await rankingOf(contest.id)).toEqual([{ place: 1, score: 2, answered: 2 }]);
  });

  it("says in words that an answer after the end is refused by the contest's clock, and counts nothing", {
    timeout: 20_000,
  }, async () => {
    const bank = await bankOf(SUBJECT);
    const telegramId = 7203;
    await registerInBot(telegramId);
    // Started 56 s ago for one minute: joined now, it ends while the question is on the screen.
    const contest = await createContest(bank, {
      startsAt: new Date(Date.now() - 56_000).toISOString(),
      durationMinutes: 1,
    });
    expect((await tap(telegramId, `contest:${contest.id}`))[0]).toContain("вопрос 1 из 5.");
    const [first] = bank;
    const button = buttons().find((b) => b.endsWith(`:${first?.id}:${first?.correct[0]}`)) ?? "";
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(contest.endsAt) - Date.now()) + 200));
    expect(await tap(telegramId, button)).toEqual([TEXTS.ru.refusals.over]);
    expect(await rankingOf(contest.id)).toEqual([{ place: 1, score: 0, answered: 0 }]);
    // What they type now is no longer taken for an answer to the contest, but to their training.
    expect(await send(telegramId, "1")).toEqual([TEXTS.ru.noOpenRun]);
  });
});

describe("connecting the bot", () => {
  it("sets Telegram's webhook to this server with the secret, and the command menu in Russian and English", async () => {
    const admin = await newUser("Админ Бота");
    await grant(admin.id, "admin");
    const res = await admin.client.post("/api/trainer/bot/connect", {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const webhookUrl = `${env.SITE_URL}/api/trainer/telegram`;
    expect(res.body).toEqual({ webhookUrl, menus: ["ru", "en"] });
    expect(calls.find((c) => c.method === "setWebhook")?.payload).toMatchObject({
      url: webhookUrl,
      secret_token: SECRET,
    });
    const menus = calls.filter((c) => c.method === "setMyCommands").map((c) => c.payload);
    type Menu = { command: string; description: string }[];
    const menu = (language?: string) => menus.find((p) => p.language_code === language)?.commands as Menu | undefined;
    expect(menu("ru")).toContainEqual({ command: "train", description: TEXTS.ru.commands.train });
    expect(menu("en")).toContainEqual({ command: "contest", description: TEXTS.en.commands.contest });
    // Everyone else (no language of their own) gets the English menu.
    expect(menu(undefined)).toEqual(menu("en"));
    // The menu offers exactly the bot's commands.
    expect(
      menu("ru")
        ?.map((c) => c.command)
        .sort(),
    ).toEqual(["contest", "filters", "language", "link", "start", "stats", "train"]);
  });

  it("is an admin's: a teacher gets 403 and Telegram hears nothing", async () => {
    problemOf(await teacher.post("/api/trainer/bot/connect", {}), 403);
    expect(calls).toEqual([]);
  });
});

describe("the bot turned off", () => {
  it("answers 404 at the webhook and says how to turn it on", async () => {
    const token = settings.TELEGRAM_BOT_TOKEN;
    settings.TELEGRAM_BOT_TOKEN = undefined;
    try {
      expect((await post(messageUpdate(1, "/start"))).status).toBe(404);
      const admin = await newUser("Админ без бота");
      await grant(admin.id, "admin");
      expect(problemOf(await admin.client.post("/api/trainer/bot/connect", {}), 404).detail).toContain(
        "TELEGRAM_BOT_TOKEN",
      );
      const status = await exports.default.fetch(new Request(`${ORIGIN}/api/trainer/bot`));
      expect(await status.json()).toMatchObject({
        enabled: false,
        howToEnable: expect.stringContaining("TELEGRAM_BOT_TOKEN"),
      });
    } finally {
      settings.TELEGRAM_BOT_TOKEN = token;
    }
  });
});
