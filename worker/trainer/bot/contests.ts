// The bot's contests: /contest lists those one may join; tapping one joins it and puts its
// questions one at a time (single choice as buttons, the others typed), each answer judged and
// timed by the contest's object through the same use cases as the REST API; after each answer
// the contestant's place. Only the dialogue lives here: which question the chat was last asked.
import { Composer, InlineKeyboard } from "grammy";
import { QUESTION_TYPES } from "../../db/trainer";
import { Problem } from "../../lib/problem";
import { requireStudent } from "../cross-cutting";
import type { TrainerDeps } from "../deps";
import type { Given, QuestionType } from "../rules";
import { trainer } from "../use-cases";
import type { ContestTurn } from "../use-cases/contest-play";
import type { D1Chats, Dialogue } from "./chats";
import { accountOf, type BotContext, chatIdOf, givenFromText, notice, sendPicture } from "./context";
import { contestQuestionText, contestStateText, contestsText, placeText, rankingText } from "./texts";

/** The contest question a chat was last asked: a typed message answers it. */
interface ContestCursor {
  contestId: string;
  position: number;
  questionId: string;
  type: QuestionType;
}

function cursorOf(dialogue: Dialogue): ContestCursor | null {
  const { contestId, position, questionId, type } = dialogue.draft;
  if (dialogue.step !== "contest" || typeof contestId !== "string" || typeof questionId !== "string") return null;
  if (typeof position !== "number" || !QUESTION_TYPES.some((t) => t === type)) return null;
  return { contestId, position, questionId, type: type as QuestionType };
}

/** Where the chat stands once this turn is shown: asked its question, or out of the contest. */
function dialogueOf(turn: ContestTurn): Dialogue {
  if (!turn.question) return { step: "idle", draft: {} };
  const { position, view } = turn.question;
  const cursor: ContestCursor = { contestId: turn.id, position, questionId: view.id, type: view.type };
  return { step: "contest", draft: { ...cursor } };
}

// Telegram keeps callback data to 64 bytes: `ca:` + a 12-character contest id, the position, a
// 36-character question id and the choice fit in 58.
const ANSWER = /^ca:([\w-]+):(\d+):([\w-]+):(\d+)$/;

export function contestHandlers(deps: TrainerDeps, chats: D1Chats, siteUrl: string): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const studentOf = (ctx: BotContext) => requireStudent(deps.students, accountOf(ctx));

  const rankingButton = (ctx: BotContext, id: string) =>
    new InlineKeyboard().text(ctx.texts.ranking, `contest-ranking:${id}`);

  /** Puts the turn's question, or says where the contestant stands when there is none to put. */
  async function showTurn(ctx: BotContext, turn: ContestTurn) {
    if (!turn.question) {
      await ctx.reply(contestStateText(ctx.texts, turn, siteUrl), { reply_markup: rankingButton(ctx, turn.id) });
      return;
    }
    const { position, view } = turn.question;
    const keyboard =
      view.type === "single"
        ? new InlineKeyboard().add(
            ...view.options.map((_, i) =>
              InlineKeyboard.text(String(i + 1), `ca:${turn.id}:${position}:${view.id}:${i}`),
            ),
          )
        : undefined;
    await sendPicture(ctx, siteUrl, view.picture);
    await ctx.reply(contestQuestionText(ctx.texts, turn, position, view), keyboard ? { reply_markup: keyboard } : {});
  }

  async function list(ctx: BotContext) {
    const contests = await trainer.joinableContests(deps, Date.now());
    const keyboard = new InlineKeyboard();
    for (const c of contests) keyboard.text(c.title, `contest:${c.id}`).row();
    await ctx.reply(contestsText(ctx.texts, contests, siteUrl), contests.length ? { reply_markup: keyboard } : {});
  }

  /**
   * Sends the answer to the contest's object (which refuses it after the end, by its clock), then
   * moves the chat to the next question. Of two taps on the same button (or a stale button), only
   * the one that moves the chat on shows the next question; the other is told its verdict.
   */
  async function answer(
    ctx: BotContext,
    at: { contestId: string; position: number; questionId: string },
    given: Given,
  ) {
    const t = ctx.texts;
    const student = await studentOf(ctx);
    const result = await trainer
      .answerContest(deps, student, at.contestId, at.questionId, given)
      .catch(async (error) => {
        // Once the contest is over, what the person types goes to their training again.
        if (error instanceof Problem && error.extra.reason === "over") {
          await chats.advanceContest(chatIdOf(ctx), at, { step: "idle", draft: {} }, Date.now());
        }
        throw error;
      });
    const verdict = result.correct ? t.right : t.wrong;
    const next = await trainer.contestTurn(deps, student, at.contestId, at.position + 1);
    if (!(await chats.advanceContest(chatIdOf(ctx), at, dialogueOf(next), Date.now()))) {
      await notice(ctx, result.repeated ? t.alreadyAnswered : verdict);
      return;
    }
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.reply(next.question ? t.contestAnswered(verdict, placeText(t, next)) : verdict);
    await showTurn(ctx, next);
  }

  composer.command("contest", list);
  composer.callbackQuery("contests", async (ctx) => {
    await ctx.answerCallbackQuery();
    await list(ctx);
  });

  // Joins (again: nothing changes) and goes on where this chat stopped, or after what was answered.
  composer.callbackQuery(/^contest:([\w-]+)$/, async (ctx) => {
    const id = ctx.match[1] ?? "";
    const student = await studentOf(ctx);
    await trainer.joinContest(deps, student, id);
    await ctx.answerCallbackQuery();
    const cursor = cursorOf(ctx.dialogue);
    const turn = await trainer.contestTurn(deps, student, id, cursor?.contestId === id ? cursor.position : undefined);
    await chats.set(chatIdOf(ctx), dialogueOf(turn), Date.now());
    await showTurn(ctx, turn);
  });

  composer.callbackQuery(ANSWER, (ctx) =>
    answer(
      ctx,
      { contestId: ctx.match[1] ?? "", position: Number(ctx.match[2]), questionId: ctx.match[3] ?? "" },
      { choices: [Number(ctx.match[4])] },
    ),
  );

  composer.callbackQuery(/^contest-ranking:([\w-]+)$/, async (ctx) => {
    const turn = await trainer.contestTurn(deps, await studentOf(ctx), ctx.match[1] ?? "");
    await ctx.answerCallbackQuery();
    await ctx.reply(rankingText(ctx.texts, turn));
  });

  // A typed message while the chat was last asked a contest question answers that question.
  composer.on("message:text", async (ctx, next) => {
    const cursor = cursorOf(ctx.dialogue);
    if (!cursor) return next();
    const given = givenFromText(cursor.type, ctx.message.text.trim());
    if (!given) return void (await ctx.reply(ctx.texts.needDigits));
    await answer(ctx, cursor, given);
  });

  return composer;
}
