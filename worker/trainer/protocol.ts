// A trainer contest's WebSocket protocol, shared by the TrainerContest object and the web client.
// On connect the server sends a snapshot of the ranking with its version; then every join and
// every counted answer sends the ranking again with the next version. A client that sees a gap
// (or reconnects) sends {"type":"resync"} (lib/live.ts) and gets a snapshot again. Anyone may
// watch, as anyone may read the contest over HTTP; answers go over HTTP (POST …/answers).
import type { Ranking } from "./ports";

export type ServerMessage =
  | { type: "snapshot"; version: number; ranking: Ranking }
  /** Someone joined, or an answer was counted: the whole ranking, small enough to send whole. */
  | { type: "ranking"; version: number; ranking: Ranking }
  | { type: "pong"; id: string; serverTime: string }
  | { type: "error"; message: string };

/** Close codes the client treats as final (no reconnect): the object holds no such contest. */
export const CLOSE_NO_SUCH_CONTEST = 4404;
