// The question bank in D1.
import { and, eq, inArray, isNull, ne, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db";
import { chunks } from "../../db/chunks";
import { trainerQuestion } from "../../db/schema";
import type { NewQuestion, Question, QuestionBank } from "../ports";

/** A question's columns as the ports know them (no fingerprint, no timestamps). */
export const QUESTION_COLUMNS = {
  id: trainerQuestion.id,
  subjectId: trainerQuestion.subjectId,
  themeId: trainerQuestion.themeId,
  sourceId: trainerQuestion.sourceId,
  type: trainerQuestion.type,
  text: trainerQuestion.text,
  pictureKey: trainerQuestion.pictureKey,
  options: trainerQuestion.options,
  correct: trainerQuestion.correct,
  accepted: trainerQuestion.accepted,
  explanation: trainerQuestion.explanation,
  withoutPaper: trainerQuestion.withoutPaper,
  difficulty: trainerQuestion.difficulty,
  correctCount: trainerQuestion.correctCount,
  totalCount: trainerQuestion.totalCount,
};

/** D1 takes at most 100 bound parameters per statement: rows of 17 columns go 5 at a time. */
const ROWS_PER_INSERT = 5;

export class D1QuestionBank implements QuestionBank {
  constructor(private readonly db: Db) {}

  async existingFingerprints(subjectId: string, fingerprints: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const some of chunks(fingerprints, 90)) {
      const rows = await this.db
        .select({ fingerprint: trainerQuestion.fingerprint })
        .from(trainerQuestion)
        .where(and(eq(trainerQuestion.subjectId, subjectId), inArray(trainerQuestion.fingerprint, some)));
      for (const row of rows) found.add(row.fingerprint);
    }
    return found;
  }

  async addAll(questions: NewQuestion[]): Promise<void> {
    const now = Date.now();
    const inserts = chunks(questions, ROWS_PER_INSERT).map((some) =>
      this.db
        .insert(trainerQuestion)
        .values(some.map((q) => ({ ...q, id: crypto.randomUUID(), createdAt: now, updatedAt: now }))),
    );
    const [first, ...rest] = inserts;
    // One batch is one transaction: a duplicate that slipped in meanwhile fails all of it.
    if (first) await this.db.batch([first, ...rest]);
  }

  async byId(id: string): Promise<Question | null> {
    return (
      (await this.db.select(QUESTION_COLUMNS).from(trainerQuestion).where(eq(trainerQuestion.id, id)).get()) ?? null
    );
  }

  async add(question: NewQuestion, now: number): Promise<Question | null> {
    const id = crypto.randomUUID();
    const stored = await this.db
      .insert(trainerQuestion)
      .values({ ...question, id, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning(QUESTION_COLUMNS);
    return stored[0] ?? null;
  }

  async replace(id: string, question: NewQuestion, now: number): Promise<Question | null> {
    const { pictureKey: _kept, ...content } = question;
    const other = alias(trainerQuestion, "other");
    const sameQuestion = this.db
      .select({ id: other.id })
      .from(other)
      .where(
        and(eq(other.subjectId, question.subjectId), eq(other.fingerprint, question.fingerprint), ne(other.id, id)),
      );
    const stored = await this.db
      .update(trainerQuestion)
      .set({ ...content, updatedAt: now })
      .where(and(eq(trainerQuestion.id, id), notExists(sameQuestion)))
      .returning(QUESTION_COLUMNS);
    return stored[0] ?? null;
  }

  async setPicture(id: string, from: string | null, to: string | null, now: number): Promise<boolean> {
    const stored = await this.db
      .update(trainerQuestion)
      .set({ pictureKey: to, updatedAt: now })
      .where(
        and(
          eq(trainerQuestion.id, id),
          from === null ? isNull(trainerQuestion.pictureKey) : eq(trainerQuestion.pictureKey, from),
        ),
      )
      .returning({ id: trainerQuestion.id });
    return stored.length === 1;
  }

  async list(subjectId: string | null): Promise<Question[]> {
    return this.db
      .select(QUESTION_COLUMNS)
      .from(trainerQuestion)
      .where(subjectId === null ? undefined : eq(trainerQuestion.subjectId, subjectId))
      .orderBy(trainerQuestion.subjectId, trainerQuestion.createdAt, trainerQuestion.id);
  }
}
