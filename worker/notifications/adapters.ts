// What delivers and what renders messages in this deployment: the email channel on the
// send_email binding, the trainer's bot when it is on, and each sending area's renderer. A new
// area's messages join `renderers`.
import { createDb } from "../db";
import { renderEventMessages } from "../events/messages";
import { telegramSettings } from "../trainer/bot/settings";
import { markBotBlocked, renderTrainerMessages } from "../trainer/messages";
import { deliverMessages } from "./delivery";
import { EmailChannel } from "./email";
import type { Adapters } from "./port";
import { TelegramChannel } from "./telegram";

export function adaptersOf(env: Env): Adapters {
  const db = createDb(env.DB);
  const telegram = telegramSettings(env);
  return {
    channels: {
      email: new EmailChannel(env.EMAIL, env.EMAIL_FROM),
      // Without a bot token there is no Telegram channel: its messages fail as "No channel".
      ...(telegram && {
        telegram: new TelegramChannel(telegram.token, telegram.apiRoot, (chatId) => markBotBlocked(db, chatId)),
      }),
    },
    renderers: {
      events: (messages) => renderEventMessages(db, env.SITE_URL, messages),
      trainer: (messages) => renderTrainerMessages(db, messages),
    },
  };
}

/** The queue's name in wrangler.toml. */
export const NOTIFICATIONS_QUEUE = "podium-notifications";

/** The notifications queue's consumer, as the Worker's queue() handler calls it. */
export function consumeNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return deliverMessages(batch, createDb(env.DB), adaptersOf(env));
}
