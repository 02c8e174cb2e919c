// PersonSockets: one per person, the live objects where they have (or had) a socket open with a
// session, so that the Worker can have those sockets closed the moment the session ends (logout,
// password change) or the person's roles change. Rows are written when a signed-in socket opens
// (the Worker calls `opened`) and go when they are revoked; an object whose sockets have closed
// since just answers that it closed none. Built on partyserver's Server like every object here,
// though it has no sockets of its own (under the vitest plugin a bare DurableObject writing its
// storage from this path kept parallel test files from ever finishing).
import { Server } from "partyserver";
import { ensureSchema, type Migrations } from "../worker/lib/object-schema";

const MIGRATIONS: Migrations = [
  [
    `CREATE TABLE link (session_id TEXT NOT NULL, binding TEXT NOT NULL, room TEXT NOT NULL, opened_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, binding, room))`,
  ],
];

/** Sessions that have not opened a socket for this long are forgotten (sessions last 30 days). */
const FORGET_AFTER_MS = 31 * 24 * 60 * 60 * 1000;

/** The live objects that can close a person's sockets, by binding. */
export const REVOCABLE = ["EVENT_LINE", "SCOREBOARD", "SCORING_SESSION", "RANGE_LANE", "TRAINER_CONTEST"] as const;
export type RevocableBinding = (typeof REVOCABLE)[number];

export class PersonSockets extends Server<Cloudflare.Env> {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, MIGRATIONS);
  }

  /** A socket opened with this session at this object. */
  async opened(sessionId: string, binding: RevocableBinding, room: string): Promise<void> {
    const now = Date.now();
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO link (session_id, binding, room, opened_at) VALUES (?, ?, ?, ?)",
      sessionId,
      binding,
      room,
      now,
    );
    this.ctx.storage.sql.exec("DELETE FROM link WHERE opened_at < ?", now - FORGET_AFTER_MS);
  }

  /**
   * Closes the person's sockets: of one session (it ended), or all of them (their password or
   * roles changed: each reconnects as who they are now). Returns how many were closed.
   */
  async revoke(userId: string, sessionId: string | null): Promise<number> {
    const sql = this.ctx.storage.sql;
    const links = (
      sessionId
        ? sql.exec("SELECT DISTINCT binding, room FROM link WHERE session_id = ?", sessionId)
        : sql.exec("SELECT DISTINCT binding, room FROM link")
    ).toArray() as { binding: RevocableBinding; room: string }[];
    const closed = await Promise.all(
      links.map(({ binding, room }) => this.env[binding].getByName(room).revokeSockets(userId, sessionId)),
    );
    if (sessionId) sql.exec("DELETE FROM link WHERE session_id = ?", sessionId);
    else sql.exec("DELETE FROM link");
    return closed.reduce((a, b) => a + b, 0);
  }
}
