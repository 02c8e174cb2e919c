// Connecting the bot to Telegram, one action of an admin's once the token and secret are set:
// Telegram is told where updates go (this server's webhook, signed with the secret token) and
// which commands to offer, in each language the bot speaks (a person's Telegram shows the menu in
// its own language; anyone else gets English).
import { Api, GrammyError } from "grammy";
import { Problem } from "../../lib/problem";
import type { TelegramSettings } from "./settings";
import { LANGUAGES, type Language, TEXTS } from "./texts";

export interface BotConnection {
  webhookUrl: string;
  menus: Language[];
}

/** The menu in one language, in the order a newcomer needs the commands. */
const menuOf = (language: Language) =>
  Object.entries(TEXTS[language].commands).map(([command, description]) => ({ command, description }));

export async function connectBot(settings: TelegramSettings, siteUrl: string): Promise<BotConnection> {
  const api = new Api(settings.token, { apiRoot: settings.apiRoot });
  const webhookUrl = new URL("/api/trainer/telegram", siteUrl).href;
  try {
    await api.setWebhook(webhookUrl, { secret_token: settings.secret });
    for (const language of LANGUAGES) await api.setMyCommands(menuOf(language), { language_code: language });
    await api.setMyCommands(menuOf("en"));
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    throw new Problem(502, "telegram-refused", "Telegram refused", `Telegram said: ${error.description}`, {
      said: error.description,
    });
  }
  return { webhookUrl, menus: [...LANGUAGES] };
}
