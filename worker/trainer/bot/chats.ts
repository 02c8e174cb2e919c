// Where each Telegram chat stands in a dialogue, kept in D1 so that it survives restarts and a
// Worker isolate answering the next update that is not the one that answered the last.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { trainerChat } from "../../db/schema";

export type Step = "idle" | "ask_name" | "ask_grade" | "ask_region";

export interface Chat {
  step: Step;
  draft: Record<string, unknown>;
}

export class D1Chats {
  constructor(private readonly db: Db) {}

  /**
   * Claims an update for its chat: false when this update (or a later one) was handled already,
   * as when Telegram delivers an update again because an answer was slow. One statement, so two
   * deliveries racing each other cannot both claim it.
   */
  async claim(chatId: string, updateId: number, now: number): Promise<boolean> {
    const claimed = await this.db
      .insert(trainerChat)
      .values({ chatId, step: "idle", draft: {}, lastUpdateId: updateId, updatedAt: now })
      .onConflictDoUpdate({
        target: trainerChat.chatId,
        set: { lastUpdateId: updateId, updatedAt: now },
        setWhere: sql`${trainerChat.lastUpdateId} < ${updateId}`,
      })
      .returning({ chatId: trainerChat.chatId });
    return claimed.length === 1;
  }

  async get(chatId: string): Promise<Chat> {
    const row = await this.db.select().from(trainerChat).where(eq(trainerChat.chatId, chatId)).get();
    return { step: (row?.step as Step | undefined) ?? "idle", draft: row?.draft ?? {} };
  }

  async set(chatId: string, chat: Chat, now: number): Promise<void> {
    await this.db
      .update(trainerChat)
      .set({ step: chat.step, draft: chat.draft, updatedAt: now })
      .where(eq(trainerChat.chatId, chatId));
  }
}
