// What every handler of the bot gets besides grammY's context: the person's texts in their
// language and where their chat stands (both read when the update is claimed, bot.ts), and the
// helpers that turn a Telegram update into what the use cases take.
import type { Context } from "grammy";
import type { Account } from "../ports";
import type { Given, QuestionType } from "../rules";
import type { Chat } from "./chats";
import type { Texts } from "./texts";

export type BotContext = Context & { texts: Texts; dialogue: Chat };

export const accountOf = (ctx: Context): Account => ({ kind: "telegram", telegramId: String(ctx.from?.id ?? "") });

export const chatIdOf = (ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "");

/**
 * A typed message as an answer to a question of this type: the text itself for an open question,
 * else the options' numbers as shown (from 1); null when they are not numbers.
 */
export function givenFromText(type: QuestionType, text: string): Given | null {
  if (type === "open") return { text };
  const numbers = text.split(/[\s,;]+/).map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return null;
  return { choices: numbers.map((n) => n - 1) };
}

/** Tells the person something about the button they tapped, or in a message when they typed. */
export async function notice(ctx: Context, text: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery(text);
  else await ctx.reply(text);
}

/**
 * A question's picture, sent just before its text. Telegram fetches it itself from the picture's
 * address on the site (a public, content-named URL), so the Worker never uploads the bytes.
 */
export async function sendPicture(ctx: Context, siteUrl: string, picture: string | null): Promise<void> {
  if (picture) await ctx.replyWithPhoto(`${siteUrl}${picture}`);
}
