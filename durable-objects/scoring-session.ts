// ScoringSession: the single authority for one athlete's attempt on one apparatus (ARCHITECTURE
// rule 2). Judges' marks are validated and stored before they are acknowledged (by the mark's
// client id, so a resend is harmless); the head judge closes, may override, and publishes; every
// step is in the audit log; a published score goes to D1 (with the audit log) and to the
// competition's Scoreboard by alarm, retried until both have it (each takes it idempotently).
// The head judge's and secretary's sockets (the Worker admits no one else) see every change.

import type { Connection, WSMessage } from "partyserver";
import { createDb } from "../worker/db";
import { writePublished } from "../worker/gym/audit-store";
import { presentInquiry, writeInquiries } from "../worker/gym/inquiry-store";
import { invalidValue, type SessionScore, scoreOf, whyNoScore, withOverride } from "../worker/gym/marks";
import type { MarkAck, PendingSeats, ScoringTask, SessionFrame, SessionView } from "../worker/gym/protocol";
import { type Session, SessionStore } from "../worker/gym/session-store";
import { answerClientFrame } from "../worker/lib/live";
import { accept, type RpcResult, refuse } from "../worker/lib/rpc";
import { LiveObject } from "./live-object";

const MAX_RETRY_DELAY_MS = 60_000;

/** What opening a session needs: what it scores, by which rules, with which seats, until when. */
export type OpenSession = Pick<
  Session,
  | "competitionId"
  | "athleteId"
  | "athleteName"
  | "apparatus"
  | "attempt"
  | "schema"
  | "rounding"
  | "seats"
  | "judges"
  | "deadline"
> & { actorId: string };

export interface MarkSubmission {
  position: string;
  /** Thousandths: a deduction, a D score or a mark, as the seat gives. */
  value: number;
  clientId: string;
  judgeId: string;
}

const noSession = (id: string) => refuse(404, "not-found", "Not found", `No scoring session ${id}.`);

const incomplete = (reasons: string[]) =>
  refuse(409, "incomplete", "Incomplete", `The marks do not yet give a score: ${reasons.join("; ")}.`, {
    missing: reasons,
  });

export class ScoringSession extends LiveObject {
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
          override: null,
          agreedD: null,
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

  /** What a judge's task list needs of this session: little, and without the audit log. */
  async pendingSeats(): Promise<PendingSeats | null> {
    const session = this.store.session();
    if (session?.status !== "open") return null;
    return {
      session_id: session.id,
      athlete: { id: session.athleteId, name: session.athleteName },
      apparatus: session.apparatus,
      attempt: session.attempt,
      deadline: new Date(session.deadline).toISOString(),
      missing: this.#missing(session),
    };
  }

  async view(): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    return session ? accept(this.#present(session)) : noSession(this.name);
  }

  /**
   * Stores a judge's mark for their seat, or recognises a resend by its client id. Only the account
   * seated there when the session opened may mark a seat; a client id is that judge's own at that
   * seat, so someone else's id is never taken for theirs.
   */
  async submitMark(mark: MarkSubmission): Promise<RpcResult<MarkAck>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (!session.seats.includes(mark.position)) {
      return refuse(403, "forbidden", "Forbidden", `Seat ${mark.position} is not on this panel.`);
    }
    if (session.judges[mark.position] !== mark.judgeId) {
      return refuse(403, "forbidden", "Forbidden", `Seat ${mark.position} of this session is not yours.`);
    }
    const ack = (value: number, duplicate: boolean): MarkAck => ({
      client_id: mark.clientId,
      session_id: this.name,
      position: mark.position,
      value,
      duplicate,
    });
    const earlier = this.store.received(mark.judgeId, mark.position, mark.clientId);
    if (earlier) return accept(ack(earlier.value, true));
    if (session.status !== "open") {
      return refuse(
        409,
        "session-closed",
        "Session closed",
        "The head judge has closed this session: marks can no longer change.",
      );
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
    this.#changed();
    return accept(ack(mark.value, false));
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
      this.#change(
        { neutral: value },
        { actorId, action: "neutral_deduction", before: String(session.neutral), after: String(value) },
      );
    }
    return this.view();
  }

  /**
   * The head judge asks one judge to score again: that seat's mark is cleared until they do, and
   * the judges' phones get the task again (marked for that seat).
   */
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
    this.#change(
      {},
      { actorId, action: "rescore_requested", position, before: previous ? String(previous.value) : null },
      () => this.store.clearMark(position),
    );
    const task: ScoringTask = { ...this.#task(session), position };
    await this.env.SCOREBOARD.getByName(session.competitionId).sendTask(task);
    return this.view();
  }

  /**
   * Closes the session to marks: with every mark in, or with those that are in after the deadline.
   * Refused while the marks give no score (the D judges differ, no E mark): a closed session must
   * be one the head judge can publish.
   */
  async close(actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "open") {
      const reasons = this.#whyNoScore(session);
      if (reasons.length) return incomplete(reasons);
      const missing = this.#missing(session);
      this.#change(
        { status: "closed" },
        {
          actorId,
          action: "close",
          before: "open",
          after: "closed",
          reason: missing.length ? `missing ${missing.join(", ")}` : null,
        },
      );
    }
    return this.view();
  }

  /** The head judge opens a closed session to marks again, with a reason, until a new deadline. */
  async reopen(reason: string, deadline: number, actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "published")
      return refuse(409, "session-published", "Published", "This score is published: record an inquiry instead.");
    if (session.status === "closed") {
      this.#change(
        { status: "open", deadline },
        { actorId, action: "reopen_session", before: "closed", after: "open", reason },
      );
      await this.ctx.storage.setAlarm(deadline);
      await this.env.SCOREBOARD.getByName(session.competitionId).sendTask({
        ...this.#task(session),
        deadline: new Date(deadline).toISOString(),
      });
    }
    return this.view();
  }

  /**
   * Enters the D score the D panel agreed on when its judges' values differ: by the head judge, or
   * by the D panel's chair (the judge at D1). It stands in place of the D judges' values.
   */
  async setAgreedDifficulty(
    value: number,
    reason: string,
    actor: { id: string; isHeadJudge: boolean },
  ): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (!actor.isHeadJudge && session.judges.D1 !== actor.id)
      return refuse(
        403,
        "forbidden",
        "Forbidden",
        "Only the head judge or the D panel's chair (D1) enters the agreed D.",
      );
    if (session.status === "published")
      return refuse(409, "session-published", "Published", "This score is published: record an inquiry instead.");
    const invalid = invalidValue("D1", value);
    if (invalid) return invalid;
    this.#change(
      { agreedD: { value, reason } },
      {
        actorId: actor.id,
        action: "agreed_difficulty",
        before: session.agreedD ? String(session.agreedD.value) : null,
        after: String(value),
        reason,
      },
    );
    return this.view();
  }

  /**
   * The head judge sets the final score in place of the computed one, with a reason. On a
   * published score this publishes the new one (the Worker refuses it once results are final).
   */
  async override(value: number, reason: string, actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "open")
      return refuse(409, "session-open", "Session open", "Close the session before overriding its score.");
    const score = this.#score(session);
    if (!score) return incomplete(this.#whyNoScore(session));
    this.#change(
      { override: { value, reason } },
      { actorId, action: "override", before: String(score.final), after: String(value), reason },
    );
    if (session.status === "published") await this.ctx.storage.setAlarm(Date.now());
    return this.view();
  }

  /**
   * The secretary recorded that the athlete did not start on this apparatus: the session ends
   * without a score, and the judges' task with it. A published score cannot be withdrawn.
   */
  async withdraw(actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    if (session.status === "published")
      return refuse(409, "session-published", "Published", "This athlete has a published score here.");
    if (session.status !== "withdrawn") {
      this.#change(
        { status: "withdrawn" },
        { actorId, action: "did_not_start", before: session.status, after: "withdrawn" },
      );
    }
    return this.view();
  }

  /**
   * A coach asks for a review of the published D score (FIG Technical Regulations): recorded by
   * the head judge with who asked, within the competition's window after publication (by this
   * object's clock), one at a time.
   */
  async recordInquiry(askedBy: string, windowMs: number, actorId: string): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    const score = this.#score(session);
    if (session.status !== "published" || session.publishedAt === null || !score)
      return refuse(409, "not-published", "Not published", "An inquiry is about a published score.");
    const now = Date.now();
    if (now - session.publishedAt > windowMs) {
      return refuse(
        409,
        "inquiry-window-closed",
        "Too late for an inquiry",
        `Inquiries are taken up to ${Math.round(windowMs / 1000)} s after the score is published.`,
      );
    }
    if (this.store.inquiries().some((i) => i.status === "pending"))
      return refuse(409, "inquiry-pending", "Inquiry pending", "An inquiry on this score awaits its answer.");
    const inquiry = {
      id: crypto.randomUUID(),
      askedBy,
      askedAt: now,
      status: "pending" as const,
      dBefore: score.d,
      dAfter: null,
      decidedBy: null,
      decidedAt: null,
      reason: null,
    };
    this.#change({}, { actorId, action: "inquiry", before: String(score.d), reason: askedBy }, () =>
      this.store.putInquiry(inquiry),
    );
    await this.ctx.storage.setAlarm(now);
    return this.view();
  }

  /**
   * The superior jury's answer to an inquiry: accepted with a new D, which replaces the panel's
   * (and any override: the final is D + E − ND again) and is published at once, so every view
   * and tie-break uses it; or rejected. Both audited; the Worker refuses it once results are final.
   */
  async decideInquiry(
    id: string,
    decision: { accept: true; d: number } | { accept: false },
    reason: string,
    actorId: string,
  ): Promise<RpcResult<SessionView>> {
    const session = this.store.session();
    if (!session) return noSession(this.name);
    const inquiry = this.store.inquiries().find((i) => i.id === id);
    if (!inquiry) return refuse(404, "not-found", "Not found", `No inquiry ${id} on this score.`);
    if (inquiry.status !== "pending")
      return refuse(409, "inquiry-decided", "Already decided", `This inquiry was ${inquiry.status}.`);
    if (decision.accept) {
      const invalid = invalidValue("D1", decision.d);
      if (invalid) return invalid;
    }
    const now = Date.now();
    const decided = {
      ...inquiry,
      status: decision.accept ? ("accepted" as const) : ("rejected" as const),
      dAfter: decision.accept ? decision.d : null,
      decidedBy: actorId,
      decidedAt: now,
      reason,
    };
    const entry = {
      actorId,
      action: decision.accept ? "inquiry_accepted" : "inquiry_rejected",
      before: String(inquiry.dBefore),
      after: decision.accept ? String(decision.d) : null,
      reason,
    };
    const change = decision.accept
      ? { agreedD: { value: decision.d, reason: `inquiry: ${reason}` }, override: null }
      : {};
    this.#change(change, entry, () => this.store.putInquiry(decided));
    await this.ctx.storage.setAlarm(now);
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
    if (!score) return incomplete(this.#whyNoScore(session));
    const now = Date.now();
    this.#change({ status: "published", publishedAt: now }, { actorId, action: "publish", after: String(score.final) });
    await this.ctx.storage.setAlarm(now);
    return this.view();
  }

  protected override welcome(connection: Connection): void {
    this.#sendView(connection);
  }

  override onMessage(connection: Connection, raw: WSMessage): void {
    answerClientFrame(connection, raw, () => this.#sendView(connection));
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
        this.#changed();
      }
    }
    if (session.status === "published") await this.#writeThrough(session);
  }

  /** Saves a change of the session with its audit entry, in one transaction, and shows it. */
  #change(
    fields: Parameters<SessionStore["update"]>[0],
    entry: {
      actorId: string;
      action: string;
      position?: string;
      before?: string | null;
      after?: string | null;
      reason?: string | null;
    },
    alsoInside?: () => void,
  ): void {
    this.ctx.storage.transactionSync(() => {
      alsoInside?.();
      this.store.update(fields);
      this.store.audit({
        at: Date.now(),
        position: null,
        before: null,
        after: null,
        reason: null,
        ...entry,
      });
    });
    this.#changed();
  }

  /** Shows the change to whoever watches the session: mostly nobody, and then nothing is built. */
  #changed(): void {
    if (this.ctx.getWebSockets().length === 0) return;
    const frame = this.#frame();
    if (frame) this.broadcast(frame);
  }

  #sendView(connection: Connection): void {
    const frame = this.#frame();
    if (frame) connection.send(frame);
  }

  #frame(): string | null {
    const session = this.store.session();
    return session && JSON.stringify({ type: "session", session: this.#present(session) } satisfies SessionFrame);
  }

  async #writeThrough(session: Session): Promise<void> {
    const score = this.#score(session);
    if (!score || session.publishedAt === null) return;
    try {
      const breakdown = { ...score, marks: this.store.marks().map(({ position, value }) => ({ position, value })) };
      const parts = { d: score.d, e: score.e, neutral: score.neutral, final: score.final };
      const audit = this.store.auditLog();
      await writePublished(
        createDb(this.env.DB),
        {
          sessionId: session.id,
          competitionId: session.competitionId,
          athleteId: session.athleteId,
          apparatus: session.apparatus,
          attempt: session.attempt,
          ...parts,
          breakdown,
          version: session.version,
          publishedBy: audit.findLast((a) => a.action === "publish")?.actorId ?? session.openedBy,
          publishedAt: session.publishedAt,
        },
        audit.map((entry) => ({ ...entry, competitionId: session.competitionId, sessionId: session.id })),
      );
      await this.env.SCOREBOARD.getByName(session.competitionId).scorePublished(
        {
          session_id: session.id,
          athlete: { id: session.athleteId, name: session.athleteName },
          apparatus: session.apparatus,
          attempt: session.attempt,
          ...parts,
          overridden: score.override !== undefined,
          breakdown,
        },
        session.version,
        session.publishedAt,
      );
      const inquiries = this.store.inquiriesOwed();
      if (inquiries.length) {
        const of = {
          competitionId: session.competitionId,
          sessionId: session.id,
          athleteId: session.athleteId,
          apparatus: session.apparatus,
        };
        await writeInquiries(createDb(this.env.DB), of, inquiries);
        this.store.inquiriesSynced(inquiries);
      }
      this.#failedWrites = 0;
    } catch (error) {
      this.#failedWrites++;
      const delay = Math.min(200 * 2 ** this.#failedWrites, MAX_RETRY_DELAY_MS);
      console.error(`scoring session ${session.id}: writing the score through failed, retrying in ${delay} ms`, error);
      await this.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  #task(session: Session): ScoringTask {
    return {
      action: "new_scoring",
      session_id: session.id,
      athlete: { id: session.athleteId, name: session.athleteName },
      apparatus: session.apparatus,
      deadline: new Date(session.deadline).toISOString(),
    };
  }

  #missing(session: Session): string[] {
    const scored = new Set(this.store.marks().map((m) => m.position));
    return session.seats.filter((seat) => !scored.has(seat));
  }

  #score(session: Session): SessionScore | null {
    return withOverride(
      scoreOf(session.schema, session.rounding, this.store.marks(), session.neutral, session.agreedD?.value ?? null),
      session.override,
    );
  }

  #whyNoScore(session: Session): string[] {
    return whyNoScore(session.schema, this.store.marks(), session.agreedD?.value ?? null);
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
      agreed_d: session.agreedD,
      score: this.#score(session),
      why_no_score: this.#whyNoScore(session),
      inquiries: this.store.inquiries().map(presentInquiry),
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
