// A competition's live scoreboard over a partysocket: standings, latest scores, who performs.
// Versions are consecutive; on a gap it asks for a snapshot again.
import type PartySocket from "partysocket";
import type { LiveScore, Performing, ServerMessage } from "../../../../worker/gym/protocol";
import type { Standings } from "../../../../worker/gym/standings";
import { liveSocket } from "../live-socket";

export class LiveScoreboard {
  #standings = $state.raw<Standings>({ apparatus: [], hasAllAround: false, allAround: [], allAroundUnranked: [] });
  #latest = $state.raw<LiveScore[]>([]);
  #performing = $state.raw<Performing[]>([]);
  #connected = $state(false);
  #ready = $state(false);
  #version = 0;
  #socket: PartySocket;

  constructor(competitionId: string) {
    this.#socket = liveSocket("scoreboard", competitionId);
    this.#socket.addEventListener("open", () => (this.#connected = true));
    this.#socket.addEventListener("close", () => (this.#connected = false));
    this.#socket.addEventListener("message", (event) => this.#receive(JSON.parse(event.data) as ServerMessage));
  }

  get standings() {
    return this.#standings;
  }
  get latest() {
    return this.#latest;
  }
  get performing() {
    return this.#performing;
  }
  get connected() {
    return this.#connected;
  }
  /** The first snapshot has arrived. */
  get ready() {
    return this.#ready;
  }

  close() {
    this.#socket.close();
  }

  #receive(message: ServerMessage) {
    if (!("type" in message)) return; // a judge's task: not for this board
    if (message.type === "snapshot") {
      this.#version = message.version;
      this.#standings = message.standings;
      this.#latest = message.latest;
      this.#performing = message.performing;
      this.#ready = true;
      return;
    }
    if (message.type !== "score" && message.type !== "performing") return;
    if (message.version !== this.#version + 1) {
      this.#socket.send(JSON.stringify({ type: "resync" }));
      return;
    }
    this.#version = message.version;
    this.#performing = message.performing;
    if (message.type === "score") {
      this.#standings = message.standings;
      this.#latest = [message.score, ...this.#latest.filter((s) => s.session_id !== message.score.session_id)].slice(
        0,
        10,
      );
    }
  }
}
