// A live event line: the event and the viewer's own bets on it, kept current over a
// partysocket (reconnects with backoff). Versions are consecutive; on a gap it asks again.
// Whether it still takes bets follows the line's own clock (its snapshot says what time it is
// there), so a phone whose clock is wrong closes the bet slip at the deadline all the same.
import type PartySocket from "partysocket";
import type { Bet, BettingEvent } from "../../../../worker/betting/contract";
import { CLOSE_NO_SUCH_EVENT, type ServerMessage } from "../../../../worker/betting/protocol";
import type { ClientMessage } from "../../../../worker/lib/live";
import { liveSocket } from "../live-socket";

export class LiveEventLine {
  #event = $state.raw<BettingEvent | null>(null);
  #bets = $state.raw<Bet[]>([]);
  #connected = $state(false);
  #missing = $state(false);
  #version = 0;
  /** Server clock minus this browser's, so countdowns follow the line's clock. */
  #clockOffset = 0;
  /** The deadline has passed by the line's clock. */
  #pastDeadline = $state(false);
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  #socket: PartySocket;

  constructor(eventId: string) {
    this.#socket = liveSocket("event-line", eventId, {
      shouldReconnectOnClose: (event) => event.code !== CLOSE_NO_SUCH_EVENT,
    });
    this.#socket.addEventListener("open", () => (this.#connected = true));
    this.#socket.addEventListener("close", (event) => {
      this.#connected = false;
      if (event.code === CLOSE_NO_SUCH_EVENT) this.#missing = true;
    });
    this.#socket.addEventListener("message", (event) => this.#receive(JSON.parse(event.data) as ServerMessage));
  }

  get event() {
    return this.#event;
  }
  get bets() {
    return this.#bets;
  }
  get connected() {
    return this.#connected;
  }
  /** The line said there is no such event. */
  get missing() {
    return this.#missing;
  }

  /** Open, and before its deadline by the line's clock. */
  get takesBets() {
    return this.#event?.status === "not_finished" && !this.#pastDeadline;
  }

  serverNow(): number {
    return Date.now() + this.#clockOffset;
  }

  /** A bet this page placed, shown at once; the line's own message confirms it. */
  addBet(bet: Bet) {
    this.#mergeBets([bet]);
  }

  close() {
    clearTimeout(this.#deadlineTimer);
    this.#socket.close();
  }

  #receive(message: ServerMessage) {
    switch (message.type) {
      case "snapshot":
        this.#clockOffset = Date.parse(message.serverTime) - Date.now();
        this.#version = message.version;
        this.#event = message.event;
        this.#bets = message.bets;
        this.#watchDeadline();
        break;
      case "event":
        if (message.version !== this.#version + 1) {
          this.#send({ type: "resync" });
          return;
        }
        this.#version = message.version;
        this.#event = message.event;
        this.#watchDeadline();
        break;
      case "bets":
        this.#mergeBets(message.bets);
        break;
    }
  }

  /** Marks the deadline passed when it passes by the line's clock (a deadline moved is watched anew). */
  #watchDeadline() {
    clearTimeout(this.#deadlineTimer);
    const left = Date.parse(this.#event?.deadline ?? "") - this.serverNow();
    this.#pastDeadline = !(left > 0);
    // A timer waits at most 2^31 − 1 ms (about 24 days); a later deadline is looked at again then.
    if (left > 0) this.#deadlineTimer = setTimeout(() => this.#watchDeadline(), Math.min(left, 2 ** 31 - 1));
  }

  #mergeBets(bets: Bet[]) {
    const byId = new Map(this.#bets.map((b) => [b.id, b]));
    for (const bet of bets) byId.set(bet.id, bet);
    this.#bets = [...byId.values()].sort((a, b) => b.placed_at.localeCompare(a.placed_at));
  }

  #send(message: ClientMessage) {
    this.#socket.send(JSON.stringify(message));
  }
}
