// The range lane's WebSocket protocol, shared by the RangeLane object and the web client. On
// connect the server sends a snapshot (the lane's latest session and its shots) with a version;
// then every shot and session change carries the next version. A client that sees a gap (or
// reconnects) sends {"type":"resync"} (lib/live.ts) and gets a snapshot again.

import type { Shot } from "./contract";
import type { Discipline } from "./rules";

export interface LiveSession {
  booking_id: string;
  shooter_id: string;
  started_at: string;
  ended_at: string | null;
}

export type ServerMessage =
  | {
      type: "snapshot";
      version: number;
      lane: { id: string; discipline: Discipline };
      session: LiveSession | null;
      shots: Shot[];
    }
  /** A shot scored and stored. */
  | { type: "shot"; version: number; booking_id: string; shot: Shot }
  /** A session started or ended. */
  | { type: "session"; version: number; session: LiveSession }
  | { type: "pong"; id: string; serverTime: string }
  | { type: "error"; message: string };

/** Close codes the client treats as final (no reconnect): not this person's lane to watch. */
export const CLOSE_NOT_YOURS = 4403;
