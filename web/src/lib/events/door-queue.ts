// A door phone's check-ins, kept in IndexedDB until the server acknowledges each by its client
// id, and sent through the same outbox flush as the judges' marks (gym/outbox.ts): venue Wi-Fi
// may drop for a minute while people keep arriving, and none of them may be lost or checked in
// twice. Each record keeps what the server answered (who it was, when they came in, or why not).
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { MarkState, Queue, Queued } from "../gym/outbox";

export interface DoorCheckIn extends Queued {
  eventId: string;
  /** What was scanned or typed, sent as it was. */
  code: string;
  /** The ticket number it names (1234-5678). */
  number: string;
  seq: number;
  savedAt: number;
  /** Why the server refused it: its reason (already_checked_in, cancelled, …) or the door's. */
  problem?: string;
  /** Whose ticket it was, once the server said. */
  visitor?: string;
  /** When the ticket was checked in: now, or (refused as already in) the first time. */
  checkedInAt?: string;
}

interface DoorDb extends DBSchema {
  checkIns: { key: string; value: DoorCheckIn; indexes: { bySeq: number } };
}

export class DoorQueue implements Queue<DoorCheckIn> {
  private constructor(
    private readonly db: IDBPDatabase<DoorDb>,
    private readonly eventId: string,
  ) {}

  /** One queue per person on this phone, holding the check-ins of every event they work the door of. */
  static async open(owner: string, eventId: string): Promise<DoorQueue> {
    const db = await openDB<DoorDb>(`podium-door-${owner}`, 1, {
      upgrade(db) {
        db.createObjectStore("checkIns", { keyPath: "clientId" }).createIndex("bySeq", "seq");
      },
    });
    return new DoorQueue(db, eventId);
  }

  async save(code: string, number: string): Promise<DoorCheckIn> {
    const tx = this.db.transaction("checkIns", "readwrite");
    const last = await tx.store.index("bySeq").openCursor(null, "prev");
    const saved: DoorCheckIn = {
      clientId: crypto.randomUUID(),
      eventId: this.eventId,
      code,
      number,
      seq: (last?.value.seq ?? 0) + 1,
      savedAt: Date.now(),
      state: "saved",
    };
    await tx.store.put(saved);
    await tx.done;
    return saved;
  }

  /** This event's check-ins on this phone, oldest first. */
  async all(): Promise<DoorCheckIn[]> {
    return (await this.db.getAllFromIndex("checkIns", "bySeq")).filter((c) => c.eventId === this.eventId);
  }

  async unconfirmed(): Promise<DoorCheckIn[]> {
    return (await this.all()).filter((c) => c.state === "saved" || c.state === "sent");
  }

  async setState(clientId: string, state: MarkState, problem?: string): Promise<void> {
    await this.#change(clientId, { state, ...(problem !== undefined && { problem }) });
  }

  /** Keeps what the server said about the ticket: whose it is and when it was checked in. */
  async answer(clientId: string, answer: Pick<DoorCheckIn, "visitor" | "checkedInAt">): Promise<void> {
    await this.#change(clientId, answer);
  }

  close(): void {
    this.db.close();
  }

  async #change(clientId: string, change: Partial<DoorCheckIn>): Promise<void> {
    const tx = this.db.transaction("checkIns", "readwrite");
    const found = await tx.store.get(clientId);
    if (found) await tx.store.put({ ...found, ...change });
    await tx.done;
  }
}
