// A contest's live ranking, kept current over a partysocket (reconnects with jittered backoff).
// Versions are consecutive; on a gap it asks for a snapshot. Rankings the page gets otherwise
// (the answer to its own join or answer) are taken too when they are newer. Each ranking carries
// the contest object's time, so the countdown follows the contest's clock, not the phone's.
import type PartySocket from "partysocket";
import type { ClientMessage } from "../../../../worker/lib/live";
import type { Ranking } from "../../../../worker/trainer/contract";
import { CLOSE_NO_SUCH_CONTEST, type ServerMessage } from "../../../../worker/trainer/protocol";
import { liveSocket } from "../live-socket";

export class LiveContest {
  #ranking = $state.raw<Ranking | null>(null);
  #connected = $state(false);
  /** The contest's clock minus this browser's. */
  #skew = 0;
  #socket: PartySocket;

  constructor(contestId: string) {
    this.#socket = liveSocket("trainer-contest", contestId, {
      // No such contest: the page says so from its own request; nothing to come back for.
      shouldReconnectOnClose: (event) => event.code !== CLOSE_NO_SUCH_CONTEST,
    });
    this.#socket.addEventListener("open", () => (this.#connected = true));
    this.#socket.addEventListener("close", () => (this.#connected = false));
    this.#socket.addEventListener("message", (event) => this.#receive(JSON.parse(event.data) as ServerMessage));
  }

  get ranking() {
    return this.#ranking;
  }
  get connected() {
    return this.#connected;
  }

  /** Now by the contest's clock. */
  serverNow(browserNow: number): number {
    return browserNow + this.#skew;
  }

  /** A ranking the page got over HTTP: taken when newer than the one shown. */
  take(ranking: Ranking) {
    if (this.#ranking && ranking.version <= this.#ranking.version) return;
    this.#ranking = ranking;
    this.#skew = ranking.serverTime - Date.now();
  }

  close() {
    this.#socket.close();
  }

  #receive(message: ServerMessage) {
    // Versions only grow: a snapshot older than a ranking taken over HTTP meanwhile is dropped.
    if (message.type === "snapshot") this.take(message.ranking);
    else if (message.type === "ranking") {
      const seen = this.#ranking?.version ?? 0;
      if (message.version > seen + 1) this.#send({ type: "resync" });
      else this.take(message.ranking);
    }
  }

  #send(message: ClientMessage) {
    this.#socket.send(JSON.stringify(message));
  }
}
