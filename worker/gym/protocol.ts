// The competition's live protocol (Scoreboard object): spectators get the standings, the latest
// scores and who is performing; judges also get their scoring tasks. On connect a snapshot with a
// version; then changes carry consecutive versions; on a gap the client sends "resync".
import type { SessionScore } from "./marks";
import type { ApparatusStanding, Standings } from "./standings";

export interface LiveScore {
  session_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  d: number;
  e: number;
  neutral: number;
  final: number;
  /** The head judge set the final in place of the computed one (D + E − ND no longer adds up). */
  overridden: boolean;
  /** Each seat's mark and what counted. */
  breakdown: unknown;
}

export interface Performing {
  session_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  deadline: string;
}

export interface ScoringTask {
  action: "new_scoring";
  session_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  deadline: string;
  /** Set when the head judge asks one seat to score again: the task is that seat's only. */
  position?: string;
}

/** An open session's seats still without a mark, as a judge's task list asks for them. */
export interface PendingSeats {
  session_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  deadline: string;
  missing: string[];
}

/** A seat's task as GET /gym/scores/pending lists it: a session still waiting for that seat's mark. */
export interface PendingTask {
  session_id: string;
  competition_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  position: string;
  deadline: string;
}

export type ServerMessage =
  | { type: "snapshot"; version: number; standings: Standings; latest: LiveScore[]; performing: Performing[] }
  /** A score was published: it, with its place, and the standings after it. */
  | {
      type: "score";
      version: number;
      score: LiveScore;
      place: number | null;
      standings: Standings;
      performing: Performing[];
    }
  | { type: "performing"; version: number; performing: Performing[] }
  /** The standings changed without a new score (an athlete did not start, or the record was taken back). */
  | { type: "standings"; version: number; standings: Standings; performing: Performing[] }
  | { type: "pong"; id: string; serverTime: string }
  | { type: "error"; message: string }
  | ScoringTask;

/**
 * A scoring session's life: open to marks, closed for the head judge's review, published; or
 * withdrawn when the secretary records that the athlete did not start.
 */
export type SessionStatus = "open" | "closed" | "published" | "withdrawn";

/** A coach's request to review a published D score, and the superior jury's answer. */
export interface Inquiry {
  id: string;
  asked_by: string;
  asked_at: string;
  status: "pending" | "accepted" | "rejected";
  d_before: number;
  d_after: number | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

export interface MarkAck {
  client_id: string;
  session_id: string;
  position: string;
  value: number;
  /** True when this client id had been received before: nothing changed. */
  duplicate: boolean;
}

export interface SessionView {
  session_id: string;
  competition_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  status: SessionStatus;
  deadline: string;
  version: number;
  seats: { position: string; value: number | null }[];
  missing: string[];
  neutral: number;
  /** The D score entered for the D panel (its judges differed), with the reason. */
  agreed_d: { value: number; reason: string } | null;
  /** The score the marks give now (or the head judge's override); null until the marks give one. */
  score: SessionScore | null;
  /** Why there is no score yet, in words (empty once there is one). */
  why_no_score: string[];
  /** Inquiries on the published score, oldest first. */
  inquiries: Inquiry[];
  audit: AuditEntry[];
}

/** One step in an audit log: who did what, when, to which seat, the value before and after, why. */
export interface AuditEntry {
  at: string;
  actor_id: string;
  action: string;
  position: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** What the head judge's and secretary's sockets get whenever the session changes. */
export type SessionFrame = { type: "session"; session: SessionView };

/** Who a results row is, from the start list (null for an athlete since removed). */
export type StartListEntry = { name: string; team: string | null; bib: number } | null;

/** Results of a competition (GET /gym/leaderboard, /gym/results/{id}): official once finalized. */
export interface GymResults {
  competition: { id: string; name: string; status: string };
  official: boolean;
  apparatus: { apparatus: string; ranking: (ApparatusStanding["ranking"][number] & { athlete: StartListEntry })[] }[];
  /** False for a competition of one apparatus: it has no all-around. */
  has_all_around: boolean;
  all_around: (Standings["allAround"][number] & { athlete: StartListEntry })[];
  /** Athletes without a score on every apparatus: after the ranked ones, no place, with what is missing. */
  all_around_unranked: (Standings["allAroundUnranked"][number] & { athlete: StartListEntry })[];
  latest: {
    athleteId: string;
    athlete: StartListEntry;
    apparatus: string;
    attempt: number;
    d: number;
    e: number;
    final: number;
    overridden: boolean;
    breakdown: unknown;
    display: string;
  }[];
}

/** An athlete and every published score of theirs (GET /gym/athletes/{id}/scores). */
export interface AthleteScores {
  athlete: { id: string; name: string; team: string | null; bib: number; competition_id: string };
  scores: {
    session_id: string;
    apparatus: string;
    attempt: number;
    d: number;
    e: number;
    neutral: number;
    final: number;
    display: string;
    breakdown: unknown;
    published_at: string;
  }[];
}
