// The event line's WebSocket protocol, shared by the EventLine object and the web client.
// On connect the server sends a snapshot; then every line change carries the next version.
// A client that sees a gap (or reconnects) sends "resync" and gets a snapshot again.
import type { Bet, BettingEvent } from "./contract";

export type ServerMessage =
  /** Everything: the line, and the connected bettor's own bets on it. */
  | { type: "snapshot"; version: number; event: BettingEvent; bets: Bet[]; serverTime: string }
  /** The line changed: odds, deadline or status. */
  | { type: "event"; version: number; event: BettingEvent }
  /** Some of the connected bettor's bets were placed or settled. */
  | { type: "bets"; bets: Bet[] }
  | { type: "pong"; id: string; serverTime: string }
  | { type: "error"; message: string };

/** Close codes the client treats as final (no reconnect). */
export const CLOSE_NO_SUCH_EVENT = 4404;
