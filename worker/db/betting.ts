// Betting's tables in D1: the line provider's catalogue of events (written through by each
// EventLine) and the bet maker's bets (written through too, read by GET /bets and reports).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const bettingEvent = sqliteTable(
  "betting_event",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    /** The teams: bets are on a win of the first. Null for events published before teams were named. */
    firstTeam: text("first_team"),
    secondTeam: text("second_team"),
    /** Decimal odds in hundredths: 1.85 is 185. */
    odds: integer("odds").notNull(),
    /** Epoch milliseconds; bets are accepted strictly before it. */
    deadline: integer("deadline").notNull(),
    status: text("status", { enum: ["not_finished", "first_team_won", "second_team_won", "void"] }).notNull(),
    /** The EventLine's version of this row: older write-throughs never overwrite newer ones. */
    version: integer("version").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("betting_event_open_idx").on(t.status, t.deadline, t.id)],
);

export const bet = sqliteTable(
  "bet",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    bettorId: text("bettor_id").notNull(),
    /** Stake in minor units (kopecks). */
    amount: integer("amount").notNull(),
    /** The odds locked when the bet was accepted, in hundredths. */
    odds: integer("odds").notNull(),
    status: text("status", { enum: ["pending", "won", "lost", "void"] }).notNull(),
    /** Minor units paid out: amount × odds for a win, 0 for a loss, the stake for a void event, null while pending. */
    payout: integer("payout"),
    idempotencyKey: text("idempotency_key").notNull(),
    placedAt: integer("placed_at").notNull(),
    settledAt: integer("settled_at"),
  },
  (t) => [
    index("bet_bettor_idx").on(t.bettorId, t.placedAt, t.id),
    index("bet_event_status_idx").on(t.eventId, t.status),
    // Idempotency keys are kept by each event's line, so they are unique per bettor and event.
    uniqueIndex("bet_idempotency_unique").on(t.bettorId, t.eventId, t.idempotencyKey),
  ],
);

/** Outcome corrections, who made them and why (copied from each EventLine's own log). */
export const bettingAudit = sqliteTable(
  "betting_audit",
  {
    eventId: text("event_id").notNull(),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    before: text("before"),
    after: text("after"),
    reason: text("reason"),
  },
  (t) => [uniqueIndex("betting_audit_event_seq").on(t.eventId, t.seq)],
);
