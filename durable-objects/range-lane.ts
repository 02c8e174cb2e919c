// RangeLane: the single authority for one lane of the range (ARCHITECTURE rule 2). It runs the
// lane's sessions, accepts shots from the lane's target system (the Worker has checked the
// device's token; this object knows which tokens are revoked), scores each one, stores it before
// acknowledging and broadcasting it, and hands shots to the statistics queue by alarm, retried
// until the queue takes them.
import type { Connection, ConnectionContext, WSMessage } from "partyserver";
import { type Grant, holdsRole } from "../worker/auth/rules";
import { answerClientFrame, GRANTS_HEADER, VIEWER_HEADER } from "../worker/lib/live";
import { accept, type RpcResult, refuse } from "../worker/lib/rpc";
import type { Shot } from "../worker/range/contract";
import { LaneStore, presentSession } from "../worker/range/lane-store";
import { CLOSE_NOT_YOURS, type LiveSession, type ServerMessage } from "../worker/range/protocol";
import { type Discipline, FACES, scoreShot } from "../worker/range/rules";
import { queueShots } from "../worker/range/statistics-queue";
import { LiveObject } from "./live-object";

/**
 * Shots arriving within this window go to the queue in one message. Statistics may lag by it; the
 * live page does not (it hears every shot at once). At 50 ms twenty busy lanes sent a message
 * per shot or two, and the queue's overhead made them slower together than one lane alone.
 */
const FLUSH_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 60_000;
const SHOTS_PER_MESSAGE = 100;
/** Who is behind a socket, kept with it across hibernation. */
interface Watcher {
  staff: boolean;
  viewer: string | null;
}

export interface SessionStart {
  rangeId: string;
  discipline: Discipline;
  bookingId: string;
  shooterId: string;
  endsAt: number;
}

export interface IncomingShot {
  id: string;
  /** Hundredths of a millimetre. */
  x: number;
  y: number;
  at: number;
  sighter: boolean;
}

const noSession = () =>
  refuse(409, "conflict", "No session", "No session is running on this lane: shots are refused.", {
    reason: "no_session",
  });

export class RangeLane extends LiveObject {
  readonly store: LaneStore;
  #failedFlushes = 0;
  /** An alarm is set (kept in memory: asking storage for it on every shot cost a round of its own). */
  #flushScheduled = false;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.store = new LaneStore(ctx.storage.sql);
  }

  // The Worker's interface (RPC).

  /** The lane's club and discipline (its target face); set when the lane is created or read. */
  async configure(rangeId: string, discipline: Discipline): Promise<void> {
    this.store.configure(rangeId, discipline);
  }

  async allowToken(tokenId: string): Promise<void> {
    this.store.allowToken(tokenId);
  }

  async revokeToken(tokenId: string): Promise<void> {
    this.store.revokeToken(tokenId);
  }

  /** Starts the booking's session; the same booking again is the same session. */
  async start(input: SessionStart): Promise<RpcResult<LiveSession>> {
    const known = this.store.session(input.bookingId);
    if (known) return accept(presentSession(known));
    const running = this.store.running();
    if (running) {
      return refuse(
        409,
        "conflict",
        "Lane busy",
        "Another session is running on this lane: its instructor ends it first.",
        {
          reason: "lane_busy",
        },
      );
    }
    this.store.configure(input.rangeId, input.discipline);
    this.store.start(input.bookingId, input.shooterId, input.endsAt, Date.now());
    // The lane is the new shooter's now: the last one's pages stop watching it.
    for (const connection of this.getConnections<Watcher>()) {
      if (!this.#watches(connection, input.shooterId)) connection.close(CLOSE_NOT_YOURS, "Not your lane to watch");
    }
    return accept(this.#announceSession(input.bookingId));
  }

  /** Ends the booking's session; ending it again changes nothing. */
  async end(bookingId: string): Promise<RpcResult<LiveSession>> {
    const known = this.store.session(bookingId);
    if (!known)
      return refuse(409, "conflict", "Not started", "This session was never started.", { reason: "not_started" });
    if (known.endedAt !== null) return accept(presentSession(known));
    this.store.end(bookingId, Date.now());
    return accept(this.#announceSession(bookingId));
  }

  /** A shot from the target system: scored, stored, acknowledged; a repeated id is answered with the first. */
  async ingest(tokenId: string, shot: IncomingShot): Promise<RpcResult<{ shot: Shot; duplicate: boolean }>> {
    if (this.store.tokenState(tokenId) !== "valid") {
      return refuse(403, "forbidden", "Forbidden", "This device token has been revoked.", { reason: "token_revoked" });
    }
    const lane = this.store.lane();
    const latest = this.store.latest();
    if (!lane || !latest) return noSession();
    // A repeated id is answered with the first, also once the session has ended.
    if (latest.endedAt !== null) {
      const seen = this.store.shot(latest.bookingId, shot.id);
      return seen ? accept({ shot: seen, duplicate: true }) : noSession();
    }
    const stored = this.store.addShot(shot, scoreShot(FACES[lane.discipline], shot.x, shot.y));
    if (!stored) return accept({ shot: this.store.shot(latest.bookingId, shot.id) as Shot, duplicate: true });
    this.#tell(latest.shooterId, {
      type: "shot",
      version: this.store.bump(),
      booking_id: latest.bookingId,
      shot: stored,
    });
    await this.#scheduleFlush(FLUSH_DELAY_MS);
    return accept({ shot: stored, duplicate: false });
  }

  // Sockets: the session's shooter and the range's instructors watch the lane;
  // what happens on it goes to them only, never to the shooter of an earlier session.

  protected override async welcome(connection: Connection, context: ConnectionContext): Promise<void> {
    await this.#knowLane();
    const viewer = context.request.headers.get(VIEWER_HEADER);
    const staff = this.#isStaff(context);
    if (!staff && (viewer === null || this.store.latest()?.shooterId !== viewer)) {
      connection.close(CLOSE_NOT_YOURS, "Not your lane to watch");
      return;
    }
    connection.setState({ staff, viewer });
    this.#sendSnapshot(connection);
  }

  override onMessage(connection: Connection, raw: WSMessage): void {
    answerClientFrame(connection, raw, () => this.#sendSnapshot(connection));
  }

  override async onAlarm(): Promise<void> {
    this.#flushScheduled = false;
    const lane = this.store.lane();
    const shots = this.store.unqueued(SHOTS_PER_MESSAGE);
    if (!lane || shots.length === 0) return;
    try {
      await queueShots(this.env.RANGE_SHOTS, this.name, lane.discipline, shots);
      this.store.markQueued(shots);
      this.#failedFlushes = 0;
      if (shots.length === SHOTS_PER_MESSAGE) await this.#scheduleFlush(0);
    } catch (error) {
      // Nothing is lost: the shots stay unqueued here and go again later.
      this.#failedFlushes++;
      const delay = Math.min(FLUSH_DELAY_MS * 2 ** this.#failedFlushes, MAX_RETRY_DELAY_MS);
      console.error(
        `range lane ${this.name}: queueing shots failed (${this.#failedFlushes}), retry in ${delay} ms`,
        error,
      );
      this.#flushScheduled = true;
      await this.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  async #scheduleFlush(delay: number): Promise<void> {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    await this.ctx.storage.setAlarm(Date.now() + delay);
  }

  #announceSession(bookingId: string): LiveSession {
    const stored = this.store.session(bookingId);
    if (!stored) throw new Error(`range lane ${this.name}: no session ${bookingId}`);
    const session = presentSession(stored);
    this.#tell(stored.shooterId, { type: "session", version: this.store.bump(), session });
    return session;
  }

  /** A lane made outside the API (the demo seed) learns its club and discipline from D1 on first use. */
  async #knowLane(): Promise<void> {
    if (this.store.lane()) return;
    const row = await this.env.DB.prepare("SELECT range_id, discipline FROM range_lane WHERE id = ?")
      .bind(this.name)
      .first<{ range_id: string; discipline: Discipline }>();
    if (row) this.store.configure(row.range_id, row.discipline);
  }

  /** The Worker forwarded the person's grants (lib/sockets.ts): an instructor at this lane's range. */
  #isStaff(context: ConnectionContext): boolean {
    const grants = JSON.parse(context.request.headers.get(GRANTS_HEADER) ?? "[]") as Grant[];
    const lane = this.store.lane();
    return lane !== null && holdsRole(grants, "instructor", `range:${lane.rangeId}`);
  }

  /** Whether the socket is to hear of the session of `shooterId`: staff's, or that shooter's own. */
  #watches(connection: Connection<Watcher>, shooterId: string): boolean {
    const state = connection.state;
    return !!state && (state.staff || state.viewer === shooterId);
  }

  #sendSnapshot(connection: Connection): void {
    const lane = this.store.lane();
    const latest = this.store.latest();
    const message: ServerMessage = {
      type: "snapshot",
      version: lane?.version ?? 0,
      lane: { id: this.name, discipline: lane?.discipline ?? "air_rifle_10m" },
      session: latest ? presentSession(latest) : null,
      shots: latest ? this.store.shotsOf(latest.bookingId) : [],
    };
    connection.send(JSON.stringify(message));
  }

  /** To the lane's staff and the session's shooter. */
  #tell(shooterId: string, message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const connection of this.getConnections<Watcher>()) {
      if (this.#watches(connection, shooterId)) connection.send(text);
    }
  }
}
