// The trainer's messages for the notifications port: a broadcast's text for each of its
// recipients (reference `<broadcast>/<student>/<channel>`), and what to do when Telegram says
// a student blocked the bot.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { trainerBroadcast, trainerStudent } from "../db/schema";
import type { StoredMessage } from "../notifications/port";
import { BROADCAST_KIND } from "./d1/broadcasts";

const SUBJECT = "Podium: тренажёр олимпиад";

export async function renderTrainerMessages(db: Db, messages: StoredMessage[]) {
  const broadcastOf = (m: StoredMessage) => m.reference.split("/")[0] ?? "";
  const ids = [...new Set(messages.filter((m) => m.kind === BROADCAST_KIND).map(broadcastOf))];
  const rows = ids.length
    ? await db
        .select({ id: trainerBroadcast.id, text: trainerBroadcast.text })
        .from(trainerBroadcast)
        .where(inArray(trainerBroadcast.id, ids))
    : [];
  const texts = new Map(rows.map((r) => [r.id, r.text]));
  const rendered = new Map<string, { subject: string; text: string }>();
  for (const message of messages) {
    const text = message.kind === BROADCAST_KIND ? texts.get(broadcastOf(message)) : undefined;
    if (text !== undefined) rendered.set(message.id, { subject: SUBJECT, text });
  }
  return rendered;
}

/** Broadcasts skip a student who blocked the bot from now on. */
export async function markBotBlocked(db: Db, telegramId: string): Promise<void> {
  await db
    .update(trainerStudent)
    .set({ telegramBlockedAt: Date.now() })
    .where(eq(trainerStudent.telegramId, telegramId));
}
