// TrainerContest: the single authority for one olympiad contest of the trainer (ARCHITECTURE
// rule 2). It holds the contest's questions with their right answers, its contestants and every
// answer, and its clock: an answer before the start or after the end is refused here, whatever
// the client's clock says. Each answer is stored before it is acknowledged; the ranking goes to
// every socket with a new version, and written through to D1 by alarm (retried until D1 takes it).
// Each RPC stores its change before its first await, so a hundred contestants answering at once
// are counted one by one.
import type { Connection, WSMessage } from "partyserver";
import { answerClientFrame } from "../worker/lib/live";
import { ensureSchema, type Migrations } from "../worker/lib/object-schema";
import { accept, type RpcResult, refuse } from "../worker/lib/rpc";
import { writeStandings } from "../worker/trainer/d1/contest-results";
import type { Ranking } from "../worker/trainer/ports";
import { CLOSE_NO_SUCH_CONTEST, type ServerMessage } from "../worker/trainer/protocol";
import { answerShapeProblem, type Checkable, type Given, isRight, rankStandings } from "../worker/trainer/rules";
import { LiveObject } from "./live-object";

export interface ContestSetup {
  id: string;
  startsAt: number;
  endsAt: number;
  questions: (Checkable & { id: string })[];
}

const MIGRATIONS: Migrations = [
  [
    // version: of the ranking; written: the version last written through to D1.
    `CREATE TABLE contest (id INTEGER PRIMARY KEY CHECK (id = 1), setup TEXT NOT NULL, version INTEGER NOT NULL,
      written INTEGER NOT NULL DEFAULT 0)`,
    "CREATE TABLE contestant (student_id TEXT PRIMARY KEY, name TEXT NOT NULL, joined_at INTEGER NOT NULL)",
    `CREATE TABLE answer (student_id TEXT NOT NULL, question_id TEXT NOT NULL, correct INTEGER NOT NULL,
      at INTEGER NOT NULL, PRIMARY KEY (student_id, question_id))`,
  ],
];

/** Answers arriving within this window are written through to D1 together. */
const WRITE_DELAY_MS = 200;
const MAX_RETRY_DELAY_MS = 60_000;

export class TrainerContest extends LiveObject {
  #failedWrites = 0;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Here, not in onStart: RPC calls reach the object without partyserver's start.
    ensureSchema(ctx.storage.sql, MIGRATIONS);
  }

  #setup(): ContestSetup | null {
    const row = this.ctx.storage.sql.exec<{ setup: string }>("SELECT setup FROM contest").toArray()[0];
    return row ? (JSON.parse(row.setup) as ContestSetup) : null;
  }

  #bump(): number {
    return this.ctx.storage.sql
      .exec<{ version: number }>("UPDATE contest SET version = version + 1 RETURNING version")
      .one().version;
  }

  #ranking(setup: ContestSetup): Ranking {
    const sql = this.ctx.storage.sql;
    const version = sql.exec<{ version: number }>("SELECT version FROM contest").one().version;
    const standings = sql
      .exec<{ student_id: string; name: string; score: number; answered: number; last_correct_at: number | null }>(
        `SELECT c.student_id, c.name, COALESCE(SUM(a.correct), 0) AS score, COUNT(a.question_id) AS answered,
           MAX(CASE WHEN a.correct = 1 THEN a.at END) AS last_correct_at
         FROM contestant c LEFT JOIN answer a ON a.student_id = c.student_id GROUP BY c.student_id`,
      )
      .toArray()
      .map((r) => ({
        studentId: r.student_id,
        name: r.name,
        score: r.score,
        answered: r.answered,
        lastCorrectAt: r.last_correct_at,
      }));
    return {
      version,
      serverTime: Date.now(),
      startsAt: setup.startsAt,
      endsAt: setup.endsAt,
      standings: rankStandings(standings),
    };
  }

  /** After a change is stored: the new ranking to every socket, and written through to D1 soon. */
  async #publish(setup: ContestSetup): Promise<Ranking> {
    const ranking = this.#ranking(setup);
    this.broadcast(JSON.stringify({ type: "ranking", version: ranking.version, ranking } satisfies ServerMessage));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + WRITE_DELAY_MS);
    return ranking;
  }

  /** Writes the latest ranking through to D1; on failure, again later (backing off). */
  override async onAlarm(): Promise<void> {
    const setup = this.#setup();
    if (!setup) return;
    const ranking = this.#ranking(setup);
    const written = this.ctx.storage.sql.exec<{ written: number }>("SELECT written FROM contest").one().written;
    if (ranking.version <= written) return;
    try {
      await writeStandings(this.env.DB, setup.id, ranking);
      this.ctx.storage.sql.exec("UPDATE contest SET written = ?", ranking.version);
      this.#failedWrites = 0;
      // Answers that came in while writing are written by the next alarm.
      if (this.#ranking(setup).version > ranking.version) await this.ctx.storage.setAlarm(Date.now() + WRITE_DELAY_MS);
    } catch (error) {
      this.#failedWrites += 1;
      const delay = Math.min(WRITE_DELAY_MS * 2 ** this.#failedWrites, MAX_RETRY_DELAY_MS);
      console.error(`trainer contest ${setup.id}: writing the ranking to D1 failed; again in ${delay} ms`, error);
      await this.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  // The Worker's interface (RPC).

  /** Called once when the contest is created; again (a retry) it changes nothing. */
  async configure(setup: ContestSetup): Promise<void> {
    this.ctx.storage.sql.exec(
      "INSERT INTO contest (id, setup, version) VALUES (1, ?, 0) ON CONFLICT (id) DO NOTHING",
      JSON.stringify(setup),
    );
  }

  async ranking(): Promise<RpcResult<Ranking>> {
    const setup = this.#setup();
    if (!setup) return refuse(404, "not-found", "Not found", "No such contest.");
    return accept(this.#ranking(setup));
  }

  /** Joins a student (again: nothing changes); refused once the contest is over. */
  async join(studentId: string, name: string): Promise<RpcResult<Ranking>> {
    const setup = this.#setup();
    if (!setup) return refuse(404, "not-found", "Not found", "No such contest.");
    const now = Date.now();
    if (now >= setup.endsAt)
      return refuse(409, "contest-over", "Contest over", "The contest has ended.", { reason: "over" });
    const joined = this.ctx.storage.sql.exec(
      "INSERT INTO contestant (student_id, name, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      studentId,
      name,
      now,
    ).rowsWritten;
    if (joined === 0) return accept(this.#ranking(setup));
    this.#bump();
    return accept(await this.#publish(setup));
  }

  /**
   * A contestant's answer to one of the contest's questions, by this object's clock: refused
   * before the start and after the end. The same question answered again counts once.
   */
  async answer(
    studentId: string,
    questionId: string,
    given: Given,
  ): Promise<RpcResult<{ correct: boolean; repeated: boolean; ranking: Ranking }>> {
    const setup = this.#setup();
    if (!setup) return refuse(404, "not-found", "Not found", "No such contest.");
    const now = Date.now();
    if (now < setup.startsAt) {
      return refuse(409, "contest-not-started", "Not started", "The contest has not started yet.", {
        reason: "not_started",
      });
    }
    if (now >= setup.endsAt)
      return refuse(409, "contest-over", "Contest over", "The contest has ended.", { reason: "over" });
    const sql = this.ctx.storage.sql;
    if (sql.exec("SELECT 1 FROM contestant WHERE student_id = ?", studentId).toArray().length === 0) {
      return refuse(409, "conflict", "Not joined", "Join the contest first.", { reason: "not_joined" });
    }
    const question = setup.questions.find((q) => q.id === questionId);
    if (!question) return refuse(404, "not-found", "Not found", `Question ${questionId} is not in this contest.`);
    const shape = answerShapeProblem(question, given);
    if (shape) {
      return refuse(400, "validation", "Invalid request", shape.message, {
        errors: [{ ...shape, code: "invalid_answer" }],
      });
    }
    const previous = sql
      .exec<{ correct: number }>(
        "SELECT correct FROM answer WHERE student_id = ? AND question_id = ?",
        studentId,
        questionId,
      )
      .toArray()[0];
    if (previous) return accept({ correct: previous.correct === 1, repeated: true, ranking: this.#ranking(setup) });
    const correct = isRight(question, given);
    sql.exec(
      "INSERT INTO answer (student_id, question_id, correct, at) VALUES (?, ?, ?, ?)",
      studentId,
      questionId,
      correct ? 1 : 0,
      now,
    );
    this.#bump();
    return accept({ correct, repeated: false, ranking: await this.#publish(setup) });
  }

  protected override welcome(connection: Connection): void {
    this.#sendSnapshot(connection);
  }

  override onMessage(connection: Connection, raw: WSMessage): void {
    answerClientFrame(connection, raw, () => this.#sendSnapshot(connection));
  }

  #sendSnapshot(connection: Connection): void {
    const setup = this.#setup();
    if (!setup) {
      connection.close(CLOSE_NO_SUCH_CONTEST, "No such contest");
      return;
    }
    const ranking = this.#ranking(setup);
    connection.send(JSON.stringify({ type: "snapshot", version: ranking.version, ranking } satisfies ServerMessage));
  }
}
