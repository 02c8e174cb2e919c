// Bets and the events catalogue in D1: what EventLines write through, and what the bet maker
// and the reconciliation read.
import { and, asc, desc, eq, getTableColumns, gt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { bet, bettingAudit, bettingEvent } from "../../db/schema";
import { afterCursor } from "../../lib/paging";
import { type AuditEntry, type Line, payoutSql, type StoredBet } from "../line/store";
import { type FinishedStatus, settledStatus } from "../rules";

/**
 * Writes (or overwrites) bets by id: a resend of the same rows changes nothing. One statement
 * however many bets: they travel as one JSON parameter (D1 binds at most 100 per statement, and
 * building a multi-row INSERT per ten bets cost the write-through more than the writing).
 */
export async function upsertBets(db: Db, bets: StoredBet[]): Promise<void> {
  if (!bets.length) return;
  // "WHERE true" keeps SQLite from reading ON CONFLICT as a join's ON.
  await db.run(sql`
    INSERT INTO bet (id, event_id, bettor_id, amount, odds, status, payout, idempotency_key, placed_at, settled_at)
    SELECT value ->> 'id', value ->> 'eventId', value ->> 'bettorId', value ->> 'amount', value ->> 'odds',
      value ->> 'status', value ->> 'payout', value ->> 'idempotencyKey', value ->> 'placedAt', value ->> 'settledAt'
    FROM json_each(${JSON.stringify(bets)}) WHERE true
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, payout = excluded.payout, settled_at = excluded.settled_at`);
}

/** Settles every bet of an event in one statement; returns how many rows were not settled so yet. */
export async function settleEventBets(db: Db, eventId: string, status: FinishedStatus, at: number): Promise<number> {
  const settled = settledStatus(status);
  const result = await db
    .update(bet)
    .set({ status: settled, payout: sql.raw(payoutSql(status)), settledAt: at })
    .where(and(eq(bet.eventId, eventId), ne(bet.status, settled)));
  return result.meta.changes;
}

/** Writes the line's row of the catalogue unless D1 already has this version or a newer one. */
export async function upsertCatalogue(db: Db, line: Line): Promise<void> {
  await db
    .insert(bettingEvent)
    .values(line)
    .onConflictDoUpdate({
      target: bettingEvent.id,
      set: {
        title: sql`excluded.title`,
        firstTeam: sql`excluded.first_team`,
        secondTeam: sql`excluded.second_team`,
        odds: sql`excluded.odds`,
        deadline: sql`excluded.deadline`,
        status: sql`excluded.status`,
        version: sql`excluded.version`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`excluded.version > ${bettingEvent.version}`,
    });
}

export async function insertAudit(db: Db, eventId: string, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(bettingAudit)
    .values(entries.map((e) => ({ eventId, ...e })))
    .onConflictDoNothing();
}

/** Events still taking bets, soonest deadline first. */
export async function listOpenEvents(db: Db, now: number, limit: number, cursor?: string) {
  return db
    .select()
    .from(bettingEvent)
    .where(
      and(
        eq(bettingEvent.status, "not_finished"),
        gt(bettingEvent.deadline, now),
        afterCursor(bettingEvent.deadline, bettingEvent.id, cursor, "asc"),
      ),
    )
    .orderBy(asc(bettingEvent.deadline), asc(bettingEvent.id))
    .limit(limit);
}

/** Every event of the catalogue, newest first, for the line provider. */
export async function listAllEvents(db: Db, limit: number, cursor?: string) {
  return db
    .select()
    .from(bettingEvent)
    .where(afterCursor(bettingEvent.createdAt, bettingEvent.id, cursor, "desc"))
    .orderBy(desc(bettingEvent.createdAt), asc(bettingEvent.id))
    .limit(limit);
}

/** A bettor's bets, newest first, each with its event's title. */
export async function listBettorBets(db: Db, bettorId: string, limit: number, cursor?: string) {
  return db
    .select({ ...getTableColumns(bet), eventTitle: bettingEvent.title })
    .from(bet)
    .leftJoin(bettingEvent, eq(bettingEvent.id, bet.eventId))
    .where(and(eq(bet.bettorId, bettorId), afterCursor(bet.placedAt, bet.id, cursor, "desc")))
    .orderBy(desc(bet.placedAt), asc(bet.id))
    .limit(limit);
}

/** Finished events that still have pending bets in D1: what the reconciliation must settle. */
export async function finishedWithPendingBets(db: Db, limit: number) {
  return db
    .select({ id: bettingEvent.id, status: bettingEvent.status, updatedAt: bettingEvent.updatedAt })
    .from(bettingEvent)
    .where(
      and(
        sql`${bettingEvent.status} != 'not_finished'`,
        sql`EXISTS (SELECT 1 FROM ${bet} WHERE ${bet.eventId} = ${bettingEvent.id} AND ${bet.status} = 'pending')`,
      ),
    )
    .limit(limit);
}
