// The Telegram adapter: grammY handlers that turn updates into the same use cases the REST API
// calls, and their views into messages in the person's language. No rule of the trainer lives
// here: only the dialogue (which question the bot is asking) and the keyboards. Contests and the
// language have modules of their own (contests.ts, language.ts).
import { Bot, InlineKeyboard } from "grammy";
import { Problem } from "../../lib/problem";
import { requireStudent } from "../cross-cutting";
import type { TrainerDeps } from "../deps";
import { anyQuestionOf, type Filters } from "../rules";
import { trainer } from "../use-cases";
import type { RunView } from "../use-cases/views";
import type { D1Chats } from "./chats";
import { contestHandlers } from "./contests";
import { accountOf, type BotContext, chatIdOf, givenFromText, notice, sendPicture } from "./context";
import { languageHandlers } from "./language";
import type { TelegramSettings } from "./settings";
import {
  answerText,
  languageOfTelegram,
  refusalText,
  runFinishedText,
  runQuestionText,
  startText,
  statsText,
  TEXTS,
  type Texts,
} from "./texts";

const GRADES = [5, 6, 7, 8, 9, 10, 11];

const mainKeyboard = (t: Texts) =>
  new InlineKeyboard()
    .text(t.train, "train")
    .text(t.stats, "stats")
    .text(t.filters, "filters")
    .row()
    .text(t.contests, "contests")
    .text(t.language, "language");

/** `siteUrl`: where the web app is, for links to what the bot cannot show (a contest's live ranking). */
export function createBot(
  settings: TelegramSettings,
  deps: TrainerDeps,
  chats: D1Chats,
  siteUrl: string,
): Bot<BotContext> {
  const bot = new Bot<BotContext>(settings.token, {
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

  const studentOf = (ctx: BotContext) => requireStudent(deps.students, accountOf(ctx));

  // An update delivered again (Telegram retries a slow answer) is handled once. Claiming it also
  // reads where the chat stands and the language chosen there (else the Telegram app's).
  bot.use(async (ctx, next) => {
    const chat = await chats.claim(chatIdOf(ctx), ctx.update.update_id, Date.now());
    if (!chat) return;
    ctx.dialogue = chat;
    ctx.texts = TEXTS[chat.language ?? languageOfTelegram(ctx.from?.language_code)];
    await next();
  });

  // A refusal of a use case is told to the person; anything else fails the update (Telegram retries).
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof Problem) || error.status >= 500) throw error;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(refusalText(ctx.texts, error));
    }
  });

  bot.use(languageHandlers(chats));

  /** Puts the run's current question; a typed message answers it from now on (not a contest's). */
  async function showRun(ctx: BotContext, run: RunView) {
    if (ctx.dialogue.step === "contest") await chats.set(chatIdOf(ctx), { step: "idle", draft: {} }, Date.now());
    if (!run.current) {
      await ctx.reply(runFinishedText(ctx.texts, run));
      return;
    }
    const { position, question } = run.current;
    const keyboard =
      question.type === "single"
        ? new InlineKeyboard().add(
            ...question.options.map((_, i) => InlineKeyboard.text(String(i + 1), `answer:${run.id}:${position}:${i}`)),
          )
        : undefined;
    await sendPicture(ctx, siteUrl, question.picture);
    await ctx.reply(runQuestionText(ctx.texts, position, question), keyboard ? { reply_markup: keyboard } : {});
  }

  async function train(ctx: BotContext) {
    const student = await studentOf(ctx);
    const now = Date.now();
    const resumed = await trainer.resumeRun(deps, student, now);
    if (resumed) return showRun(ctx, resumed);
    if (!student.filters) return void (await ctx.reply(ctx.texts.noFilters));
    return showRun(ctx, await trainer.startRun(deps, student, undefined, `telegram:${ctx.update.update_id}`, now));
  }

  async function filtersMenu(ctx: BotContext) {
    const t = ctx.texts;
    const student = await studentOf(ctx);
    const page = await trainer.startPage(deps, student, Date.now());
    const keyboard = new InlineKeyboard();
    for (const subject of page.subjects) keyboard.text(subject.name, `subject:${subject.id}`).row();
    const mark = (on: boolean | undefined, text: string) => `${on ? "☑" : "☐"} ${text}`;
    keyboard
      .text(mark(student.filters?.withoutPaper, t.paper), "flag:withoutPaper")
      .row()
      .text(mark(student.filters?.onlyNew, t.onlyNew), "flag:onlyNew")
      .text(mark(student.filters?.onlyWrong, t.onlyWrong), "flag:onlyWrong");
    await ctx.reply(t.chooseSubject, { reply_markup: keyboard });
  }

  async function saveFilters(ctx: BotContext, filters: Filters) {
    const saved = await trainer.setFilters(deps, await studentOf(ctx), filters);
    const subject = (await deps.catalogue.subjects()).find((s) => s.id === saved.subject);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.texts.filtersSaved(subject?.name ?? saved.subject));
  }

  async function answerWith(
    ctx: BotContext,
    runId: string,
    position: number,
    given: { choices: number[] } | { text: string },
  ) {
    const account = accountOf(ctx);
    const run = await trainer.showRun(deps, account, runId, Date.now());
    if (run.current?.position !== position) return notice(ctx, ctx.texts.alreadyAnswered);
    const result = await trainer.answer(deps, account, runId, run.current.question.id, given, Date.now());
    if (ctx.callbackQuery) await ctx.answerCallbackQuery(result.repeated ? ctx.texts.alreadyAnswered : undefined);
    if (result.repeated) return;
    await ctx.reply(answerText(ctx.texts, result));
    await showRun(ctx, await trainer.showRun(deps, account, runId, Date.now()));
  }

  bot.command("start", async (ctx) => {
    const student = await deps.students.byAccount(accountOf(ctx));
    if (student) {
      const page = await trainer.startPage(deps, student, Date.now());
      await ctx.reply(startText(ctx.texts, page), { reply_markup: mainKeyboard(ctx.texts) });
      return;
    }
    await chats.set(chatIdOf(ctx), { step: "ask_name", draft: {} }, Date.now());
    await ctx.reply(ctx.texts.askName);
  });

  bot.command("link", async (ctx) => {
    try {
      const student = await trainer.linkTelegram(deps, ctx.match, String(ctx.from?.id ?? ""), Date.now());
      await ctx.reply(ctx.texts.linked(student.name));
    } catch (error) {
      // The one thing /link does not find is the code.
      if (!(error instanceof Problem) || error.status !== 404) throw error;
      await ctx.reply(ctx.texts.linkCodeInvalid);
    }
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
  const stats = async (ctx: BotContext) => {
    await ctx.reply(statsText(ctx.texts, await trainer.studentStats(deps, await studentOf(ctx), Date.now())));
  };
  bot.command("stats", stats);
  bot.callbackQuery("stats", async (ctx) => {
    await ctx.answerCallbackQuery();
    await stats(ctx);
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
    if (!student.filters) return void (await ctx.reply(ctx.texts.noFilters));
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

  async function takeGrade(ctx: BotContext, typed: string) {
    const chat = ctx.dialogue;
    const grade = Number(typed);
    if (chat.step !== "ask_grade") return;
    if (!Number.isInteger(grade) || grade < 1 || grade > 11) return void (await ctx.reply(ctx.texts.gradeInvalid));
    await chats.set(chatIdOf(ctx), { step: "ask_region", draft: { ...chat.draft, grade } }, Date.now());
    await ctx.reply(ctx.texts.askRegion);
  }

  bot.use(contestHandlers(deps, chats, siteUrl));

  bot.on("message:text", async (ctx) => {
    const t = ctx.texts;
    const chat = ctx.dialogue;
    const text = ctx.message.text.trim();
    if (chat.step === "ask_name") {
      const [surname, name, ...rest] = text.split(/\s+/);
      if (!surname || !name) return void (await ctx.reply(t.nameTooShort));
      const draft = { surname, name, patronymic: rest.join(" ") || null };
      await chats.set(chatIdOf(ctx), { step: "ask_grade", draft }, Date.now());
      const keyboard = new InlineKeyboard().add(...GRADES.map((g) => InlineKeyboard.text(String(g), `grade:${g}`)));
      return void (await ctx.reply(t.askGrade, { reply_markup: keyboard }));
    }
    if (chat.step === "ask_grade") return takeGrade(ctx, text);
    if (chat.step === "ask_region") {
      const draft = chat.draft as { surname: string; name: string; patronymic: string | null; grade: number };
      const profile = { ...draft, email: null, region: text.slice(0, 100), school: null, subjects: [] };
      const { student } = await trainer.register(deps, accountOf(ctx), profile, Date.now());
      await chats.set(chatIdOf(ctx), { step: "idle", draft: {} }, Date.now());
      return void (await ctx.reply(t.registered(student.name), { reply_markup: mainKeyboard(t) }));
    }
    // Anything else is an answer to the current question of the run where they stopped.
    const student = await studentOf(ctx);
    const run = await trainer.resumeRun(deps, student, Date.now());
    if (!run?.current) return void (await ctx.reply(t.noOpenRun));
    const { question, position } = run.current;
    const given = givenFromText(question.type, text);
    if (!given) return void (await ctx.reply(t.needDigits));
    return answerWith(ctx, run.id, position, given);
  });

  return bot;
}
