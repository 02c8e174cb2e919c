// The competition's live protocol (Scoreboard object): spectators get the standings, the latest
// scores and who is performing; judges also get their scoring tasks. On connect a snapshot with a
// version; then changes carry consecutive versions; on a gap the client sends "resync".
import type { Standings } from "./standings";

export interface LiveScore {
  session_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  d: number;
  e: number;
  neutral: number;
  final: number;
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
  | { type: "pong"; id: string; serverTime: string }
  | { type: "error"; message: string }
  | ScoringTask;
