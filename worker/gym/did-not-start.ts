// The secretary's record that an athlete will not compete on an apparatus: kept in D1 (audited),
// shown in the standings (no all-around total, "did not start" instead), and it ends that
// athlete's open session there, so the judges' task ends with it.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { gymAthlete, gymDidNotStart } from "../db/schema";
import { badRequest, notFound } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import { competitionAudit } from "./audit-store";
import { assertNotFinalized, findCompetition, standingsRules } from "./results";
import { scoringSession } from "./scoring";

export interface DidNotStartRequest {
  competitionId: string;
  athleteId: string;
  apparatus: string;
  actorId: string;
}

async function athleteOn(db: Db, { competitionId, athleteId, apparatus }: DidNotStartRequest) {
  const competition = await findCompetition(db, competitionId);
  if (!competition.apparatus.includes(apparatus)) {
    throw badRequest(`This competition has no ${apparatus}.`, [
      { path: "apparatus", code: "invalid_value", message: `One of: ${competition.apparatus.join(", ")}.` },
    ]);
  }
  const athlete = await db
    .select()
    .from(gymAthlete)
    .where(and(eq(gymAthlete.id, athleteId), eq(gymAthlete.competitionId, competitionId)))
    .get();
  if (!athlete) throw notFound(`No athlete ${athleteId} in this competition.`);
  await assertNotFinalized(db, competitionId);
  return { athlete, competition };
}

/** Records it (again: nothing changes), audits it, tells the hall, ends an open session for it. */
export async function recordDidNotStart(env: Env, db: Db, request: DidNotStartRequest): Promise<void> {
  const { athlete, competition } = await athleteOn(db, request);
  const { competitionId, athleteId, apparatus, actorId } = request;
  const now = Date.now();
  const inserted = await db
    .insert(gymDidNotStart)
    .values({ competitionId, athleteId, apparatus, recordedBy: actorId, recordedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted.length) {
    await competitionAudit(db, {
      competitionId,
      at: now,
      actorId,
      action: "did_not_start",
      after: `${athlete.name} · ${apparatus}`,
    });
  }
  const board = env.SCOREBOARD.getByName(competitionId);
  await board.configure(standingsRules(competition));
  const open = (await board.performing()).filter((p) => p.athlete.id === athleteId && p.apparatus === apparatus);
  for (const p of open) unwrap(await scoringSession(env, p.session_id).withdraw(actorId));
  await board.didNotStart({ athleteId, apparatus }, true);
}

/** Takes the record back (it was a mistake): audited; the athlete may be scored there again. */
export async function withdrawDidNotStart(env: Env, db: Db, request: DidNotStartRequest): Promise<void> {
  const { athlete } = await athleteOn(db, request);
  const { competitionId, athleteId, apparatus, actorId } = request;
  const deleted = await db
    .delete(gymDidNotStart)
    .where(and(eq(gymDidNotStart.athleteId, athleteId), eq(gymDidNotStart.apparatus, apparatus)))
    .returning();
  if (!deleted.length) throw notFound(`${athlete.name} is not recorded as not starting on ${apparatus}.`);
  await competitionAudit(db, {
    competitionId,
    at: Date.now(),
    actorId,
    action: "did_not_start_withdrawn",
    before: `${athlete.name} · ${apparatus}`,
  });
  await env.SCOREBOARD.getByName(competitionId).didNotStart({ athleteId, apparatus }, false);
}
