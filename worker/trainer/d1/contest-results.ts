// A contest's ranking written through to D1 by its object (durable-objects/trainer-contest.ts):
// one batch, every row replaced only by a later version, so a retried or late write never puts an
// older ranking over a newer one.
import { sql } from "drizzle-orm";
import { chunks } from "../../db/chunks";
import { batch, raw } from "../../lib/batch";
import type { Ranking } from "../ports";

/** 8 columns a row: at most 12 rows under D1's 100 bound parameters. */
const ROWS_PER_STATEMENT = 12;

export async function writeStandings(d1: D1Database, contestId: string, ranking: Ranking): Promise<void> {
  const statements = chunks(ranking.standings, ROWS_PER_STATEMENT).map((rows) =>
    raw(sql`
      INSERT INTO trainer_contest_result (contest_id, student_id, name, score, answered, last_correct_at, place, version)
      VALUES ${sql.join(
        rows.map(
          (s) =>
            sql`(${contestId}, ${s.studentId}, ${s.name}, ${s.score}, ${s.answered}, ${s.lastCorrectAt}, ${s.place}, ${ranking.version})`,
        ),
        sql`, `,
      )}
      ON CONFLICT (contest_id, student_id) DO UPDATE SET name = excluded.name, score = excluded.score,
        answered = excluded.answered, last_correct_at = excluded.last_correct_at, place = excluded.place,
        version = excluded.version
      WHERE excluded.version > trainer_contest_result.version`),
  );
  if (statements.length) await batch(d1, statements);
}
