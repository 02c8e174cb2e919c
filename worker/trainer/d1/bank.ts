// The question bank in D1.
import { and, eq, inArray } from "drizzle-orm";
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

  async list(subjectId: string | null): Promise<Question[]> {
    return this.db
      .select(QUESTION_COLUMNS)
      .from(trainerQuestion)
      .where(subjectId === null ? undefined : eq(trainerQuestion.subjectId, subjectId))
      .orderBy(trainerQuestion.subjectId, trainerQuestion.createdAt, trainerQuestion.id);
  }
}
