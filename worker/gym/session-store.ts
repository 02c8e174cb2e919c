// A ScoringSession's own storage (the Durable Object's SQLite): the session, each seat's
// current mark, every client id ever received per judge and seat (so a resend is recognised), and
// the audit log.
import { ensureSchema, type Migrations } from "../lib/object-schema";
import type { SessionStatus } from "./protocol";
import type { Rounding, SchemaId } from "./rules";

export interface Session {
  id: string;
  competitionId: string;
  athleteId: string;
  athleteName: string;
  apparatus: string;
  attempt: number;
  schema: SchemaId;
  rounding: Rounding;
  /** The panel's seats for this apparatus when the session opened. */
  seats: string[];
  /** Who sat at each seat when the session opened: only that account may mark it. */
  judges: Record<string, string>;
  deadline: number;
  status: SessionStatus;
  neutral: number;
  /** The head judge's final score in place of the computed one, with the reason; null if none. */
  override: { value: number; reason: string } | null;
  /** The D score entered in place of the D judges' (they disagreed), with the reason; null if none. */
  agreedD: { value: number; reason: string } | null;
  version: number;
  openedBy: string;
  openedAt: number;
  publishedAt: number | null;
}

export interface StoredMark {
  position: string;
  value: number;
  clientId: string;
  judgeId: string;
  at: number;
}

export interface AuditRecord {
  seq: number;
  at: number;
  actorId: string;
  action: string;
  position: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

const MIGRATIONS: Migrations = [
  [
    `CREATE TABLE session (
      id TEXT PRIMARY KEY, competition_id TEXT NOT NULL, athlete_id TEXT NOT NULL, athlete_name TEXT NOT NULL,
      apparatus TEXT NOT NULL, attempt INTEGER NOT NULL, schema TEXT NOT NULL, rounding TEXT NOT NULL,
      seats TEXT NOT NULL, deadline INTEGER NOT NULL, status TEXT NOT NULL, neutral INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL, opened_by TEXT NOT NULL, opened_at INTEGER NOT NULL, published_at INTEGER,
      d1_synced_version INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE mark (position TEXT PRIMARY KEY, value INTEGER NOT NULL, client_id TEXT NOT NULL,
      judge_id TEXT NOT NULL, at INTEGER NOT NULL)`,
    "CREATE TABLE received (client_id TEXT PRIMARY KEY, position TEXT NOT NULL, value INTEGER NOT NULL)",
    `CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT NOT NULL,
      action TEXT NOT NULL, position TEXT, before TEXT, after TEXT, reason TEXT)`,
  ],
  ["ALTER TABLE session ADD COLUMN override INTEGER", "ALTER TABLE session ADD COLUMN override_reason TEXT"],
  [
    // Sessions opened before seats were recorded have no judges: no one can mark them any more.
    "ALTER TABLE session ADD COLUMN judges TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE session ADD COLUMN agreed_d INTEGER",
    "ALTER TABLE session ADD COLUMN agreed_d_reason TEXT",
    // A client id is the judge's own, at one seat: the same id from someone else is a new command.
    `CREATE TABLE received_at_seat (judge_id TEXT NOT NULL, position TEXT NOT NULL, client_id TEXT NOT NULL,
      value INTEGER NOT NULL, PRIMARY KEY (judge_id, position, client_id))`,
    `INSERT INTO received_at_seat SELECT COALESCE(m.judge_id, ''), r.position, r.client_id, r.value
      FROM received r LEFT JOIN mark m ON m.client_id = r.client_id`,
    "DROP TABLE received",
    "ALTER TABLE received_at_seat RENAME TO received",
  ],
  [
    `CREATE TABLE inquiry (id TEXT PRIMARY KEY, asked_by TEXT NOT NULL, asked_at INTEGER NOT NULL,
      status TEXT NOT NULL, d_before INTEGER NOT NULL, d_after INTEGER, decided_by TEXT, decided_at INTEGER,
      reason TEXT, synced INTEGER NOT NULL DEFAULT 0)`,
  ],
];

export interface StoredInquiry {
  id: string;
  askedBy: string;
  askedAt: number;
  status: "pending" | "accepted" | "rejected";
  dBefore: number;
  dAfter: number | null;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
}

const toInquiry = (r: Row): StoredInquiry => ({
  id: r.id as string,
  askedBy: r.asked_by as string,
  askedAt: r.asked_at as number,
  status: r.status as StoredInquiry["status"],
  dBefore: r.d_before as number,
  dAfter: r.d_after as number | null,
  decidedBy: r.decided_by as string | null,
  decidedAt: r.decided_at as number | null,
  reason: r.reason as string | null,
});

type Row = Record<string, SqlStorageValue>;

const toSession = (r: Row): Session => ({
  id: r.id as string,
  competitionId: r.competition_id as string,
  athleteId: r.athlete_id as string,
  athleteName: r.athlete_name as string,
  apparatus: r.apparatus as string,
  attempt: r.attempt as number,
  schema: r.schema as SchemaId,
  rounding: r.rounding as Rounding,
  seats: JSON.parse(r.seats as string) as string[],
  judges: JSON.parse(r.judges as string) as Record<string, string>,
  deadline: r.deadline as number,
  status: r.status as SessionStatus,
  neutral: r.neutral as number,
  override: r.override === null ? null : { value: r.override as number, reason: r.override_reason as string },
  agreedD: r.agreed_d === null ? null : { value: r.agreed_d as number, reason: r.agreed_d_reason as string },
  version: r.version as number,
  openedBy: r.opened_by as string,
  openedAt: r.opened_at as number,
  publishedAt: r.published_at as number | null,
});

export class SessionStore {
  constructor(private readonly sql: SqlStorage) {
    ensureSchema(sql, MIGRATIONS);
  }

  session(): Session | null {
    const row = this.sql.exec("SELECT * FROM session").toArray()[0];
    return row ? toSession(row) : null;
  }

  create(s: Session): void {
    this.sql.exec(
      `INSERT INTO session (id, competition_id, athlete_id, athlete_name, apparatus, attempt, schema, rounding,
        seats, judges, deadline, status, neutral, version, opened_by, opened_at, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      s.id,
      s.competitionId,
      s.athleteId,
      s.athleteName,
      s.apparatus,
      s.attempt,
      s.schema,
      s.rounding,
      JSON.stringify(s.seats),
      JSON.stringify(s.judges),
      s.deadline,
      s.status,
      s.neutral,
      s.version,
      s.openedBy,
      s.openedAt,
      s.publishedAt,
    );
  }

  /** Saves the session's changing fields and bumps its version. */
  update(
    change: Partial<Pick<Session, "status" | "neutral" | "override" | "agreedD" | "publishedAt" | "deadline">>,
  ): Session {
    const current = this.session();
    if (!current) throw new Error("no session to update");
    const next = { ...current, ...change, version: current.version + 1 };
    this.sql.exec(
      `UPDATE session SET status = ?, neutral = ?, override = ?, override_reason = ?, agreed_d = ?,
        agreed_d_reason = ?, published_at = ?, deadline = ?, version = ?`,
      next.status,
      next.neutral,
      next.override?.value ?? null,
      next.override?.reason ?? null,
      next.agreedD?.value ?? null,
      next.agreedD?.reason ?? null,
      next.publishedAt,
      next.deadline,
      next.version,
    );
    return next;
  }

  marks(): StoredMark[] {
    return this.sql
      .exec("SELECT * FROM mark ORDER BY position")
      .toArray()
      .map((r) => ({
        position: r.position as string,
        value: r.value as number,
        clientId: r.client_id as string,
        judgeId: r.judge_id as string,
        at: r.at as number,
      }));
  }

  /** What this judge's client id at this seat was received as before, if it was. */
  received(judgeId: string, position: string, clientId: string): { value: number } | null {
    const row = this.sql
      .exec(
        "SELECT value FROM received WHERE judge_id = ? AND position = ? AND client_id = ?",
        judgeId,
        position,
        clientId,
      )
      .toArray()[0];
    return row ? { value: row.value as number } : null;
  }

  /** Stores a seat's mark (a new one, or a correction replacing the last) under its client id. */
  putMark(mark: StoredMark): void {
    this.sql.exec(
      "INSERT INTO received (judge_id, position, client_id, value) VALUES (?, ?, ?, ?)",
      mark.judgeId,
      mark.position,
      mark.clientId,
      mark.value,
    );
    this.sql.exec(
      "INSERT OR REPLACE INTO mark (position, value, client_id, judge_id, at) VALUES (?, ?, ?, ?, ?)",
      mark.position,
      mark.value,
      mark.clientId,
      mark.judgeId,
      mark.at,
    );
  }

  /** Clears a seat's mark, so its judge scores again (their earlier client ids stay known). */
  clearMark(position: string): void {
    this.sql.exec("DELETE FROM mark WHERE position = ?", position);
  }

  inquiries(): StoredInquiry[] {
    return this.sql.exec("SELECT * FROM inquiry ORDER BY asked_at, id").toArray().map(toInquiry);
  }

  /** Records an inquiry, or its decision (same id): D1 gets it with the next write-through. */
  putInquiry(i: StoredInquiry): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO inquiry (id, asked_by, asked_at, status, d_before, d_after, decided_by, decided_at,
        reason, synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      i.id,
      i.askedBy,
      i.askedAt,
      i.status,
      i.dBefore,
      i.dAfter,
      i.decidedBy,
      i.decidedAt,
      i.reason,
    );
  }

  inquiriesOwed(): StoredInquiry[] {
    return this.sql.exec("SELECT * FROM inquiry WHERE synced = 0").toArray().map(toInquiry);
  }

  /** Marks what D1 took as synced: only in the state it was sent in (a decision since is still owed). */
  inquiriesSynced(sent: StoredInquiry[]): void {
    for (const i of sent) this.sql.exec("UPDATE inquiry SET synced = 1 WHERE id = ? AND status = ?", i.id, i.status);
  }

  audit(record: Omit<AuditRecord, "seq">): void {
    this.sql.exec(
      "INSERT INTO audit (at, actor_id, action, position, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
      record.at,
      record.actorId,
      record.action,
      record.position,
      record.before,
      record.after,
      record.reason,
    );
  }

  auditLog(): AuditRecord[] {
    return this.sql
      .exec("SELECT * FROM audit ORDER BY seq")
      .toArray()
      .map((r) => ({
        seq: r.seq as number,
        at: r.at as number,
        actorId: r.actor_id as string,
        action: r.action as string,
        position: r.position as string | null,
        before: r.before as string | null,
        after: r.after as string | null,
        reason: r.reason as string | null,
      }));
  }
}
