// Published scores and the audit log in D1: what ScoringSessions write through (idempotently:
// a newer version of a score replaces an older one only, and each session's audit entry is
// stored once by its number), and the competition's own decisions, which belong to no session.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { chunks } from "../db/chunks";
import { gymAudit, gymScore } from "../db/schema";

type ScoreRow = typeof gymScore.$inferInsert;
export type AuditRow = typeof gymAudit.$inferInsert;

// D1 binds at most 100 parameters per statement; an audit row has 11 columns.
const AUDIT_ROWS_PER_STATEMENT = 9;

/** The score and the session's audit log so far, in one batch. */
export async function writePublished(db: Db, score: ScoreRow, audit: AuditRow[]): Promise<void> {
  await db.batch([
    db
      .insert(gymScore)
      .values(score)
      .onConflictDoUpdate({
        target: gymScore.sessionId,
        set: {
          d: score.d,
          e: score.e,
          neutral: score.neutral,
          final: score.final,
          breakdown: score.breakdown,
          version: score.version,
        },
        setWhere: sql`excluded.version > ${gymScore.version}`,
      }),
    ...chunks(audit, AUDIT_ROWS_PER_STATEMENT).map((rows) => db.insert(gymAudit).values(rows).onConflictDoNothing()),
  ]);
}

/** A decision about the whole competition (finalize, reopen), recorded as it is made. */
export function competitionAudit(db: Db, entry: Omit<AuditRow, "sessionId" | "seq" | "id">) {
  return db.insert(gymAudit).values(entry);
}

/** A competition's audit log as D1 has it: sessions' entries once published, and its decisions. */
export async function auditOf(db: Db, competitionId: string) {
  const rows = await db
    .select()
    .from(gymAudit)
    .where(eq(gymAudit.competitionId, competitionId))
    .orderBy(asc(gymAudit.at), asc(gymAudit.id));
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    session_id: r.sessionId,
    actor_id: r.actorId,
    action: r.action,
    position: r.position,
    before: r.before,
    after: r.after,
    reason: r.reason,
  }));
}
