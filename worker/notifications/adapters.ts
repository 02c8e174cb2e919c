// What delivers and what renders messages in this deployment: the email channel on the
// send_email binding, and each sending area's renderer. The Telegram channel of the trainer area
// joins `channels` here; a new area's messages join `renderers`.
import { createDb } from "../db";
import { renderEventMessages } from "../events/messages";
import { deliverMessages } from "./delivery";
import { EmailChannel } from "./email";
import type { Adapters } from "./port";

export function adaptersOf(env: Env): Adapters {
  const db = createDb(env.DB);
  return {
    channels: { email: new EmailChannel(env.EMAIL, env.EMAIL_FROM) },
    renderers: { events: (messages) => renderEventMessages(db, env.SITE_URL, messages) },
  };
}

/** The queue's name in wrangler.toml. */
export const NOTIFICATIONS_QUEUE = "podium-notifications";

/** The notifications queue's consumer, as the Worker's queue() handler calls it. */
export function consumeNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return deliverMessages(batch, createDb(env.DB), adaptersOf(env));
}
