// The notifications port's record in D1 (worker/notifications/): every message, on any channel,
// with its delivery status and attempts.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const MESSAGE_STATUSES = ["queued", "retrying", "delivered", "failed"] as const;

export const notification = sqliteTable(
  "notification",
  {
    id: text("id").primaryKey(),
    /** `email` today; `telegram` when the trainer area adds it. */
    channel: text("channel").notNull(),
    /** The channel's address: an email address, a chat id. */
    recipient: text("recipient").notNull(),
    /** What happened, `<area>.<news>` (e.g. `events.confirmed`): the area's renderer writes the text. */
    kind: text("kind").notNull(),
    /** The record it is about, for the renderer: e.g. a registration id. */
    reference: text("reference").notNull(),
    /** Who may list it, e.g. `event:<id>` for that event's organizers. */
    topic: text("topic").notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    attempts: integer("attempts").notNull(),
    lastError: text("last_error"),
    /** As sent, once it was rendered. */
    subject: text("subject"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    // The same news about the same record is recorded (and sent) once, however often it is announced.
    uniqueIndex("notification_news_unique").on(t.kind, t.reference),
    index("notification_topic_idx").on(t.topic, t.createdAt),
  ],
);
