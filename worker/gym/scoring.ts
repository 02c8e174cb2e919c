// Use cases of live scoring: opening a session for an athlete on an apparatus, judges' marks,
// closing and publishing. Each session is a ScoringSession object; this module finds it.
import { and, eq } from "drizzle-orm";
import { type Grant, holdsRole } from "../auth/rules";
import type { Db } from "../db";
import { gymAthlete, gymCompetition, gymDidNotStart, gymPanelSeat } from "../db/schema";
import { badRequest, conflict, notFound } from "../lib/problem";
import { unwrap } from "../lib/rpc";
import type { OpenSessionRequest, SubmitScoreRequest } from "./contract";
import { competitionScope, sessionName } from "./panel";
import type { PendingTask } from "./protocol";
import { standingsRules } from "./results";
import type { SchemaId } from "./rules";
import { activeFor } from "./service";

/** The competition and apparatus a session name belongs to, or null if it is no session name. */
export function parseSessionName(name: string): { competitionId: string; apparatus: string } | null {
  const match = name.match(/^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\.(\d+)$/);
  return match ? { competitionId: match[1] as string, apparatus: match[3] as string } : null;
}

/** Who may watch a session live (its marks, its audit log): the competition's head judge and secretary. */
export function mayWatchSession(name: string, grants: readonly Grant[]): boolean {
  const session = parseSessionName(name);
  if (!session) return false;
  const scope = competitionScope(session.competitionId);
  return holdsRole(grants, "head_judge", scope) || holdsRole(grants, "secretary", scope);
}

export function scoringSession(env: Env, name: string) {
  return env.SCORING_SESSION.getByName(name);
}

export async function openSession(env: Env, db: Db, input: OpenSessionRequest, actorId: string) {
  const competition = await db.select().from(gymCompetition).where(eq(gymCompetition.id, input.event_id)).get();
  if (!competition) throw notFound(`No competition ${input.event_id}.`);
  if (competition.status !== "running")
    throw conflict(`The competition is ${competition.status}: start it first.`, {
      reason: "competition_not_running",
      competition_status: competition.status,
    });
  if (competition.finalizedAt !== null)
    throw conflict("The results are final; the head judge must reopen them first.", { reason: "results_final" });
  if (!competition.apparatus.includes(input.apparatus)) {
    throw badRequest(`This competition has no ${input.apparatus}.`, [
      { path: "apparatus", code: "invalid_value", message: `One of: ${competition.apparatus.join(", ")}.` },
    ]);
  }
  const athlete = await db
    .select()
    .from(gymAthlete)
    .where(and(eq(gymAthlete.id, input.athlete_id), eq(gymAthlete.competitionId, competition.id)))
    .get();
  if (!athlete) throw notFound(`No athlete ${input.athlete_id} in this competition.`);
  const notStarting = await db
    .select()
    .from(gymDidNotStart)
    .where(and(eq(gymDidNotStart.athleteId, athlete.id), eq(gymDidNotStart.apparatus, input.apparatus)))
    .get();
  if (notStarting) {
    throw conflict(`${athlete.name} is recorded as not starting on ${input.apparatus}.`, {
      reason: "did_not_start",
      athlete: athlete.name,
      apparatus: input.apparatus,
    });
  }
  const seats = await db
    .select({ position: gymPanelSeat.position, userId: gymPanelSeat.userId })
    .from(gymPanelSeat)
    .where(and(eq(gymPanelSeat.competitionId, competition.id), eq(gymPanelSeat.apparatus, input.apparatus)));
  if (seats.length === 0) {
    throw conflict(`No judge is seated on ${input.apparatus} yet.`, {
      reason: "no_judges",
      apparatus: input.apparatus,
    });
  }

  const name = sessionName(competition.id, athlete.id, input.apparatus, input.attempt);
  const session = unwrap(
    await scoringSession(env, name).open({
      competitionId: competition.id,
      athleteId: athlete.id,
      athleteName: athlete.name,
      apparatus: input.apparatus,
      attempt: input.attempt,
      schema: competition.schema as SchemaId,
      rounding: competition.rounding,
      seats: seats.map((s) => s.position).sort(),
      judges: Object.fromEntries(seats.map((s) => [s.position, s.userId])),
      deadline: Date.now() + input.deadline_seconds * 1000,
      actorId,
    }),
  );
  if (session.status === "open") {
    const board = env.SCOREBOARD.getByName(competition.id);
    await board.configure(standingsRules(competition));
    await board.sessionOpened({
      action: "new_scoring",
      session_id: session.session_id,
      athlete: session.athlete,
      apparatus: session.apparatus,
      deadline: session.deadline,
    });
  }
  return session;
}

export async function submitScore(env: Env, input: SubmitScoreRequest, judgeId: string) {
  return unwrap(
    await scoringSession(env, input.session_id).submitMark({
      position: input.position,
      value: input.value,
      clientId: input.client_id,
      judgeId,
    }),
  );
}

/** The judge's tasks: open sessions on their panels that still wait for their mark. */
export async function pendingFor(env: Env, db: Db, judgeId: string): Promise<PendingTask[]> {
  const assignments = await activeFor(db, judgeId);
  const perCompetition = await Promise.all(
    assignments.map(async ({ competition, seats }) => {
      const performing = await env.SCOREBOARD.getByName(competition.id).performing();
      const asked = performing.flatMap((p) =>
        seats.filter((seat) => seat.apparatus === p.apparatus).map((seat) => ({ session_id: p.session_id, seat })),
      );
      const open = await Promise.all(
        asked.map(async (a) => ({ ...a, pending: await scoringSession(env, a.session_id).pendingSeats() })),
      );
      return open.flatMap(({ seat, pending }) =>
        pending?.missing.includes(seat.position)
          ? [
              {
                session_id: pending.session_id,
                competition_id: competition.id,
                athlete: pending.athlete,
                apparatus: pending.apparatus,
                attempt: pending.attempt,
                position: seat.position,
                deadline: pending.deadline,
              },
            ]
          : [],
      );
    }),
  );
  return perCompetition.flat();
}
