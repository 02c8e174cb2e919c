// The bot's language: each person reads it in the language they chose here (/language, or the
// button under /start), kept with their chat; until they choose, in their Telegram app's language.
import { Composer, InlineKeyboard } from "grammy";
import type { D1Chats } from "./chats";
import { type BotContext, chatIdOf } from "./context";
import { LANGUAGES, type Language, TEXTS } from "./texts";

const CHOSEN = new RegExp(`^language:(${LANGUAGES.join("|")})$`);

export function languageHandlers(chats: D1Chats): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  // Each language offered in its own words: whoever cannot read the current one finds theirs.
  const menu = (ctx: BotContext) =>
    ctx.reply(ctx.texts.chooseLanguage, {
      reply_markup: new InlineKeyboard().add(
        ...LANGUAGES.map((l) => InlineKeyboard.text(TEXTS[l].languageName, `language:${l}`)),
      ),
    });

  composer.command("language", menu);
  composer.callbackQuery("language", async (ctx) => {
    await ctx.answerCallbackQuery();
    await menu(ctx);
  });
  composer.callbackQuery(CHOSEN, async (ctx) => {
    const language = ctx.match[1] as Language;
    await chats.setLanguage(chatIdOf(ctx), language, Date.now());
    ctx.texts = TEXTS[language];
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.texts.languageSet);
  });

  return composer;
}
