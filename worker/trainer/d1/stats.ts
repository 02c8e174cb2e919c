// Statistics read off D1: a student's answers grouped on their (student, subject, theme, correct)
// and (student, answered_at) indexes, so one student's figures stay fast over many answers.
import { countDistinct, eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { trainerAnswer, trainerQuestion } from "../../db/schema";
import type { DayFigures, StatsStore, ThemeFigures } from "../ports";
import { QUESTION_COLUMNS } from "./bank";

export class D1Stats implements StatsStore {
  constructor(private readonly db: Db) {}

  async byTheme(studentId: string): Promise<ThemeFigures[]> {
    return this.db
      .select({
        subjectId: trainerAnswer.subjectId,
        themeId: trainerAnswer.themeId,
        answered: sql<number>`COUNT(${trainerAnswer.correct})`,
        correct: sql<number>`COALESCE(SUM(${trainerAnswer.correct}), 0)`,
      })
      .from(trainerAnswer)
      .where(eq(trainerAnswer.studentId, studentId))
      .groupBy(trainerAnswer.subjectId, trainerAnswer.themeId);
  }

  async byDay(studentId: string): Promise<DayFigures[]> {
    const day = sql<string>`date(${trainerAnswer.answeredAt} / 1000, 'unixepoch')`;
    return this.db
      .select({
        day,
        answered: sql<number>`COUNT(*)`,
        correct: sql<number>`COALESCE(SUM(${trainerAnswer.correct}), 0)`,
      })
      .from(trainerAnswer)
      .where(sql`${trainerAnswer.studentId} = ${studentId} AND ${trainerAnswer.answeredAt} IS NOT NULL`)
      .groupBy(day)
      .orderBy(day);
  }

  async subject(subjectId: string) {
    const [questions, students] = await this.db.batch([
      this.db.select(QUESTION_COLUMNS).from(trainerQuestion).where(eq(trainerQuestion.subjectId, subjectId)),
      this.db
        .select({ n: countDistinct(trainerAnswer.studentId) })
        .from(trainerAnswer)
        .where(eq(trainerAnswer.subjectId, subjectId)),
    ]);
    return { questions, students: students[0]?.n ?? 0 };
  }
}
