// Use cases of results: live standings, official results, an athlete's scores, finalizing.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { gymAthlete, gymCompetition, gymDidNotStart, gymScore } from "../db/schema";
import type { Cell } from "../lib/csv";
import { conflict, notFound } from "../lib/problem";
import { competitionAudit } from "./audit-store";
import type { AthleteScores, GymResults } from "./protocol";
import type { TieBreak } from "./ranking";
import { formatScore } from "./rules";
import { type MissingApparatus, type StandingsRules, standings } from "./standings";

/** The competition, or 404. */
export async function findCompetition(db: Db, id: string) {
  const competition = await db.select().from(gymCompetition).where(eq(gymCompetition.id, id)).get();
  if (!competition) throw notFound(`No competition ${id}.`);
  return competition;
}

/** How a competition's standings are made, as the Scoreboard and the results both compute them. */
export function standingsRules(competition: typeof gymCompetition.$inferSelect): StandingsRules {
  return {
    discipline: competition.discipline,
    apparatus: competition.apparatus,
    rounding: competition.rounding,
    vaultRule: competition.vaultRule,
    tieBreak: competition.tieBreak as TieBreak,
  };
}

/** Refuses changes to the scores of a finalized competition. */
export async function assertNotFinalized(db: Db, competitionId: string): Promise<void> {
  const competition = await findCompetition(db, competitionId);
  if (competition.finalizedAt !== null)
    throw conflict("The results are final; the head judge must reopen them first.", { reason: "results_final" });
}

/** Standings per apparatus and all-around, with names, from every published score. */
export async function resultsOf(db: Db, competitionId: string): Promise<GymResults> {
  const competition = await findCompetition(db, competitionId);
  const [rows, athletes, didNotStart] = await Promise.all([
    db.select().from(gymScore).where(eq(gymScore.competitionId, competitionId)),
    db.select().from(gymAthlete).where(eq(gymAthlete.competitionId, competitionId)),
    db.select().from(gymDidNotStart).where(eq(gymDidNotStart.competitionId, competitionId)),
  ]);
  const scores = rows.map((s) => ({ ...s, overridden: isOverridden(s.breakdown) }));
  const table = standings(scores, standingsRules(competition), didNotStart);
  const who = new Map(athletes.map((a) => [a.id, { name: a.name, team: a.team, bib: a.bib }]));
  const named = <T extends { athleteId: string }>(row: T) => ({ ...row, athlete: who.get(row.athleteId) ?? null });
  return {
    competition: { id: competition.id, name: competition.name, status: competition.status },
    official: competition.finalizedAt !== null,
    apparatus: table.apparatus.map((a) => ({ apparatus: a.apparatus, ranking: a.ranking.map(named) })),
    has_all_around: table.hasAllAround,
    all_around: table.allAround.map(named),
    all_around_unranked: table.allAroundUnranked.map(named),
    latest: scores
      .sort((a, b) => b.publishedAt - a.publishedAt)
      .slice(0, 10)
      .map((s) => ({ ...named(s), breakdown: s.breakdown, display: formatScore(s.final) })),
  };
}

/** Whether a stored score's breakdown says the head judge overrode its final (marks.ts withOverride). */
const isOverridden = (breakdown: unknown) =>
  typeof breakdown === "object" && breakdown !== null && "override" in breakdown;

export async function athleteScores(db: Db, athleteId: string): Promise<AthleteScores> {
  const athlete = await db.select().from(gymAthlete).where(eq(gymAthlete.id, athleteId)).get();
  if (!athlete) throw notFound(`No athlete ${athleteId}.`);
  const scores = await db
    .select()
    .from(gymScore)
    .where(eq(gymScore.athleteId, athleteId))
    .orderBy(desc(gymScore.publishedAt));
  return {
    athlete: {
      id: athlete.id,
      name: athlete.name,
      team: athlete.team,
      bib: athlete.bib,
      competition_id: athlete.competitionId,
    },
    scores: scores.map((s) => ({
      session_id: s.sessionId,
      apparatus: s.apparatus,
      attempt: s.attempt,
      d: s.d,
      e: s.e,
      neutral: s.neutral,
      final: s.final,
      display: formatScore(s.final),
      breakdown: s.breakdown,
      published_at: new Date(s.publishedAt).toISOString(),
    })),
  };
}

/** Locks the results (audited). Finalizing again changes nothing. */
export async function finalize(db: Db, competitionId: string, actorId: string) {
  const competition = await findCompetition(db, competitionId);
  if (competition.finalizedAt === null) {
    const now = Date.now();
    await db.batch([
      db.update(gymCompetition).set({ finalizedAt: now, updatedAt: now }).where(eq(gymCompetition.id, competitionId)),
      competitionAudit(db, { competitionId, at: now, actorId, action: "finalize" }),
    ]);
  }
  return resultsOf(db, competitionId);
}

/** The head judge unlocks final results to correct them; the reason is in the audit log. */
export async function reopen(db: Db, competitionId: string, reason: string, actorId: string) {
  const competition = await findCompetition(db, competitionId);
  if (competition.finalizedAt === null)
    throw conflict("The results are not final: there is nothing to reopen.", { reason: "results_not_final" });
  const now = Date.now();
  await db.batch([
    db.update(gymCompetition).set({ finalizedAt: null, updatedAt: now }).where(eq(gymCompetition.id, competitionId)),
    competitionAudit(db, { competitionId, at: now, actorId, action: "reopen", reason }),
  ]);
  return resultsOf(db, competitionId);
}

/** Why an all-arounder has no total, in words: "did not start: floor; no score yet: vault". */
export function missingText(missing: MissingApparatus[]): string {
  return missing
    .map((m) => `${m.reason === "did_not_start" ? "did not start" : "no score yet"}: ${m.apparatus}`)
    .join("; ");
}

/**
 * The results as rows of a spreadsheet: each apparatus, then the all-around, best first, and the
 * all-arounders without a total after them, with no place and what is missing. A final the head
 * judge set in place of the computed one says so, since its D and E no longer add up to it.
 */
export function resultsTable(results: GymResults): Cell[][] {
  const header: Cell[] = ["ranking", "place", "bib", "athlete", "team", "D", "E", "score", "note"];
  type Who = { athlete: { bib: number; name: string; team: string | null } | null };
  const who = (r: Who): Cell[] => [r.athlete?.bib ?? null, r.athlete?.name ?? null, r.athlete?.team ?? null];
  return [
    header,
    ...results.apparatus.flatMap((a) =>
      a.ranking.map((r) => [
        a.apparatus,
        r.place,
        ...who(r),
        formatScore(r.d),
        formatScore(r.e),
        formatScore(r.final),
        r.overridden ? "final set by the head judge" : null,
      ]),
    ),
    ...results.all_around.map((r) => [
      "all-around",
      r.place,
      ...who(r),
      formatScore(r.d),
      formatScore(r.e),
      formatScore(r.total),
      null,
    ]),
    ...results.all_around_unranked.map((r) => [
      "all-around",
      null,
      ...who(r),
      null,
      null,
      null,
      missingText(r.missing),
    ]),
  ];
}
