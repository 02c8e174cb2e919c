// Scoreboard: one per competition, the live hub of its hall. It keeps every published score and
// who is performing, computes the standings, and tells everyone at once: spectators the scores and
// standings, each judge the tasks for their own seats. Published scores arrive from ScoringSessions
// (idempotent by session and version), so a retried delivery changes nothing.
import type { Connection, ConnectionContext, WSMessage } from "partyserver";
import type { Grant } from "../worker/auth/rules";
import type { LiveScore, Performing, ScoringTask, ServerMessage } from "../worker/gym/protocol";
import { type DidNotStart, type Standings, type StandingsRules, standings } from "../worker/gym/standings";
import { answerClientFrame, GRANTS_HEADER } from "../worker/lib/live";
import { ensureSchema, type Migrations } from "../worker/lib/object-schema";
import { LiveObject } from "./live-object";

const MIGRATIONS: Migrations = [
  [
    "CREATE TABLE rules (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    "CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
    "INSERT INTO state (id, version) VALUES (1, 0)",
    `CREATE TABLE score (session_id TEXT PRIMARY KEY, json TEXT NOT NULL, version INTEGER NOT NULL,
      athlete_id TEXT NOT NULL, apparatus TEXT NOT NULL, attempt INTEGER NOT NULL, d INTEGER NOT NULL,
      e INTEGER NOT NULL, final INTEGER NOT NULL, published_at INTEGER NOT NULL)`,
    "CREATE TABLE performing (session_id TEXT PRIMARY KEY, json TEXT NOT NULL)",
  ],
  [
    "ALTER TABLE score ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE did_not_start (athlete_id TEXT NOT NULL, apparatus TEXT NOT NULL, PRIMARY KEY (athlete_id, apparatus))",
  ],
];

const LATEST = 10;

export class Scoreboard extends LiveObject {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, MIGRATIONS);
  }

  /** The competition's rules for standings; set (again) whenever a session opens. */
  async configure(rules: StandingsRules): Promise<void> {
    this.#sql.exec("INSERT OR REPLACE INTO rules (id, json) VALUES (1, ?)", JSON.stringify(rules));
  }

  /** A session opened: the hall sees who performs, the panel's judges get the task. */
  async sessionOpened(task: ScoringTask): Promise<void> {
    const performing: Performing = {
      session_id: task.session_id,
      athlete: task.athlete,
      apparatus: task.apparatus,
      deadline: task.deadline,
    };
    this.#sql.exec(
      "INSERT OR REPLACE INTO performing (session_id, json) VALUES (?, ?)",
      task.session_id,
      JSON.stringify(performing),
    );
    const version = this.#bump();
    this.#broadcast({ type: "performing", version, performing: this.#performing() });
    await this.sendTask(task);
  }

  /** A scoring task to the judges of its apparatus (a re-score names the one seat it is for). */
  async sendTask(task: ScoringTask): Promise<void> {
    const text = JSON.stringify(task);
    for (const connection of this.getConnections(`judge:${task.apparatus}`)) connection.send(text);
  }

  /** Sessions opened and not yet published, for the judges' pending tasks. */
  async performing(): Promise<Performing[]> {
    return this.#performing();
  }

  /**
   * The secretary recorded that an athlete will not compete on an apparatus (or took it back):
   * the standings say so, and a session opened for it is no longer performing.
   */
  async didNotStart(entry: DidNotStart, recorded: boolean): Promise<void> {
    if (recorded) {
      this.#sql.exec(
        "INSERT OR IGNORE INTO did_not_start (athlete_id, apparatus) VALUES (?, ?)",
        entry.athleteId,
        entry.apparatus,
      );
      for (const p of this.#performing()) {
        if (p.athlete.id === entry.athleteId && p.apparatus === entry.apparatus) {
          this.#sql.exec("DELETE FROM performing WHERE session_id = ?", p.session_id);
        }
      }
    } else {
      this.#sql.exec(
        "DELETE FROM did_not_start WHERE athlete_id = ? AND apparatus = ?",
        entry.athleteId,
        entry.apparatus,
      );
    }
    const version = this.#bump();
    this.#broadcast({ type: "standings", version, standings: this.#standings(), performing: this.#performing() });
  }

  /** A published score (again, after a retry or a newer version): stored, ranked, broadcast. */
  async scorePublished(score: LiveScore, sessionVersion: number, publishedAt: number): Promise<void> {
    const known = this.#sql.exec("SELECT version FROM score WHERE session_id = ?", score.session_id).toArray()[0];
    if (known && (known.version as number) >= sessionVersion) return;
    this.#sql.exec(
      `INSERT OR REPLACE INTO score (session_id, json, version, athlete_id, apparatus, attempt, d, e, final,
        overridden, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      score.session_id,
      JSON.stringify(score),
      sessionVersion,
      score.athlete.id,
      score.apparatus,
      score.attempt,
      score.d,
      score.e,
      score.final,
      score.overridden ? 1 : 0,
      publishedAt,
    );
    this.#sql.exec("DELETE FROM performing WHERE session_id = ?", score.session_id);
    const version = this.#bump();
    const table = this.#standings();
    const place =
      table.apparatus
        .find((a) => a.apparatus === score.apparatus)
        ?.ranking.find((r) => r.athleteId === score.athlete.id)?.place ?? null;
    this.#broadcast({ type: "score", version, score, place, standings: table, performing: this.#performing() });
  }

  protected override tagsFor(_connection: Connection, context: ConnectionContext): string[] {
    // A judge's socket is tagged with the apparatus they judge here, to get that panel's tasks.
    const grants = JSON.parse(context.request.headers.get(GRANTS_HEADER) ?? "[]") as Grant[];
    const prefix = `competition:${this.name}/apparatus:`;
    const apparatus = grants
      .filter((g) => g.role === "judge" && g.scope.startsWith(prefix))
      .map((g) => g.scope.slice(prefix.length).split("/")[0] as string);
    return [...new Set(apparatus)].slice(0, 9).map((a) => `judge:${a}`);
  }

  protected override welcome(connection: Connection): void {
    this.#sendSnapshot(connection);
  }

  override onMessage(connection: Connection, raw: WSMessage): void {
    answerClientFrame(connection, raw, () => this.#sendSnapshot(connection));
  }

  get #sql() {
    return this.ctx.storage.sql;
  }

  #bump(): number {
    return this.#sql.exec("UPDATE state SET version = version + 1 RETURNING version").one().version as number;
  }

  #version(): number {
    return this.#sql.exec("SELECT version FROM state").one().version as number;
  }

  #performing(): Performing[] {
    return this.#sql
      .exec("SELECT json FROM performing")
      .toArray()
      .map((r) => JSON.parse(r.json as string) as Performing);
  }

  #standings(): Standings {
    const rules = this.#sql.exec("SELECT json FROM rules").toArray()[0];
    if (!rules) return { apparatus: [], hasAllAround: false, allAround: [], allAroundUnranked: [] };
    const scores = this.#sql
      .exec("SELECT athlete_id, apparatus, attempt, d, e, final, overridden FROM score")
      .toArray()
      .map((r) => ({
        athleteId: r.athlete_id as string,
        apparatus: r.apparatus as string,
        attempt: r.attempt as number,
        d: r.d as number,
        e: r.e as number,
        final: r.final as number,
        overridden: r.overridden === 1,
      }));
    const didNotStart = this.#sql
      .exec("SELECT athlete_id, apparatus FROM did_not_start")
      .toArray()
      .map((r) => ({ athleteId: r.athlete_id as string, apparatus: r.apparatus as string }));
    return standings(scores, JSON.parse(rules.json as string) as StandingsRules, didNotStart);
  }

  #sendSnapshot(connection: Connection): void {
    const latest = this.#sql
      .exec("SELECT json FROM score ORDER BY published_at DESC LIMIT ?", LATEST)
      .toArray()
      .map((r) => JSON.parse(r.json as string) as LiveScore);
    const message: ServerMessage = {
      type: "snapshot",
      version: this.#version(),
      standings: this.#standings(),
      latest,
      performing: this.#performing(),
    };
    connection.send(JSON.stringify(message));
  }

  #broadcast(message: ServerMessage): void {
    this.broadcast(JSON.stringify(message));
  }
}
