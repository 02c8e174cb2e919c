// Playing a contest one question at a time, as a chat does (the web page shows them all at once):
// which contests a student may join now, and where a contestant stands in one — the contest's
// phase by its object's clock, their place, and the question at a given position. Answers go
// through answerContest (contests.ts), so the contest's object stays the one judge and clock.
import { conflict } from "../../lib/problem";
import type { Student, TrainerPorts } from "../ports";
import { contestView, listContests } from "./contests";
import type { QuestionView } from "./views";

/** How many of the ranking's first places a turn carries. */
const LEADERS = 10;

export interface JoinableContest {
  id: string;
  title: string;
  subject: string;
  startsAt: string;
  endsAt: string;
  /** Under way now; otherwise about to start. */
  running: boolean;
}

/**
 * Contests not over yet (their objects still take contestants), the soonest-ending first. `now`
 * only sorts them into running and ahead; the contest's object decides whether one may be joined.
 */
export async function joinableContests(ports: TrainerPorts, now: number): Promise<JoinableContest[]> {
  return (await listContests(ports))
    .filter((c) => Date.parse(c.endsAt) > now)
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt))
    .map((c) => ({ ...c, running: Date.parse(c.startsAt) <= now }));
}

export interface ContestTurn {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** By the contest object's clock. */
  phase: "not_started" | "running" | "over";
  standing: { place: number; score: number; answered: number };
  contestants: number;
  leaders: { place: number; name: string; score: number }[];
  /** Known once the contest has started. */
  questionCount: number | null;
  /** The question at the position asked for, while the contest runs and it has one there. */
  question: { position: number; view: QuestionView } | null;
}

/**
 * A contestant's turn: the contest's phase, their place, and its question at `position` (from 0;
 * by default the one after as many as they have answered, which is where a chat that asks them in
 * order stands). Only for contestants: someone who has not joined is refused (`not_joined`).
 */
export async function contestTurn(
  ports: TrainerPorts,
  student: Student,
  id: string,
  position?: number,
): Promise<ContestTurn> {
  const contest = await contestView(ports, id);
  const { ranking } = contest;
  const mine = ranking.standings.find((s) => s.studentId === student.id);
  if (!mine) throw conflict("Join the contest first.", { reason: "not_joined" });
  const phase =
    ranking.serverTime < ranking.startsAt ? "not_started" : ranking.serverTime >= ranking.endsAt ? "over" : "running";
  const at = position ?? mine.answered;
  const view = phase === "running" ? contest.questions?.[at] : undefined;
  return {
    id: contest.id,
    title: contest.title,
    startsAt: contest.startsAt,
    endsAt: contest.endsAt,
    phase,
    standing: { place: mine.place, score: mine.score, answered: mine.answered },
    contestants: ranking.standings.length,
    leaders: ranking.standings.slice(0, LEADERS).map(({ place, name, score }) => ({ place, name, score })),
    questionCount: contest.questions?.length ?? null,
    question: view ? { position: at, view } : null,
  };
}
