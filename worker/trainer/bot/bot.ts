// The Telegram adapter: grammY handlers that turn updates into the same use cases the REST API
// calls, and their views into messages. No rule of the trainer lives here: only the dialogue
// (which question the bot is asking) and the keyboards.
import { Bot, type Context, InlineKeyboard } from "grammy";
import { Problem } from "../../lib/problem";
import { requireStudent } from "../cross-cutting";
import type { TrainerDeps } from "../deps";
import type { Account } from "../ports";
import { anyQuestionOf, type Filters } from "../rules";
import { trainer } from "../use-cases";
import type { RunView } from "../use-cases/views";
import type { D1Chats } from "./chats";
import type { TelegramSettings } from "./settings";
import { answerText, contestsText, questionText, startText, statsText, TEXTS } from "./texts";

const GRADES = [5, 6, 7, 8, 9, 10, 11];

const accountOf = (ctx: Context): Account => ({ kind: "telegram", telegramId: String(ctx.from?.id ?? "") });
const chatIdOf = (ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "");

const mainKeyboard = () =>
  new InlineKeyboard().text(TEXTS.train, "train").text(TEXTS.stats, "stats").text(TEXTS.filters, "filters");

/** `siteUrl`: where the web app is, for links to what the bot cannot show (a contest's live ranking). */
export function createBot(settings: TelegramSettings, deps: TrainerDeps, chats: D1Chats, siteUrl: string): Bot {
  const bot = new Bot(settings.token, {
    // Known from the token and configuration, so no getMe call is made before each update.
    botInfo: {
      id: Number(settings.token.split(":")[0]),
      is_bot: true,
      first_name: "Podium",
      username: settings.username,
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    client: { apiRoot: settings.apiRoot },
  });

  const studentOf = (ctx: Context) => requireStudent(deps.students, accountOf(ctx));

  // A refusal of a use case is told to the person; anything else fails the update (Telegram retries).
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof Problem) || error.status >= 500) throw error;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(error.slug === "trainer-not-registered" ? TEXTS.notRegistered : error.detail);
    }
  });

  // An update delivered again (Telegram retries a slow answer) is handled once.
  bot.use(async (ctx, next) => {
    if (await chats.claim(chatIdOf(ctx), ctx.update.update_id, Date.now())) await next();
  });

  async function showRun(ctx: Context, run: RunView) {
    if (!run.current) {
      await ctx.reply(TEXTS.runFinished(run));
      return;
    }
    const { position, question } = run.current;
    const keyboard =
      question.type === "single"
        ? new InlineKeyboard().add(
            ...question.options.map((_, i) => InlineKeyboard.text(String(i + 1), `answer:${run.id}:${position}:${i}`)),
          )
        : undefined;
    await ctx.reply(questionText(position, question), keyboard ? { reply_markup: keyboard } : {});
  }

  async function train(ctx: Context) {
    const student = await studentOf(ctx);
    const now = Date.now();
    const resumed = await trainer.resumeRun(deps, student, now);
    if (resumed) return showRun(ctx, resumed);
    if (!student.filters) return void (await ctx.reply(TEXTS.noFilters));
    return showRun(ctx, await trainer.startRun(deps, student, undefined, `telegram:${ctx.update.update_id}`, now));
  }

  async function filtersMenu(ctx: Context) {
    const student = await studentOf(ctx);
    const page = await trainer.startPage(deps, student, Date.now());
    const keyboard = new InlineKeyboard();
    for (const subject of page.subjects) keyboard.text(subject.name, `subject:${subject.id}`).row();
    const mark = (on: boolean | undefined, text: string) => `${on ? "☑" : "☐"} ${text}`;
    keyboard
      .text(mark(student.filters?.withoutPaper, TEXTS.paper), "flag:withoutPaper")
      .row()
      .text(mark(student.filters?.onlyNew, TEXTS.onlyNew), "flag:onlyNew")
      .text(mark(student.filters?.onlyWrong, TEXTS.onlyWrong), "flag:onlyWrong");
    await ctx.reply(TEXTS.chooseSubject, { reply_markup: keyboard });
  }

  async function saveFilters(ctx: Context, filters: Filters) {
    const saved = await trainer.setFilters(deps, await studentOf(ctx), filters);
    const subject = (await deps.catalogue.subjects()).find((s) => s.id === saved.subject);
    await ctx.answerCallbackQuery();
    await ctx.reply(TEXTS.filtersSaved(subject?.name ?? saved.subject));
  }

  async function answerWith(
    ctx: Context,
    runId: string,
    position: number,
    given: { choices: number[] } | { text: string },
  ) {
    const student = await studentOf(ctx);
    const run = await trainer.showRun(deps, student, runId, Date.now());
    if (run.current?.position !== position) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery(TEXTS.alreadyAnswered);
      else await ctx.reply(TEXTS.alreadyAnswered);
      return;
    }
    const result = await trainer.answer(deps, student, runId, run.current.question.id, given, Date.now());
    if (ctx.callbackQuery) await ctx.answerCallbackQuery(result.repeated ? TEXTS.alreadyAnswered : undefined);
    if (result.repeated) return;
    await ctx.reply(answerText(result));
    await showRun(ctx, await trainer.showRun(deps, student, runId, Date.now()));
  }

  bot.command("start", async (ctx) => {
    const student = await deps.students.byAccount(accountOf(ctx));
    if (student) {
      await ctx.reply(startText(await trainer.startPage(deps, student, Date.now())), { reply_markup: mainKeyboard() });
      return;
    }
    await chats.set(chatIdOf(ctx), { step: "ask_name", draft: {} }, Date.now());
    await ctx.reply(TEXTS.askName);
  });

  bot.command("link", async (ctx) => {
    const student = await trainer.linkTelegram(deps, ctx.match, String(ctx.from?.id ?? ""), Date.now());
    await ctx.reply(TEXTS.linked(student.name));
  });

  bot.command("train", train);
  bot.callbackQuery("train", async (ctx) => {
    await ctx.answerCallbackQuery();
    await train(ctx);
  });
  bot.command("filters", filtersMenu);
  bot.callbackQuery("filters", async (ctx) => {
    await ctx.answerCallbackQuery();
    await filtersMenu(ctx);
  });
  const stats = async (ctx: Context) => {
    await ctx.reply(statsText(await trainer.studentStats(deps, await studentOf(ctx), Date.now())));
  };
  bot.command("stats", stats);
  bot.callbackQuery("stats", async (ctx) => {
    await ctx.answerCallbackQuery();
    await stats(ctx);
  });
  bot.command("contest", async (ctx) => {
    const now = Date.now();
    const open = (await trainer.listContests(deps)).filter((c) => Date.parse(c.endsAt) > now);
    await ctx.reply(contestsText(open, siteUrl));
  });

  bot.callbackQuery(/^subject:(.+)$/, async (ctx) => {
    const student = await studentOf(ctx);
    const subject = ctx.match[1] ?? "";
    const kept = student.filters?.subject === subject ? student.filters : null;
    await saveFilters(ctx, {
      ...anyQuestionOf(subject),
      ...kept,
      subject,
      themes: kept?.themes ?? [],
      sources: kept?.sources ?? [],
    });
  });

  bot.callbackQuery(/^flag:(withoutPaper|onlyNew|onlyWrong)$/, async (ctx) => {
    const student = await studentOf(ctx);
    if (!student.filters) return void (await ctx.reply(TEXTS.noFilters));
    const flag = ctx.match[1] as "withoutPaper" | "onlyNew" | "onlyWrong";
    await saveFilters(ctx, { ...student.filters, [flag]: !student.filters[flag] });
  });

  bot.callbackQuery(/^answer:([A-Za-z0-9-]+):(\d+):(\d+)$/, (ctx) =>
    answerWith(ctx, ctx.match[1] ?? "", Number(ctx.match[2]), { choices: [Number(ctx.match[3])] }),
  );

  bot.callbackQuery(/^grade:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await takeGrade(ctx, ctx.match[1] ?? "");
  });

  async function takeGrade(ctx: Context, typed: string) {
    const chat = await chats.get(chatIdOf(ctx));
    const grade = Number(typed);
    if (chat.step !== "ask_grade") return;
    if (!Number.isInteger(grade) || grade < 1 || grade > 11) return void (await ctx.reply(TEXTS.gradeInvalid));
    await chats.set(chatIdOf(ctx), { step: "ask_region", draft: { ...chat.draft, grade } }, Date.now());
    await ctx.reply(TEXTS.askRegion);
  }

  bot.on("message:text", async (ctx) => {
    const chat = await chats.get(chatIdOf(ctx));
    const text = ctx.message.text.trim();
    if (chat.step === "ask_name") {
      const [surname, name, ...rest] = text.split(/\s+/);
      if (!surname || !name) return void (await ctx.reply(TEXTS.nameTooShort));
      const draft = { surname, name, patronymic: rest.join(" ") || null };
      await chats.set(chatIdOf(ctx), { step: "ask_grade", draft }, Date.now());
      const keyboard = new InlineKeyboard().add(...GRADES.map((g) => InlineKeyboard.text(String(g), `grade:${g}`)));
      return void (await ctx.reply(TEXTS.askGrade, { reply_markup: keyboard }));
    }
    if (chat.step === "ask_grade") return takeGrade(ctx, text);
    if (chat.step === "ask_region") {
      const draft = chat.draft as { surname: string; name: string; patronymic: string | null; grade: number };
      const profile = { ...draft, email: null, region: text.slice(0, 100), school: null, subjects: [] };
      const { student } = await trainer.register(deps, accountOf(ctx), profile, Date.now());
      await chats.set(chatIdOf(ctx), { step: "idle", draft: {} }, Date.now());
      return void (await ctx.reply(TEXTS.registered(student.name), { reply_markup: mainKeyboard() }));
    }
    // Anything else is an answer to the current question of the run where they stopped.
    const student = await studentOf(ctx);
    const run = await trainer.resumeRun(deps, student, Date.now());
    if (!run?.current) return void (await ctx.reply(TEXTS.noOpenRun));
    const { question, position } = run.current;
    if (question.type === "open") return answerWith(ctx, run.id, position, { text });
    const numbers = text.split(/[\s,;]+/).map(Number);
    if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return void (await ctx.reply(TEXTS.needDigits));
    return answerWith(ctx, run.id, position, { choices: numbers.map((n) => n - 1) });
  });

  return bot;
}
