// Where each Telegram chat stands in a dialogue, and the language its person chose, kept in D1 so
// that it survives restarts and a Worker isolate answering the next update that is not the one
// that answered the last. The language lives in the row's JSON `draft` under `language` (a column
// of its own would need a migration); every write of the dialogue keeps it as it is.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { trainerChat } from "../../db/schema";
import { LANGUAGES, type Language } from "./texts";

/**
 * `contest`: the bot last put a contest's question (draft: ContestCursor), so a typed message
 * answers it; `idle`: a typed message answers the current question of the training run.
 */
export type Step = "idle" | "ask_name" | "ask_grade" | "ask_region" | "contest";

export interface Dialogue {
  step: Step;
  draft: Record<string, unknown>;
}

export interface Chat extends Dialogue {
  /** Chosen with /language; null until then (the Telegram app's language decides). */
  language: Language | null;
}

function chatOf(row: { step: string; draft: Record<string, unknown> }): Chat {
  const { language, ...draft } = row.draft;
  const known = LANGUAGES.find((l) => l === language) ?? null;
  return { step: row.step as Step, draft, language: known };
}

export class D1Chats {
  constructor(private readonly db: Db) {}

  /**
   * Claims an update for its chat and gives where the chat stands; null when this update (or a
   * later one) was handled already, as when Telegram delivers an update again because an answer
   * was slow. One statement, so two deliveries racing each other cannot both claim it.
   */
  async claim(chatId: string, updateId: number, now: number): Promise<Chat | null> {
    const [claimed] = await this.db
      .insert(trainerChat)
      .values({ chatId, step: "idle", draft: {}, lastUpdateId: updateId, updatedAt: now })
      .onConflictDoUpdate({
        target: trainerChat.chatId,
        set: { lastUpdateId: updateId, updatedAt: now },
        setWhere: sql`${trainerChat.lastUpdateId} < ${updateId}`,
      })
      .returning({ step: trainerChat.step, draft: trainerChat.draft });
    return claimed ? chatOf(claimed) : null;
  }

  /** Moves the dialogue on; the chosen language stays. */
  async set(chatId: string, dialogue: Dialogue, now: number): Promise<void> {
    await this.db.update(trainerChat).set(this.#moved(dialogue, now)).where(eq(trainerChat.chatId, chatId));
  }

  /**
   * Moves the dialogue on from the contest question at `from`, only if the chat is still there;
   * false when another update (a second tap on the same button) moved it first, or it never was.
   */
  async advanceContest(
    chatId: string,
    from: { contestId: string; position: number },
    to: Dialogue,
    now: number,
  ): Promise<boolean> {
    const moved = await this.db
      .update(trainerChat)
      .set(this.#moved(to, now))
      .where(
        and(
          eq(trainerChat.chatId, chatId),
          eq(trainerChat.step, "contest"),
          sql`json_extract(${trainerChat.draft}, '$.contestId') = ${from.contestId}`,
          sql`json_extract(${trainerChat.draft}, '$.position') = ${from.position}`,
        ),
      )
      .returning({ chatId: trainerChat.chatId });
    return moved.length === 1;
  }

  #moved(dialogue: Dialogue, now: number) {
    return {
      step: dialogue.step,
      draft: sql`json_set(${JSON.stringify(dialogue.draft)}, '$.language', json_extract(${trainerChat.draft}, '$.language'))`,
      updatedAt: now,
    };
  }

  /** Keeps the person's language for every later update; the dialogue stays where it was. */
  async setLanguage(chatId: string, language: Language, now: number): Promise<void> {
    await this.db
      .update(trainerChat)
      .set({ draft: sql`json_set(${trainerChat.draft}, '$.language', ${language})`, updatedAt: now })
      .where(eq(trainerChat.chatId, chatId));
  }
}
