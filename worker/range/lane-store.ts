// The RangeLane object's own SQLite: the lane's discipline, its sessions, every shot they took,
// the device tokens it accepts, and which shots still have to go to statistics. Kept apart from
// the object so the object file only wires its lifecycle.
import { ensureSchema, type Migrations } from "../lib/object-schema";
import type { Shot } from "./contract";
import type { LiveSession } from "./protocol";
import type { Discipline, Score } from "./rules";

const MIGRATIONS: Migrations = [
  [
    "CREATE TABLE lane (id INTEGER PRIMARY KEY CHECK (id = 1), range_id TEXT NOT NULL, discipline TEXT NOT NULL, version INTEGER NOT NULL)",
    `CREATE TABLE session (booking_id TEXT PRIMARY KEY, shooter_id TEXT NOT NULL, ends_at INTEGER NOT NULL,
      started_at INTEGER NOT NULL, ended_at INTEGER, matches INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE shot (booking_id TEXT NOT NULL, shot_id TEXT NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL,
      at INTEGER NOT NULL, sighter INTEGER NOT NULL, match_number INTEGER, ring INTEGER NOT NULL,
      decimal INTEGER NOT NULL, inner_ten INTEGER NOT NULL, queued INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (booking_id, shot_id))`,
    "CREATE INDEX shot_unqueued ON shot (queued) WHERE queued = 0",
    "CREATE TABLE token (id TEXT PRIMARY KEY, revoked INTEGER NOT NULL)",
  ],
];

export interface StoredSession {
  bookingId: string;
  shooterId: string;
  endsAt: number;
  startedAt: number;
  endedAt: number | null;
  /** Match shots taken so far (the next one's number is this + 1). */
  matches: number;
}

/** A shot as the statistics queue gets it. */
export interface ShotRecord {
  booking_id: string;
  shot_id: string;
  user_id: string;
  x: number;
  y: number;
  at: number;
  sighter: boolean;
  match_number: number | null;
  ring: number;
  decimal: number;
  inner_ten: boolean;
}

type Row = Record<string, SqlStorageValue>;

const toSession = (r: Row): StoredSession => ({
  bookingId: r.booking_id as string,
  shooterId: r.shooter_id as string,
  endsAt: r.ends_at as number,
  startedAt: r.started_at as number,
  endedAt: r.ended_at as number | null,
  matches: r.matches as number,
});

export const presentSession = (s: StoredSession): LiveSession => ({
  booking_id: s.bookingId,
  shooter_id: s.shooterId,
  started_at: new Date(s.startedAt).toISOString(),
  ended_at: s.endedAt === null ? null : new Date(s.endedAt).toISOString(),
});

function presentShot(r: Row): Shot {
  return {
    shot_id: r.shot_id as string,
    x: (r.x as number) / 100,
    y: (r.y as number) / 100,
    at: new Date(r.at as number).toISOString(),
    kind: r.sighter ? "sighter" : "match",
    match_number: r.match_number as number | null,
    ring: r.ring as number,
    decimal: (r.decimal as number) / 10,
    inner_ten: r.inner_ten === 1,
  };
}

type Lane = { rangeId: string; discipline: Discipline; version: number };

/**
 * Every shot reads the lane, its latest session and its token, and they change rarely; only this
 * store writes them, on the object's one thread, so it keeps copies (undefined: not read since
 * the last change) and a shot costs one or two writes, not eight statements.
 */
export class LaneStore {
  #lane: Lane | null | undefined;
  #latest: StoredSession | null | undefined;
  readonly #tokens = new Map<string, "valid" | "revoked" | "unknown">();

  constructor(private readonly sql: SqlStorage) {
    ensureSchema(sql, MIGRATIONS);
  }

  lane(): Lane | null {
    if (this.#lane === undefined) {
      const row = this.sql.exec("SELECT range_id, discipline, version FROM lane").toArray()[0];
      this.#lane = row
        ? { rangeId: row.range_id as string, discipline: row.discipline as Discipline, version: row.version as number }
        : null;
    }
    return this.#lane;
  }

  configure(rangeId: string, discipline: Discipline): void {
    this.#lane = undefined;
    this.sql.exec(
      `INSERT INTO lane (id, range_id, discipline, version) VALUES (1, ?, ?, 0)
       ON CONFLICT (id) DO UPDATE SET range_id = excluded.range_id, discipline = excluded.discipline`,
      rangeId,
      discipline,
    );
  }

  /** The lane's next version, for what is sent to its watchers. */
  bump(): number {
    const version = this.sql.exec("UPDATE lane SET version = version + 1 RETURNING version").one().version as number;
    const lane = this.#lane;
    if (lane) this.#lane = { ...lane, version };
    return version;
  }

  /** The running session, if any. */
  running(): StoredSession | null {
    const row = this.sql.exec("SELECT * FROM session WHERE ended_at IS NULL").toArray()[0];
    return row ? toSession(row) : null;
  }

  /** The session running, or else the one that ended last: what the live page shows. */
  latest(): StoredSession | null {
    if (this.#latest === undefined) {
      const row = this.sql
        .exec("SELECT * FROM session ORDER BY ended_at IS NULL DESC, started_at DESC LIMIT 1")
        .toArray()[0];
      this.#latest = row ? toSession(row) : null;
    }
    return this.#latest;
  }

  session(bookingId: string): StoredSession | null {
    const row = this.sql.exec("SELECT * FROM session WHERE booking_id = ?", bookingId).toArray()[0];
    return row ? toSession(row) : null;
  }

  start(bookingId: string, shooterId: string, endsAt: number, now: number): void {
    this.#latest = undefined;
    this.sql.exec(
      "INSERT INTO session (booking_id, shooter_id, ends_at, started_at) VALUES (?, ?, ?, ?)",
      bookingId,
      shooterId,
      endsAt,
      now,
    );
  }

  end(bookingId: string, now: number): void {
    this.#latest = undefined;
    this.sql.exec("UPDATE session SET ended_at = ? WHERE booking_id = ? AND ended_at IS NULL", now, bookingId);
  }

  shot(bookingId: string, shotId: string): Shot | null {
    const row = this.sql
      .exec("SELECT * FROM shot WHERE booking_id = ? AND shot_id = ?", bookingId, shotId)
      .toArray()[0];
    return row ? presentShot(row) : null;
  }

  shotsOf(bookingId: string): Shot[] {
    return this.sql
      .exec("SELECT * FROM shot WHERE booking_id = ? ORDER BY at, rowid", bookingId)
      .toArray()
      .map(presentShot);
  }

  /**
   * Stores a scored shot of the latest session (a match shot takes its next match number) and
   * returns it as stored; null if the session already has a shot with this id.
   */
  addShot(shot: { id: string; x: number; y: number; at: number; sighter: boolean }, score: Score): Shot | null {
    const session = this.latest();
    if (!session) throw new Error("a shot needs a session");
    const matchNumber = shot.sighter ? null : session.matches + 1;
    const inserted = this.sql
      .exec(
        `INSERT INTO shot (booking_id, shot_id, x, y, at, sighter, match_number, ring, decimal, inner_ten)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
        session.bookingId,
        shot.id,
        shot.x,
        shot.y,
        shot.at,
        shot.sighter ? 1 : 0,
        matchNumber,
        score.ring,
        score.decimal,
        score.innerTen ? 1 : 0,
      )
      .toArray()[0];
    if (!inserted) return null;
    if (matchNumber !== null) {
      this.sql.exec("UPDATE session SET matches = ? WHERE booking_id = ?", matchNumber, session.bookingId);
      this.#latest = { ...session, matches: matchNumber };
    }
    return presentShot(inserted);
  }

  /** Shots not yet handed to the statistics queue, oldest first. */
  unqueued(limit: number): ShotRecord[] {
    return this.sql
      .exec(
        `SELECT s.*, se.shooter_id FROM shot s JOIN session se ON se.booking_id = s.booking_id
         WHERE s.queued = 0 ORDER BY s.rowid LIMIT ?`,
        limit,
      )
      .toArray()
      .map((r) => ({
        booking_id: r.booking_id as string,
        shot_id: r.shot_id as string,
        user_id: r.shooter_id as string,
        x: r.x as number,
        y: r.y as number,
        at: r.at as number,
        sighter: r.sighter === 1,
        match_number: r.match_number as number | null,
        ring: r.ring as number,
        decimal: r.decimal as number,
        inner_ten: r.inner_ten === 1,
      }));
  }

  markQueued(shots: ShotRecord[]): void {
    this.sql.exec(
      `UPDATE shot SET queued = 1 FROM json_each(?) AS sent
       WHERE shot.booking_id = sent.value ->> 'booking_id' AND shot.shot_id = sent.value ->> 'shot_id'`,
      JSON.stringify(shots.map(({ booking_id, shot_id }) => ({ booking_id, shot_id }))),
    );
  }

  allowToken(id: string): void {
    this.#tokens.delete(id);
    this.sql.exec("INSERT INTO token (id, revoked) VALUES (?, 0) ON CONFLICT (id) DO NOTHING", id);
  }

  revokeToken(id: string): void {
    this.#tokens.delete(id);
    this.sql.exec("INSERT INTO token (id, revoked) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET revoked = 1", id);
  }

  tokenState(id: string): "valid" | "revoked" | "unknown" {
    let state = this.#tokens.get(id);
    if (!state) {
      const row = this.sql.exec("SELECT revoked FROM token WHERE id = ?", id).toArray()[0];
      state = !row ? "unknown" : row.revoked ? "revoked" : "valid";
      this.#tokens.set(id, state);
    }
    return state;
  }
}
