// Whether the trainer's Telegram bot is on here, and with what: its token and webhook secret are
// optional secrets (wrangler secret put, or .dev.vars locally); without them the bot is off.

export interface TelegramSettings {
  token: string;
  secret: string;
  username: string;
  /** Telegram's Bot API, or a stand-in set by configuration. */
  apiRoot: string;
}

export const HOW_TO_ENABLE =
  "Set TELEGRAM_BOT_TOKEN (from @BotFather) and TELEGRAM_WEBHOOK_SECRET (1–256 of A-Z a-z 0-9 _ -) as secrets (.dev.vars locally), then connect the bot: an admin's button on the trainer's admin page (POST /api/trainer/bot/connect), which sets the webhook and the command menu.";

export function telegramSettings(env: Env): TelegramSettings | null {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret } = env;
  if (!token || !secret) return null;
  return { token, secret, username: env.TELEGRAM_BOT_USERNAME, apiRoot: env.TELEGRAM_API_ROOT };
}
