// The Telegram adapter through its webhook: real Update payloads posted to /api/trainer/telegram,
// the Bot API calls it makes caught where they leave the Worker (the one stand-in: Telegram's
// server, unreachable here). The same scenario through the bot and through REST ends in the same
// state; a run started on the web goes on in the bot.
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LinkCode, Run } from "../../worker/trainer/contract";
import { ORIGIN } from "./client";
import { answerCurrent, newStudent, newTeacher, startRun, subjectWithBank } from "./trainer-helpers";

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
let calls: BotCall[] = [];
let update = 1000;

beforeAll(async () => {
  const teacher = await newTeacher();
  await subjectWithBank(teacher.client, SUBJECT);
  settings.TELEGRAM_BOT_TOKEN = "123456:test-token";
  settings.TELEGRAM_WEBHOOK_SECRET = SECRET;
  settings.TELEGRAM_API_ROOT = API_ROOT;
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
});

beforeEach(() => {
  calls = [];
});

const from = (userId: number) => ({ id: userId, is_bot: false, first_name: "Маша", language_code: "ru" });
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

describe("one student on two platforms", () => {
  it("links the bot with a code from the web, and continues a web run in the bot where it stopped", async () => {
    const telegramId = 7003;
    const web = await newStudent([SUBJECT]);
    const code = (await web.client.post("/api/trainer/me/link-code")).body as LinkCode;
    expect((await send(telegramId, `/link ${code.code.toLowerCase()}`))[0]).toContain("привязан");
    expect((await send(7004, `/link ${code.code}`))[0]).toContain("expired");

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

describe("contests in the bot", () => {
  it("lists the contests not yet over, each with its page on the web", async () => {
    const teacher = await newTeacher();
    const title = `Тур ${crypto.randomUUID().slice(0, 6)}`;
    const res = await teacher.client.post("/api/trainer/contests", {
      subject: SUBJECT,
      title,
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationMinutes: 60,
      questionCount: 3,
    });
    expect(res.status).toBe(201);
    const [reply] = await send(7009, "/contest");
    expect(reply).toContain(title);
    expect(reply).toContain(`/trainer/contests/${(res.body as { id: string }).id}`);
  });
});

describe("the bot turned off", () => {
  it("answers 404 at the webhook and says how to turn it on", async () => {
    const token = settings.TELEGRAM_BOT_TOKEN;
    settings.TELEGRAM_BOT_TOKEN = undefined;
    try {
      expect((await post(messageUpdate(1, "/start"))).status).toBe(404);
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
