// Gymnastics in D1: competitions, their athletes and judging panels, and published scores
// (written through by each ScoringSession), with the audit log of every mark and decision.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const gymCompetition = sqliteTable("gym_competition", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** MAG, WAG, or another discipline scored by one of the engine's schemas. */
  discipline: text("discipline").notNull(),
  /** The scoring schema (worker/gym/rules.ts SCHEMAS). */
  schema: text("schema").notNull(),
  rounding: text("rounding", { enum: ["truncate", "half_up"] }).notNull(),
  /**
   * Which vaults count: the first, the mean of two, or both as in a FIG qualification (the first
   * for the all-around, the mean of two for the vault final's ranking).
   */
  vaultRule: text("vault_rule", { enum: ["first", "average", "qualification"] }).notNull(),
  tieBreak: text("tie_break", { enum: ["apparatus_final", "all_around", "none"] }).notNull(),
  /** The apparatus of this competition, in competition order, as a JSON array. */
  apparatus: text("apparatus", { mode: "json" }).$type<string[]>().notNull(),
  status: text("status", { enum: ["draft", "running", "paused", "finished"] }).notNull(),
  /** How long after a score is published a coach may still ask for a review of its D (an inquiry). */
  inquiryWindowSeconds: integer("inquiry_window_seconds").notNull().default(300),
  finalizedAt: integer("finalized_at"),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const gymAthlete = sqliteTable(
  "gym_athlete",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id")
      .notNull()
      .references(() => gymCompetition.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Country or club, as the start list shows it. */
    team: text("team"),
    bib: integer("bib").notNull(),
    birthYear: integer("birth_year"),
    /** The group the athlete competes in (rotation), as the start list names it. */
    subdivision: text("subdivision"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("gym_athlete_bib").on(t.competitionId, t.bib)],
);

/** The secretary's record that an athlete will not compete on an apparatus (audited). */
export const gymDidNotStart = sqliteTable(
  "gym_did_not_start",
  {
    competitionId: text("competition_id")
      .notNull()
      .references(() => gymCompetition.id, { onDelete: "cascade" }),
    athleteId: text("athlete_id").notNull(),
    apparatus: text("apparatus").notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.athleteId, t.apparatus] }), index("gym_dns_competition").on(t.competitionId)],
);

/**
 * A coach's request to review a published D score, and the superior jury's answer: accepted with a
 * new D, or rejected. Kept by its ScoringSession and written through with the score.
 */
export const gymInquiry = sqliteTable(
  "gym_inquiry",
  {
    id: text("id").primaryKey(),
    competitionId: text("competition_id").notNull(),
    sessionId: text("session_id").notNull(),
    athleteId: text("athlete_id").notNull(),
    apparatus: text("apparatus").notNull(),
    /** Who asked (the coach, as the head judge wrote it down). */
    askedBy: text("asked_by").notNull(),
    askedAt: integer("asked_at").notNull(),
    status: text("status", { enum: ["pending", "accepted", "rejected"] }).notNull(),
    dBefore: integer("d_before").notNull(),
    dAfter: integer("d_after"),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    reason: text("reason"),
  },
  (t) => [index("gym_inquiry_competition").on(t.competitionId, t.askedAt)],
);

/** Who sits at which seat of which apparatus's panel: D1, D2, E1…E5, R1, R2. */
export const gymPanelSeat = sqliteTable(
  "gym_panel_seat",
  {
    competitionId: text("competition_id")
      .notNull()
      .references(() => gymCompetition.id, { onDelete: "cascade" }),
    apparatus: text("apparatus").notNull(),
    position: text("position").notNull(),
    userId: text("user_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.apparatus, t.position] }), index("gym_panel_user").on(t.userId)],
);

/** A published score of one athlete on one apparatus (one attempt), from its ScoringSession. */
export const gymScore = sqliteTable(
  "gym_score",
  {
    sessionId: text("session_id").primaryKey(),
    competitionId: text("competition_id").notNull(),
    athleteId: text("athlete_id").notNull(),
    apparatus: text("apparatus").notNull(),
    attempt: integer("attempt").notNull(),
    d: integer("d").notNull(),
    e: integer("e").notNull(),
    neutral: integer("neutral").notNull(),
    final: integer("final").notNull(),
    /** Each seat's mark and what counted, as the engine computed it (JSON). */
    breakdown: text("breakdown", { mode: "json" }).notNull(),
    /** The session's version when published: a later publication overwrites an earlier one only. */
    version: integer("version").notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: integer("published_at").notNull(),
  },
  (t) => [index("gym_score_competition").on(t.competitionId, t.apparatus), index("gym_score_athlete").on(t.athleteId)],
);

/**
 * The audit log in D1, where it outlives every object: each session's entries, copied when its
 * score is published (again after each change), and the competition's own decisions (finalize,
 * reopen), which have no session.
 */
export const gymAudit = sqliteTable(
  "gym_audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    competitionId: text("competition_id").notNull(),
    sessionId: text("session_id"),
    /** The entry's number in its session's own log: a copy made twice is stored once. */
    seq: integer("seq"),
    at: integer("at").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    position: text("position"),
    before: text("before"),
    after: text("after"),
    reason: text("reason"),
  },
  (t) => [
    uniqueIndex("gym_audit_session_seq").on(t.sessionId, t.seq),
    index("gym_audit_competition").on(t.competitionId, t.at),
  ],
);
