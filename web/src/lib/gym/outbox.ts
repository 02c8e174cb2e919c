// The judge's outbox: every mark is written to IndexedDB on the phone before it is sent, and
// stays there until the server acknowledges its client id. A reload, a closed tab or a dead
// Wi-Fi loses nothing; a resend is harmless because the server recognises the id. The last
// known tasks are kept too ("memo"), so a judge who reloads with no network can still score.
// How a queue of such commands is sent (flush) is not the judge's alone: the door phones'
// check-ins (events/door-queue.ts) go through it too.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";

/** Where a command is: on the phone only, sent without an answer yet, confirmed, or refused for good. */
export type MarkState = "saved" | "sent" | "confirmed" | "rejected";

/** A command kept on the phone until the server acknowledges its client id. */
export interface Queued {
  clientId: string;
  state: MarkState;
}

/** What flush needs of a store of commands: those still to send, oldest first, and a way to mark them. */
export interface Queue<T extends Queued> {
  unconfirmed(): Promise<T[]>;
  setState(clientId: string, state: MarkState, problem?: string): Promise<void>;
}

export interface OutboxMark extends Queued {
  sessionId: string;
  position: string;
  /** Thousandths (the API takes points: value / 1000). */
  value: number;
  /** What the judge scored, as the phone showed it (athlete, apparatus). */
  label: string;
  /** The order marks were saved in on this phone: the order they must reach the server in. */
  seq: number;
  savedAt: number;
  /** Why the server refused it (a closed session, a seat not on the panel). */
  problem?: string;
}

/**
 * What sending one command came to: acknowledged; refused for good; or to be tried again later,
 * either because it never left the phone ("offline") or because the server could not take it
 * now ("retry": it may have arrived, so the mark stays "sent").
 */
export type Delivery =
  | { kind: "ack" }
  | { kind: "rejected"; problem: string }
  | { kind: "offline" }
  | { kind: "retry" };

interface OutboxDb extends DBSchema {
  marks: { key: string; value: OutboxMark; indexes: { bySession: string; bySeq: number } };
  memo: { key: string; value: { key: string; value: unknown } };
}

export class Outbox implements Queue<OutboxMark> {
  private constructor(private readonly db: IDBPDatabase<OutboxDb>) {}

  /** One outbox per person on this phone: two judges sharing a phone never mix marks. */
  static async open(owner: string): Promise<Outbox> {
    const db = await openDB<OutboxDb>(`podium-judge-${owner}`, 1, {
      upgrade(db) {
        const marks = db.createObjectStore("marks", { keyPath: "clientId" });
        marks.createIndex("bySession", "sessionId");
        marks.createIndex("bySeq", "seq");
        db.createObjectStore("memo", { keyPath: "key" });
      },
    });
    return new Outbox(db);
  }

  /**
   * Saves a new mark for a seat. An earlier mark for the same seat that never left the phone is
   * dropped (it was never seen, so it needs no correction); one that was sent stays, to be
   * delivered in order before the new one replaces it on the server.
   */
  async save(mark: Omit<OutboxMark, "seq" | "savedAt" | "state">): Promise<OutboxMark> {
    const tx = this.db.transaction("marks", "readwrite");
    const last = await tx.store.index("bySeq").openCursor(null, "prev");
    const saved: OutboxMark = { ...mark, seq: (last?.value.seq ?? 0) + 1, savedAt: Date.now(), state: "saved" };
    for (const earlier of await tx.store.index("bySession").getAll(mark.sessionId)) {
      if (earlier.position === mark.position && earlier.state === "saved") await tx.store.delete(earlier.clientId);
    }
    await tx.store.put(saved);
    await tx.done;
    return saved;
  }

  /** Every mark on the phone, oldest first. */
  async all(): Promise<OutboxMark[]> {
    return this.db.getAllFromIndex("marks", "bySeq");
  }

  /** Marks the server has not acknowledged (nor refused), oldest first: what a flush sends. */
  async unconfirmed(): Promise<OutboxMark[]> {
    return (await this.all()).filter((m) => m.state === "saved" || m.state === "sent");
  }

  async setState(clientId: string, state: MarkState, problem?: string): Promise<void> {
    const tx = this.db.transaction("marks", "readwrite");
    const mark = await tx.store.get(clientId);
    if (mark) await tx.store.put({ ...mark, state, ...(problem !== undefined && { problem }) });
    await tx.done;
  }

  /** Keeps what the judge last saw (their tasks), for a reload with no network. */
  async remember(key: string, value: unknown): Promise<void> {
    await this.db.put("memo", { key, value });
  }

  async recall<T>(key: string): Promise<T | undefined> {
    return (await this.db.get("memo", key))?.value as T | undefined;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Sends what the outbox holds, one command at a time and in order (a correction must not overtake
 * the mark it corrects). Stops at the first command that cannot be delivered now; the next flush
 * (after a reconnect, or a timer) starts again from it. Returns how many are still unconfirmed.
 */
export async function flush<T extends Queued>(
  outbox: Queue<T>,
  send: (item: T) => Promise<Delivery>,
  onChange: () => void = () => {},
): Promise<number> {
  const pending = await outbox.unconfirmed();
  for (const [i, item] of pending.entries()) {
    if (item.state === "saved") {
      await outbox.setState(item.clientId, "sent");
      onChange();
    }
    const delivery = await send(item);
    if (delivery.kind === "offline" || delivery.kind === "retry") {
      if (delivery.kind === "offline" && item.state === "saved") {
        await outbox.setState(item.clientId, "saved");
        onChange();
      }
      return pending.length - i;
    }
    await outbox.setState(
      item.clientId,
      delivery.kind === "ack" ? "confirmed" : "rejected",
      delivery.kind === "rejected" ? delivery.problem : undefined,
    );
    onChange();
  }
  return 0;
}

/**
 * Flushes one at a time: asked again while one runs (a command saved meanwhile, the network back),
 * it runs once more when that one ends, and the caller waits for that. `run` is one flush.
 */
export function oneAtATime(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
