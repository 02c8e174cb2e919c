// The door phone: a ticket scanned or typed is saved on the phone first, then sent; whatever the
// network does, it is sent until the server answers, and then only once (the server knows its
// client id). Sent again whenever the phone may be back: the browser's "online" event, and a
// slow timer while anything waits. A ticket this phone has checked in or is still sending is
// refused on the spot, even offline.
import type { CheckIn } from "../../../../worker/events/contract";
import { parseTicketCode } from "../../../../worker/events/rules";
import type { ProblemBody } from "../../../../worker/lib/problem";
import { type Delivery, flush, oneAtATime } from "../gym/outbox";
import { type DoorCheckIn, DoorQueue } from "./door-queue";

const RETRY_MS = 5_000;

/** Why the phone itself refused a ticket, without asking the server. */
export type DoorRefusal =
  | { reason: "not_a_ticket" | "other_event" | "waiting" }
  | { reason: "already_checked_in"; firstAt: string | undefined };

export class DoorDesk {
  #checkIns = $state.raw<DoorCheckIn[]>([]);
  #networkUp = $state(navigator.onLine);
  #ready = $state(false);
  #queue: DoorQueue | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;
  #onOnline = () => {
    this.#networkUp = true;
    this.#flush();
  };
  #onOffline = () => (this.#networkUp = false);

  constructor(
    private readonly owner: string,
    private readonly eventId: string,
  ) {}

  /** Check-ins on this phone, newest first. */
  get checkIns(): DoorCheckIn[] {
    return this.#checkIns.toReversed();
  }
  /** How many wait to be sent (or for the server's answer). */
  get waiting(): number {
    return this.#checkIns.filter((c) => c.state === "saved" || c.state === "sent").length;
  }
  get online(): boolean {
    return this.#networkUp;
  }
  /** False until the phone's queue is open: tickets can be taken from then on. */
  get ready(): boolean {
    return this.#ready;
  }

  async start() {
    this.#queue = await DoorQueue.open(this.owner, this.eventId);
    await this.#show();
    // Stopped while the queue opened (the page's effect ran again): a second desk left listening
    // would send every waiting check-in twice.
    if (this.#stopped) return this.#queue.close();
    this.#ready = true;
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    this.#timer = setInterval(() => this.waiting && this.#flush(), RETRY_MS);
    await this.#flush();
  }

  stop() {
    this.#stopped = true;
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    clearInterval(this.#timer);
    this.#queue?.close();
  }

  /** Checks in what was scanned or typed; a refusal the phone can tell by itself is returned at once. */
  async checkIn(code: string): Promise<DoorRefusal | null> {
    const ticket = parseTicketCode(code);
    if (!ticket || !this.#queue) return { reason: "not_a_ticket" };
    if (ticket.eventId !== null && ticket.eventId !== this.eventId) return { reason: "other_event" };
    const earlier = this.#checkIns.find((c) => c.number === ticket.number && c.state !== "rejected");
    if (earlier?.state === "confirmed") return { reason: "already_checked_in", firstAt: earlier.checkedInAt };
    if (earlier) return { reason: "waiting" };
    await this.#queue.save(code.trim(), ticket.number);
    await this.#show();
    await this.#flush();
    return null;
  }

  #flush = oneAtATime(async () => {
    if (!this.#queue) return;
    await flush(
      this.#queue,
      (c) => this.#deliver(c),
      () => this.#show(),
    );
    await this.#show();
  });

  async #deliver(checkIn: DoorCheckIn): Promise<Delivery> {
    const queue = this.#queue;
    if (!queue) return { kind: "offline" };
    let response: Response;
    try {
      response = await fetch(`/api/events/${encodeURIComponent(this.eventId)}/check-ins`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: checkIn.code, client_id: checkIn.clientId }),
      });
    } catch {
      return { kind: "offline" };
    }
    if (response.ok) {
      const done = (await response.json()) as CheckIn;
      await queue.answer(checkIn.clientId, {
        visitor: `${done.visitor.first_name} ${done.visitor.last_name}`,
        checkedInAt: done.checked_in_at,
      });
      return { kind: "ack" };
    }
    // Logged out, throttled or a server fault: the ticket is still good, try again later.
    if (response.status === 401 || response.status === 429 || response.status >= 500) return { kind: "retry" };
    const problem = (await response.json().catch(() => null)) as ProblemBody | null;
    const firstAt = typeof problem?.checked_in_at === "string" ? problem.checked_in_at : undefined;
    if (firstAt) await queue.answer(checkIn.clientId, { checkedInAt: firstAt });
    return { kind: "rejected", problem: refusalReason(response.status, problem) };
  }

  async #show() {
    this.#checkIns = (await this.#queue?.all()) ?? [];
  }
}

/** The reason a refusal is kept under, worded when shown (events/words.ts, doorRefusalWords). */
function refusalReason(status: number, problem: ProblemBody | null): string {
  if (typeof problem?.reason === "string") return problem.reason;
  if (status === 404) return "not_found";
  if (status === 403) return "forbidden";
  return status === 400 ? "not_a_ticket" : "other";
}
