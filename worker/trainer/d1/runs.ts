// Training runs in D1. Two statements carry the area's guarantees: asking the next question
// (one INSERT … SELECT: a question the run has not asked, and only while nothing is pending) and
// answering (one batch: the answer and the three counters it moves, or nothing at all).
// Answering and asking are the trainer's hot path, so each takes as few round trips as it can:
// one read finds the caller's student, run and question together, and each write is one batch
// that reads back what the use case shows next.
import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { trainerAnswer, trainerQuestion, trainerRun, trainerStudent } from "../../db/schema";
import { batch, raw } from "../../lib/batch";
import type { Account, Answered, Asked, Run, RunLookup, Runs } from "../ports";
import type { Filters, Given } from "../rules";
import { QUESTION_COLUMNS } from "./bank";
import { accountIs } from "./students";

const RUN_COLUMNS = {
  id: trainerRun.id,
  studentId: trainerRun.studentId,
  filters: trainerRun.filters,
  status: trainerRun.status,
  answeredCount: trainerRun.answeredCount,
  correctCount: trainerRun.correctCount,
  createdAt: trainerRun.createdAt,
  updatedAt: trainerRun.updatedAt,
};

type RunRow = Omit<Run, "filters"> & { filters: Record<string, unknown> };
const toRun = (row: RunRow): Run => ({ ...row, filters: row.filters as unknown as Filters });

/**
 * An asked question's own columns; its question is selected beside them, not joined into one row
 * object: a D1 batch gives rows keyed by column name, where the question's `id` and `correct`
 * would overwrite the answer's.
 */
const ANSWER_COLUMNS = {
  id: trainerAnswer.id,
  runId: trainerAnswer.runId,
  position: trainerAnswer.position,
  given: trainerAnswer.given,
  correct: trainerAnswer.correct,
  answeredAt: trainerAnswer.answeredAt,
};

const pendingIn = (runId: string) => and(eq(trainerAnswer.runId, runId), isNull(trainerAnswer.answeredAt));

/** The questions a run's filters allow, for the student; `q` is trainer_question. */
function matching(filters: Filters, studentId: string): SQL {
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const parts: SQL[] = [sql`q.subject_id = ${filters.subject}`];
  if (filters.themes.length) parts.push(sql`q.theme_id IN (${list(filters.themes)})`);
  if (filters.sources.length) parts.push(sql`q.source_id IN (${list(filters.sources)})`);
  if (filters.types.length) parts.push(sql`q.type IN (${list(filters.types)})`);
  if (filters.withoutPaper) parts.push(sql`q.without_paper = 1`);
  if (filters.onlyWrong) {
    parts.push(sql`q.id IN (SELECT question_id FROM trainer_answer WHERE student_id = ${studentId} AND correct = 0)`);
  }
  if (filters.onlyNew) {
    parts.push(
      sql`q.id NOT IN (SELECT question_id FROM trainer_answer WHERE student_id = ${studentId} AND answered_at IS NOT NULL)`,
    );
  }
  return sql.join(parts, sql` AND `);
}

export class D1Runs implements Runs {
  constructor(
    private readonly db: Db,
    private readonly d1: D1Database,
  ) {}

  async start(studentId: string, filters: Filters, key: { clientKey: string; requestHash: string }, now: number) {
    await this.db
      .insert(trainerRun)
      .values({
        id: crypto.randomUUID(),
        studentId,
        filters: { ...filters },
        status: "open",
        ...key,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    const row = await this.db
      .select({ ...RUN_COLUMNS, requestHash: trainerRun.requestHash })
      .from(trainerRun)
      .where(and(eq(trainerRun.studentId, studentId), eq(trainerRun.clientKey, key.clientKey)))
      .get();
    if (!row) throw new Error(`Run ${key.clientKey} of ${studentId} was neither written nor found.`);
    const { requestHash, ...run } = row;
    return { run: toRun(run), sameRequest: requestHash === key.requestHash };
  }

  async openOf(studentId: string): Promise<Run[]> {
    const rows = await this.db
      .select(RUN_COLUMNS)
      .from(trainerRun)
      .where(and(eq(trainerRun.studentId, studentId), eq(trainerRun.status, "open")))
      .orderBy(desc(trainerRun.updatedAt));
    return rows.map(toRun);
  }

  async listOf(studentId: string, limit: number): Promise<Run[]> {
    const rows = await this.db
      .select(RUN_COLUMNS)
      .from(trainerRun)
      .where(eq(trainerRun.studentId, studentId))
      .orderBy(desc(trainerRun.updatedAt))
      .limit(limit);
    return rows.map(toRun);
  }

  /**
   * The account's student, their run `runId` and, in it, the asked question `which` selects: one
   * read, whose left joins tell "no student" from "not their run" from "not asked".
   */
  private async lookUp(account: Account, runId: string, which: SQL | undefined): Promise<RunLookup> {
    const row = await this.db
      .select({ studentId: trainerStudent.id, run: RUN_COLUMNS, answer: ANSWER_COLUMNS, question: QUESTION_COLUMNS })
      .from(trainerStudent)
      .leftJoin(trainerRun, and(eq(trainerRun.id, runId), eq(trainerRun.studentId, trainerStudent.id)))
      .leftJoin(trainerAnswer, and(eq(trainerAnswer.runId, trainerRun.id), which))
      .leftJoin(trainerQuestion, eq(trainerQuestion.id, trainerAnswer.questionId))
      .where(accountIs(account))
      .get();
    return {
      registered: row !== undefined,
      run: row?.run ? toRun(row.run) : null,
      asked: row?.answer && row.question ? { ...row.answer, question: row.question } : null,
    };
  }

  askedIn(account: Account, runId: string, questionId: string): Promise<RunLookup> {
    return this.lookUp(account, runId, eq(trainerAnswer.questionId, questionId));
  }

  pendingIn(account: Account, runId: string): Promise<RunLookup> {
    return this.lookUp(account, runId, isNull(trainerAnswer.answeredAt));
  }

  async askNext(run: Run, now: number): Promise<Asked | null> {
    // The pending-question index refuses a second unanswered question, so two devices asking at
    // once put one question between them; whoever lost the race gets the winner's. The pending
    // question is read back in the same batch: one round trip.
    const [, [answer], [question]] = await batch(this.d1, [
      raw(sql`
      INSERT INTO trainer_answer (id, run_id, student_id, question_id, subject_id, theme_id, position, asked_at)
      SELECT ${crypto.randomUUID()}, ${run.id}, ${run.studentId}, q.id, q.subject_id, q.theme_id,
        (SELECT COALESCE(MAX(position), 0) + 1 FROM trainer_answer WHERE run_id = ${run.id}), ${now}
      FROM trainer_question q
      WHERE ${matching(run.filters, run.studentId)}
        AND q.id NOT IN (SELECT question_id FROM trainer_answer WHERE run_id = ${run.id})
        AND NOT EXISTS (SELECT 1 FROM trainer_answer WHERE run_id = ${run.id} AND answered_at IS NULL)
      ORDER BY random() LIMIT 1
      ON CONFLICT DO NOTHING`),
      this.db.select(ANSWER_COLUMNS).from(trainerAnswer).where(pendingIn(run.id)),
      this.db
        .select(QUESTION_COLUMNS)
        .from(trainerQuestion)
        .where(
          inArray(
            trainerQuestion.id,
            this.db.select({ id: trainerAnswer.questionId }).from(trainerAnswer).where(pendingIn(run.id)),
          ),
        ),
    ]);
    return answer && question ? { ...answer, question } : null;
  }

  async answer(asked: Asked, studentId: string, given: Given, correct: boolean, now: number): Promise<Answered> {
    const right = correct ? 1 : 0;
    // Each counter moves only if the statement before it changed a row (changes() = 1): the batch
    // is one transaction, so the answer and its counters are written together or not at all, and
    // a repeated answer (already answered) moves nothing. The answer as stored and the run are
    // read back in the same transaction, so a copy recorded a moment before is answered as it was.
    const [recorded, , , , [stored], [run]] = await batch(this.d1, [
      raw<{ id: string }>(sql`
        UPDATE trainer_answer SET given = ${JSON.stringify(given)}, correct = ${right}, answered_at = ${now}
        WHERE id = ${asked.id} AND answered_at IS NULL RETURNING id`),
      raw(sql`
        UPDATE trainer_question SET total_count = total_count + 1, correct_count = correct_count + ${right}
        WHERE id = ${asked.question.id} AND changes() = 1`),
      raw(sql`
        UPDATE trainer_run SET answered_count = answered_count + 1, correct_count = correct_count + ${right},
          updated_at = ${now}
        WHERE id = ${asked.runId} AND changes() = 1`),
      raw(sql`
        UPDATE trainer_student SET answered_count = answered_count + 1, correct_count = correct_count + ${right},
          last_active_at = ${now}
        WHERE id = ${studentId} AND changes() = 1`),
      this.db
        .select({ given: trainerAnswer.given, correct: trainerAnswer.correct })
        .from(trainerAnswer)
        .where(eq(trainerAnswer.id, asked.id)),
      this.db.select(RUN_COLUMNS).from(trainerRun).where(eq(trainerRun.id, asked.runId)),
    ]);
    if (!stored?.given || stored.correct === null || !run) {
      throw new Error(`Answer ${asked.id} of run ${asked.runId} is not there after it was recorded.`);
    }
    return { first: recorded.length === 1, given: stored.given, correct: stored.correct, run: toRun(run) };
  }

  async finish(runId: string, now: number): Promise<void> {
    await this.db.update(trainerRun).set({ status: "finished", updatedAt: now }).where(eq(trainerRun.id, runId));
  }
}
