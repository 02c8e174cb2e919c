// An EventLine's own storage (the Durable Object's SQLite): its line, its bets, its audit log,
// and what of them has been written through to D1 yet.
import { ensureSchema, type Migrations } from "../../lib/object-schema";
import { type BetStatus, type EventStatus, type FinishedStatus, settledStatus } from "../rules";

export interface Line {
  id: string;
  title: string;
  firstTeam: string | null;
  secondTeam: string | null;
  odds: number;
  deadline: number;
  status: EventStatus;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface StoredBet {
  id: string;
  eventId: string;
  bettorId: string;
  amount: number;
  odds: number;
  status: BetStatus;
  payout: number | null;
  idempotencyKey: string;
  placedAt: number;
  settledAt: number | null;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

// Each bet row carries rev (bumped on every change of its own) and synced_rev (the rev D1 has).
// An outcome is written to D1 as one UPDATE per event, tracked by settled_version on the line.
const MIGRATIONS: Migrations = [
  [
    `CREATE TABLE line (
      id TEXT PRIMARY KEY, title TEXT NOT NULL, odds INTEGER NOT NULL, deadline INTEGER NOT NULL,
      status TEXT NOT NULL, version INTEGER NOT NULL, created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
      catalogue_synced_version INTEGER NOT NULL DEFAULT 0,
      settled_version INTEGER NOT NULL DEFAULT 0, d1_settled_version INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE bet (
      id TEXT PRIMARY KEY, bettor_id TEXT NOT NULL, amount INTEGER NOT NULL, odds INTEGER NOT NULL,
      status TEXT NOT NULL, payout INTEGER, idempotency_key TEXT NOT NULL, placed_at INTEGER NOT NULL,
      settled_at INTEGER, rev INTEGER NOT NULL DEFAULT 1, synced_rev INTEGER NOT NULL DEFAULT 0,
      UNIQUE (bettor_id, idempotency_key))`,
    "CREATE INDEX bet_unsynced ON bet (id) WHERE rev > synced_rev",
    "CREATE INDEX bet_bettor ON bet (bettor_id, placed_at)",
    `CREATE TABLE audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT NOT NULL,
      action TEXT NOT NULL, before TEXT, after TEXT, reason TEXT, synced INTEGER NOT NULL DEFAULT 0)`,
  ],
  ["ALTER TABLE line ADD COLUMN first_team TEXT", "ALTER TABLE line ADD COLUMN second_team TEXT"],
];

/**
 * What a bet pays once its event finished with `status`, as SQL over a row's amount and odds (the
 * line's bets here, the bet table in D1): rules.settle in SQL (SQLite's integer division floors,
 * as payoutOf does); tests/do/event-line.test.ts checks the two agree.
 */
export function payoutSql(status: FinishedStatus): string {
  return { won: "amount * odds / 100", void: "amount", lost: "0", pending: "NULL" }[settledStatus(status)];
}

type Row = Record<string, SqlStorageValue>;

const toLine = (r: Row): Line => ({
  id: r.id as string,
  title: r.title as string,
  firstTeam: r.first_team as string | null,
  secondTeam: r.second_team as string | null,
  odds: r.odds as number,
  deadline: r.deadline as number,
  status: r.status as EventStatus,
  version: r.version as number,
  createdBy: r.created_by as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const toBet = (r: Row, eventId: string): StoredBet => ({
  id: r.id as string,
  eventId,
  bettorId: r.bettor_id as string,
  amount: r.amount as number,
  odds: r.odds as number,
  status: r.status as BetStatus,
  payout: r.payout as number | null,
  idempotencyKey: r.idempotency_key as string,
  placedAt: r.placed_at as number,
  settledAt: r.settled_at as number | null,
});

export class LineStore {
  /**
   * The line as last read (undefined: not read since it last changed). Every bet reads it and it
   * changes rarely; only this store writes it, on the object's one thread, so the copy holds.
   */
  #line: Line | null | undefined;

  constructor(private readonly sql: SqlStorage) {
    ensureSchema(sql, MIGRATIONS);
  }

  line(): Line | null {
    if (this.#line === undefined) {
      const row = this.sql.exec("SELECT * FROM line").toArray()[0];
      this.#line = row ? toLine(row) : null;
    }
    return this.#line;
  }

  createLine(line: Line): void {
    this.#line = undefined;
    this.sql.exec(
      `INSERT INTO line (id, title, first_team, second_team, odds, deadline, status, version, created_by,
        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      line.id,
      line.title,
      line.firstTeam,
      line.secondTeam,
      line.odds,
      line.deadline,
      line.status,
      line.version,
      line.createdBy,
      line.createdAt,
      line.updatedAt,
    );
  }

  /** Saves a changed line; a changed outcome also re-settles every bet in one statement. */
  saveLine(line: Line, settledBy?: FinishedStatus): void {
    this.#line = undefined;
    this.sql.exec(
      "UPDATE line SET odds = ?, deadline = ?, status = ?, version = ?, updated_at = ?",
      line.odds,
      line.deadline,
      line.status,
      line.version,
      line.updatedAt,
    );
    if (!settledBy) return;
    this.sql.exec(
      `UPDATE bet SET status = ?, payout = ${payoutSql(settledBy)}, settled_at = ?`,
      settledStatus(settledBy),
      line.updatedAt,
    );
    this.sql.exec("UPDATE line SET settled_version = version");
  }

  betByKey(bettorId: string, idempotencyKey: string, eventId: string): StoredBet | null {
    const row = this.sql
      .exec("SELECT * FROM bet WHERE bettor_id = ? AND idempotency_key = ?", bettorId, idempotencyKey)
      .toArray()[0];
    return row ? toBet(row, eventId) : null;
  }

  /** Stores a new bet; false (and nothing stored) if its bettor already used its key. */
  insertBet(bet: StoredBet): boolean {
    const inserted = this.sql.exec(
      `INSERT INTO bet (id, bettor_id, amount, odds, status, payout, idempotency_key, placed_at, settled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (bettor_id, idempotency_key) DO NOTHING RETURNING id`,
      bet.id,
      bet.bettorId,
      bet.amount,
      bet.odds,
      bet.status,
      bet.payout,
      bet.idempotencyKey,
      bet.placedAt,
      bet.settledAt,
    );
    return inserted.toArray().length === 1;
  }

  betCount(): number {
    return this.sql.exec("SELECT COUNT(*) AS n FROM bet").one().n as number;
  }

  betsOf(bettorId: string, eventId: string): StoredBet[] {
    return this.sql
      .exec("SELECT * FROM bet WHERE bettor_id = ? ORDER BY placed_at DESC, id", bettorId)
      .toArray()
      .map((r) => toBet(r, eventId));
  }

  audit(entry: Omit<AuditEntry, "seq">): void {
    this.sql.exec(
      "INSERT INTO audit (at, actor_id, action, before, after, reason) VALUES (?, ?, ?, ?, ?, ?)",
      entry.at,
      entry.actorId,
      entry.action,
      entry.before,
      entry.after,
      entry.reason,
    );
  }

  // What the write-through to D1 still owes.

  catalogueOwed(): Line | null {
    const row = this.sql.exec("SELECT * FROM line WHERE version > catalogue_synced_version").toArray()[0];
    return row ? toLine(row) : null;
  }

  catalogueSynced(version: number): void {
    this.sql.exec("UPDATE line SET catalogue_synced_version = MAX(catalogue_synced_version, ?)", version);
  }

  betsOwed(limit: number, eventId: string): { bet: StoredBet; rev: number }[] {
    return this.sql
      .exec("SELECT * FROM bet WHERE rev > synced_rev LIMIT ?", limit)
      .toArray()
      .map((r) => ({ bet: toBet(r, eventId), rev: r.rev as number }));
  }

  betsSynced(sent: { id: string; rev: number }[]): void {
    this.sql.exec(
      `UPDATE bet SET synced_rev = MAX(synced_rev, sent.value ->> 'rev')
       FROM json_each(?) AS sent WHERE bet.id = sent.value ->> 'id'`,
      JSON.stringify(sent),
    );
  }

  /** The outcome D1 does not have yet, with the version it was set at. */
  settlementOwed(): { status: FinishedStatus; at: number; version: number } | null {
    const row = this.sql
      .exec(
        "SELECT status, updated_at, settled_version FROM line WHERE settled_version > d1_settled_version AND status != 'not_finished'",
      )
      .toArray()[0];
    return row
      ? { status: row.status as FinishedStatus, at: row.updated_at as number, version: row.settled_version as number }
      : null;
  }

  settlementSynced(version: number): void {
    this.sql.exec("UPDATE line SET d1_settled_version = MAX(d1_settled_version, ?)", version);
  }

  auditOwed(): AuditEntry[] {
    return this.sql
      .exec("SELECT * FROM audit WHERE synced = 0 ORDER BY seq")
      .toArray()
      .map((r) => ({
        seq: r.seq as number,
        at: r.at as number,
        actorId: r.actor_id as string,
        action: r.action as string,
        before: r.before as string | null,
        after: r.after as string | null,
        reason: r.reason as string | null,
      }));
  }

  auditSynced(upToSeq: number): void {
    this.sql.exec("UPDATE audit SET synced = 1 WHERE seq <= ?", upToSeq);
  }
}
