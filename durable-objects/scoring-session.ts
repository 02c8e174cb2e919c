// ScoringSession: the single authority for one athlete's attempt on one apparatus (ARCHITECTURE
// rule 2). Judges' marks are validated and stored before they are acknowledged (by the mark's
// client id, so a resend is harmless); the head judge closes and publishes; every step is in the
// audit log; a published score goes to D1 and to the competition's Scoreboard by alarm, retried
// until both have it (each takes it idempotently).

import { sql } from "drizzle-orm";
import { Server } from "partyserver";
import { createDb } from "../worker/db";
import { gymScore } from "../worker/db/schema";
import { invalidValue, scoreOf } from "../worker/gym/marks";
import type { ScoreBreakdown } from "../worker/gym/rules";
import { type Session, SessionStore } from "../worker/gym/session-store";
import { accept, type RpcResult, refuse } from "../worker/lib/rpc";

const MAX_RETRY_DELAY_MS = 60_000;

/** What opening a session needs: what it scores, by which rules, with which seats, until when. */
export type OpenSession = Pick<
  Session,
  "competitionId" | "athleteId" | "athleteName" | "apparatus" | "attempt" | "schema" | "rounding" | "seats" | "deadline"
> & { actorId: string };

export interface MarkSubmission {
  position: string;
  /** Thousandths: a deduction, a D score or a mark, as the seat gives. */
  value: number;
  clientId: string;
  judgeId: string;
}

export interface MarkAck {
  client_id: string;
  session_id: string;
  position: string;
  value: number;
  /** True when this client id had been received before: nothing changed. */
  duplicate: boolean;
}

export interface SessionView {
  session_id: string;
  competition_id: string;
  athlete: { id: string; name: string };
  apparatus: string;
  attempt: number;
  status: Session["status"];
  deadline: string;
  version: number;
  seats: { position: string; value: number | null }[];
  missing: string[];
  neutral: number;
  /** The score the marks give now; null until every seat the schema needs has scored. */
  score: ScoreBreakdown | null;
  audit: {
    at: string;
    actor_id: string;
    action: string;
    position: string | null;
    before: string | null;
    after: string | null;
    reason: string | null;
  }[];
}

const noSession = (id: string) => refuse(404, "not-found", "Not found", `No scoring session ${id}.`);

export class ScoringSession extends Server<Cloudflare.Env> {
  static override options = { hibernate: true };

  readonly store: SessionStore;
  #failedWrites = 0;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.store = new SessionStore(ctx.storage.sql);
  }

  /** Opens the session; opening it again returns it as it is. */
  async open(input: OpenSession): Promise<RpcResult<SessionView>> {
    if (!this.store.session()) {
      const now = Date.now();
      const { actorId, ...fields } = input;
      this.ctx.storage.transactionSync(() => {
        this.store.create({
          id: this.name,
          ...fields,
          status: "open",
          neutral: 0,
          version: 1,
          openedBy: actorId,
          openedAt: now,
          publishedAt: null,
        });
        this.store.audit({ at: now, actorId, action: "open", position: null, before: null, after: null, reason: null });
      });
      await this.ctx.storage.setAlarm(input.deadline);
    }
    return this.view();
  }

  async view(): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    return session ? accept(this.#present(session)) : noSession(this.name);
  }

  /** Stores a judge's mark for their seat, or recognises a resend by its client id. */
  async submitMark(mark: MarkSubmission): Promise<RpcResult<MarkAck>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    const ack = (position: string, value: number, duplicate: boolean): MarkAck => ({
      client_id: mark.clientId,
      session_id: this.name,
      position,
      value,
      duplicate,
    });
    const earlier = this.store.received(mark.clientId);
    if (earlier) return accept(ack(earlier.position, earlier.value, true));
    if (session.status !== "open") {
      return refuse(
        409,
        "session-closed",
        "Session closed",
        "The head judge has closed this session: marks can no longer change.",
      );
    }
    if (!session.seats.includes(mark.position)) {
      return refuse(403, "forbidden", "Forbidden", `Seat ${mark.position} is not on this panel.`);
    }
    const invalid = invalidValue(mark.position, mark.value);
    if (invalid) return invalid;

    const previous = this.store.marks().find((m) => m.position === mark.position);
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      this.store.putMark({ ...mark, at: now });
      this.store.audit({
        at: now,
        actorId: mark.judgeId,
        action: previous ? "correct_mark" : "mark",
        position: mark.position,
        before: previous ? String(previous.value) : null,
        after: String(mark.value),
        reason: null,
      });
      this.store.update({});
    });
    return accept(ack(mark.position, mark.value, false));
  }

  /** The head judge applies neutral deductions (out of bounds, time…), replacing the earlier total. */
  async setNeutral(value: number, actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "published")
      return refuse(409, "session-published", "Published", "This score is published.");
    const invalid = invalidValue("N", value);
    if (invalid) return invalid;
    if (value !== session.neutral) {
      this.ctx.storage.transactionSync(() => {
        this.store.update({ neutral: value });
        this.store.audit({
          at: Date.now(),
          actorId,
          action: "neutral_deduction",
          position: null,
          before: String(session.neutral),
          after: String(value),
          reason: null,
        });
      });
    }
    return this.view();
  }

  /** The head judge asks one judge to score again: that seat's mark is cleared until they do. */
  async requestRescore(position: string, actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status !== "open")
      return refuse(409, "session-closed", "Session closed", "Only an open session can be scored again.");
    if (!session.seats.includes(position))
      return refuse(400, "validation", "Invalid request", `Seat ${position} is not on this panel.`, {
        errors: [{ path: "position", code: "invalid_value", message: `One of: ${session.seats.join(", ")}.` }],
      });
    const previous = this.store.marks().find((m) => m.position === position);
    this.ctx.storage.transactionSync(() => {
      this.store.clearMark(position);
      this.store.audit({
        at: Date.now(),
        actorId,
        action: "rescore_requested",
        position,
        before: previous ? String(previous.value) : null,
        after: null,
        reason: null,
      });
      this.store.update({});
    });
    return this.view();
  }

  /** Closes the session to marks: with every mark in, or with those that are in after the deadline. */
  async close(actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "open") {
      const now = Date.now();
      this.ctx.storage.transactionSync(() => {
        this.store.update({ status: "closed" });
        const missing = this.#missing(session);
        this.store.audit({
          at: now,
          actorId,
          action: "close",
          position: null,
          before: "open",
          after: "closed",
          reason: missing.length ? `missing ${missing.join(", ")}` : null,
        });
      });
    }
    return this.view();
  }

  /** Publishes the computed score: stored here at once, written through to D1 by alarm. */
  async publish(actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "published") return this.view();
    if (session.status === "open")
      return refuse(409, "session-open", "Session open", "Close the session before publishing.");
    const score = this.#score(session);
    if (!score)
      return refuse(
        409,
        "incomplete",
        "Incomplete",
        "The marks do not yet give a score (an E mark, or an agreed D, is missing).",
      );
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      this.store.update({ status: "published", publishedAt: now });
      this.store.audit({
        at: now,
        actorId,
        action: "publish",
        position: null,
        before: null,
        after: String(score.final),
        reason: null,
      });
    });
    await this.ctx.storage.setAlarm(now);
    return this.view();
  }

  override async onAlarm(): Promise<void> {
    const session = this.store.session();
    if (!session) return;
    if (session.status === "open" && Date.now() >= session.deadline) {
      const missing = this.#missing(session);
      if (missing.length) {
        this.store.audit({
          at: Date.now(),
          actorId: "system",
          action: "deadline",
          position: null,
          before: null,
          after: null,
          reason: `missing ${missing.join(", ")}`,
        });
      }
    }
    if (session.status === "published") await this.#writeThrough(session);
  }

  async #writeThrough(session: Session): Promise<void> {
    const score = this.#score(session);
    if (!score || session.publishedAt === null) return;
    try {
      const row = {
        sessionId: session.id,
        competitionId: session.competitionId,
        athleteId: session.athleteId,
        apparatus: session.apparatus,
        attempt: session.attempt,
        d: score.d,
        e: score.e,
        neutral: score.neutral,
        final: score.final,
        breakdown: { ...score, marks: this.store.marks().map(({ position, value }) => ({ position, value })) },
        version: session.version,
        publishedBy: this.store.auditLog().findLast((a) => a.action === "publish")?.actorId ?? session.openedBy,
        publishedAt: session.publishedAt,
      };
      await createDb(this.env.DB)
        .insert(gymScore)
        .values(row)
        .onConflictDoUpdate({
          target: gymScore.sessionId,
          set: {
            d: row.d,
            e: row.e,
            neutral: row.neutral,
            final: row.final,
            breakdown: row.breakdown,
            version: row.version,
          },
          setWhere: sql`excluded.version > ${gymScore.version}`,
        });
      await this.env.SCOREBOARD.getByName(session.competitionId).scorePublished(
        {
          session_id: session.id,
          athlete: { id: session.athleteId, name: session.athleteName },
          apparatus: session.apparatus,
          attempt: session.attempt,
          d: score.d,
          e: score.e,
          neutral: score.neutral,
          final: score.final,
          breakdown: row.breakdown,
        },
        session.version,
        session.publishedAt,
      );
      this.#failedWrites = 0;
    } catch (error) {
      this.#failedWrites++;
      const delay = Math.min(200 * 2 ** this.#failedWrites, MAX_RETRY_DELAY_MS);
      console.error(`scoring session ${session.id}: writing the score to D1 failed, retrying in ${delay} ms`, error);
      await this.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  #missing(session: Session): string[] {
    const scored = new Set(this.store.marks().map((m) => m.position));
    return session.seats.filter((seat) => !scored.has(seat));
  }

  #score(session: Session): ScoreBreakdown | null {
    return scoreOf(session.schema, session.rounding, this.store.marks(), session.neutral);
  }

  #present(session: Session): SessionView {
    const marks = this.store.marks();
    return {
      session_id: session.id,
      competition_id: session.competitionId,
      athlete: { id: session.athleteId, name: session.athleteName },
      apparatus: session.apparatus,
      attempt: session.attempt,
      status: session.status,
      deadline: new Date(session.deadline).toISOString(),
      version: session.version,
      seats: session.seats.map((position) => ({
        position,
        value: marks.find((m) => m.position === position)?.value ?? null,
      })),
      missing: this.#missing(session),
      neutral: session.neutral,
      score: this.#score(session),
      audit: this.store.auditLog().map((a) => ({
        at: new Date(a.at).toISOString(),
        actor_id: a.actorId,
        action: a.action,
        position: a.position,
        before: a.before,
        after: a.after,
        reason: a.reason,
      })),
    };
  }
}
