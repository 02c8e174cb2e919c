// EventLine: the single authority for one betting event (ARCHITECTURE rule 2). It holds the
// line (odds, deadline, status), accepts bets against its own clock, settles them when the
// outcome is set, persists every change before answering, and writes through to D1 by alarm.
import type { Connection, ConnectionContext, WSMessage } from "partyserver";
import type { Bet, BettingEvent } from "../worker/betting/contract";
import { type Line, LineStore, type StoredBet } from "../worker/betting/line/store";
import { flushToD1 } from "../worker/betting/line/write-through";
import { presentBet, presentEvent } from "../worker/betting/present";
import type { ServerMessage } from "../worker/betting/protocol";
import {
  type EventStatus,
  type FinishedStatus,
  type Refusal,
  refusalOf,
  type StatusChange,
  statusChange,
} from "../worker/betting/rules";
import { createDb } from "../worker/db";
import { answerClientFrame, CLOSE, VIEWER_HEADER } from "../worker/lib/live";
import { accept, type RpcResult, refuse } from "../worker/lib/rpc";
import { LiveObject } from "./live-object";

/** Bets arriving within this window go to D1 in one batch. */
const FLUSH_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 60_000;

export interface NewLine {
  title: string;
  firstTeam: string;
  secondTeam: string;
  odds: number;
  deadline: number;
  createdBy: string;
}

export interface LineChange {
  odds?: number;
  deadline?: number;
  status?: EventStatus;
  reason?: string;
}

export interface BetOrder {
  bettorId: string;
  amount: number;
  expectedOdds?: number;
  idempotencyKey: string;
}

interface ConnectionState {
  bettorId: string | null;
}

/** The audit log's word for an outcome being set: voided, corrected, or set for the first time. */
function outcomeAction(kind: StatusChange, status: EventStatus): string {
  if (status === "void") return "void";
  return kind === "correct" ? "correct_outcome" : "finish";
}

const noSuchEvent = (id: string) => refuse(404, "not-found", "Not found", `No betting event ${id}.`);

function refusedBet(refusal: Refusal) {
  const extensions =
    refusal.reason === "odds_changed"
      ? { reason: refusal.reason, current_odds: refusal.currentOdds / 100 }
      : { reason: refusal.reason };
  return refuse(409, refusal.reason.replace("_", "-"), "Bet refused", refusal.detail, extensions);
}

export class EventLine extends LiveObject {
  readonly store: LineStore;
  #flushScheduled = false;
  #failedFlushes = 0;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.store = new LineStore(ctx.storage.sql);
  }

  // The line provider's interface (RPC, called by the Worker only).

  /** Publishes the line; the same again changes nothing. Hands back the stored line for the catalogue. */
  async create(input: NewLine): Promise<RpcResult<{ event: BettingEvent; created: boolean; line: Line }>> {
    const existing = this.store.line();
    if (existing) {
      const same =
        existing.title === input.title &&
        existing.firstTeam === input.firstTeam &&
        existing.secondTeam === input.secondTeam &&
        existing.odds === input.odds &&
        existing.deadline === input.deadline;
      return same
        ? accept({ event: presentEvent(existing), created: false, line: existing })
        : refuse(409, "conflict", "Conflict", `An event with id ${this.name} already exists.`);
    }
    const now = Date.now();
    const line: Line = { id: this.name, ...input, status: "not_finished", version: 1, createdAt: now, updatedAt: now };
    this.store.createLine(line);
    await this.#scheduleFlush();
    return accept({ event: presentEvent(line), created: true, line });
  }

  async read(): Promise<RpcResult<BettingEvent>> {
    const line = this.store.line();
    return line ? accept(this.#withCount(line)) : noSuchEvent(this.name);
  }

  async update(change: LineChange, actorId: string): Promise<RpcResult<BettingEvent>> {
    const line = this.store.line();
    if (!line) return noSuchEvent(this.name);
    const kind = statusChange(line.status, change.status ?? line.status);
    if (kind === "reopen") {
      return refuse(409, "conflict", "Conflict", "A finished event cannot be reopened; correct its outcome instead.");
    }
    if ((kind === "correct" || change.status === "void") && !change.reason) {
      return refuse(400, "validation", "Invalid request", "Correcting an outcome or voiding an event needs a reason.", {
        errors: [{ path: "reason", code: "required", message: "Say why." }],
      });
    }
    if (line.status !== "not_finished" && (change.odds !== undefined || change.deadline !== undefined)) {
      return refuse(409, "event-finished", "Event finished", "The odds and deadline of a finished event are final.");
    }

    const now = Date.now();
    const next: Line = {
      ...line,
      odds: change.odds ?? line.odds,
      deadline: change.deadline ?? line.deadline,
      status: change.status ?? line.status,
      version: line.version + 1,
      updatedAt: now,
    };
    const settledBy = kind === "finish" || kind === "correct" ? (next.status as FinishedStatus) : undefined;
    this.ctx.storage.transactionSync(() => {
      this.store.saveLine(next, settledBy);
      for (const field of ["odds", "deadline", "status"] as const) {
        if (line[field] === next[field]) continue;
        this.store.audit({
          at: now,
          actorId,
          action: field === "status" ? outcomeAction(kind, next.status) : `change_${field}`,
          before: String(line[field]),
          after: String(next[field]),
          reason: change.reason ?? null,
        });
      }
    });

    this.#broadcast({ type: "event", version: next.version, event: presentEvent(next) });
    if (settledBy) this.#sendSettledBets();
    await this.#scheduleFlush();
    return accept(this.#withCount(next));
  }

  // The bet maker's interface.

  async placeBet(order: BetOrder): Promise<RpcResult<{ bet: Bet; replayed: boolean }>> {
    const line = this.store.line();
    if (!line) return noSuchEvent(this.name);

    // A retry gets the first answer even after the deadline: the key is looked up before the
    // refusal stands. An accepted bet is inserted at once and the key's unique index finds a
    // retry, so the common case is one statement.
    const refusal = refusalOf(line, Date.now(), order.expectedOdds);
    if (refusal) return this.#replayed(order, line) ?? refusedBet(refusal);

    const bet = {
      id: crypto.randomUUID(),
      eventId: this.name,
      bettorId: order.bettorId,
      amount: order.amount,
      odds: line.odds,
      status: "pending" as const,
      payout: null,
      idempotencyKey: order.idempotencyKey,
      placedAt: Date.now(),
      settledAt: null,
    };
    if (!this.store.insertBet(bet)) {
      const replay = this.#replayed(order, line);
      if (!replay) throw new Error(`bet key ${order.idempotencyKey} taken by no bet`);
      return replay;
    }
    const presented = presentBet(bet, line.title);
    this.#sendTo(order.bettorId, { type: "bets", bets: [presented] });
    await this.#scheduleFlush();
    return accept({ bet: presented, replayed: false });
  }

  /** The bet this order's key placed before (422 if it was another bet), or null if none. */
  #replayed(order: BetOrder, line: Line): RpcResult<{ bet: Bet; replayed: boolean }> | null {
    const earlier = this.store.betByKey(order.bettorId, order.idempotencyKey, this.name);
    if (!earlier) return null;
    return earlier.amount === order.amount
      ? accept({ bet: presentBet(earlier, line.title), replayed: true })
      : refuse(422, "idempotency-key-reused", "Idempotency key reused", "This key was used for a different bet.");
  }

  /** A bettor's bets on this event as stored here (D1 may not have the newest yet). */
  async bettorBets(bettorId: string): Promise<{ bets: StoredBet[]; title: string | null }> {
    const line = this.store.line();
    return line ? { bets: this.store.betsOf(bettorId, this.name), title: line.title } : { bets: [], title: null };
  }

  // Live: spectators and bettors over WebSocket (partyserver).

  protected override welcome(connection: Connection<ConnectionState>, context: ConnectionContext): void {
    const line = this.store.line();
    if (!line) {
      connection.close(CLOSE.notFound, "No such betting event");
      return;
    }
    const bettorId = context.request.headers.get(VIEWER_HEADER);
    connection.setState({ bettorId });
    this.#sendSnapshot(connection, line, bettorId);
  }

  override onMessage(connection: Connection<ConnectionState>, raw: WSMessage): void {
    answerClientFrame(connection, raw, () => {
      const line = this.store.line();
      if (line) this.#sendSnapshot(connection, line, connection.state?.bettorId ?? null);
    });
  }

  override async onAlarm(): Promise<void> {
    this.#flushScheduled = false;
    try {
      const more = await flushToD1(this.store, createDb(this.env.DB), this.name);
      this.#failedFlushes = 0;
      if (more) await this.#scheduleFlush(0);
    } catch (error) {
      // Nothing was lost: what D1 did not take is still owed, and is sent again later.
      this.#failedFlushes++;
      const delay = Math.min(FLUSH_DELAY_MS * 2 ** this.#failedFlushes, MAX_RETRY_DELAY_MS);
      console.error(
        `event line ${this.name}: write-through failed (${this.#failedFlushes}), retrying in ${delay} ms`,
        error,
      );
      this.#flushScheduled = true;
      await this.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  async #scheduleFlush(delay = FLUSH_DELAY_MS): Promise<void> {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    await this.ctx.storage.setAlarm(Date.now() + delay);
  }

  #sendSnapshot(connection: Connection, line: Line, bettorId: string | null): void {
    const bets = bettorId ? this.#betsOf(bettorId, line) : [];
    const message: ServerMessage = {
      type: "snapshot",
      version: line.version,
      event: presentEvent(line),
      bets,
      serverTime: new Date().toISOString(),
    };
    connection.send(JSON.stringify(message));
  }

  #broadcast(message: ServerMessage): void {
    this.broadcast(JSON.stringify(message));
  }

  #sendTo(bettorId: string, message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const connection of this.getConnections(`user:${bettorId}`)) connection.send(text);
  }

  /** After an outcome, each connected bettor gets their bets on this event, now settled. */
  #sendSettledBets(): void {
    const bettors = new Set<string>();
    for (const connection of this.getConnections<ConnectionState>()) {
      const bettorId = connection.state?.bettorId;
      if (bettorId) bettors.add(bettorId);
    }
    const line = this.store.line();
    if (!line) return;
    for (const bettorId of bettors) this.#sendTo(bettorId, { type: "bets", bets: this.#betsOf(bettorId, line) });
  }

  /** The event as the bookmaker sees it here: with how many bets an outcome would settle. */
  #withCount(line: Line): BettingEvent {
    return { ...presentEvent(line), bet_count: this.store.betCount() };
  }

  #betsOf(bettorId: string, line: Line): Bet[] {
    return this.store.betsOf(bettorId, this.name).map((bet) => presentBet(bet, line.title));
  }
}
