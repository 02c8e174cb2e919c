// A lane's live target: the session shown and its shots, kept current over a partysocket
// (reconnects with jittered backoff). Versions are consecutive; on a gap it asks for a snapshot.
import type PartySocket from "partysocket";
import type { ClientMessage } from "../../../../worker/lib/live";
import type { Shot } from "../../../../worker/range/contract";
import { CLOSE_NOT_YOURS, type LiveSession, type ServerMessage } from "../../../../worker/range/protocol";
import type { Discipline } from "../../../../worker/range/rules";
import { liveSocket } from "../live-socket";

export class LiveLane {
  #discipline = $state<Discipline | null>(null);
  #session = $state.raw<LiveSession | null>(null);
  #shots = $state.raw<Shot[]>([]);
  #connected = $state(false);
  #notYours = $state(false);
  #version = 0;
  #socket: PartySocket;

  constructor(laneId: string) {
    this.#socket = liveSocket("range-lane", laneId, {
      shouldReconnectOnClose: (event) => event.code !== CLOSE_NOT_YOURS,
    });
    this.#socket.addEventListener("open", () => (this.#connected = true));
    this.#socket.addEventListener("close", (event) => {
      this.#connected = false;
      if (event.code === CLOSE_NOT_YOURS) this.#notYours = true;
    });
    this.#socket.addEventListener("message", (event) => this.#receive(JSON.parse(event.data) as ServerMessage));
  }

  get discipline() {
    return this.#discipline;
  }
  get session() {
    return this.#session;
  }
  get shots() {
    return this.#shots;
  }
  get connected() {
    return this.#connected;
  }
  get notYours() {
    return this.#notYours;
  }

  close() {
    this.#socket.close();
  }

  #receive(message: ServerMessage) {
    if (message.type === "snapshot") {
      this.#version = message.version;
      this.#discipline = message.lane.discipline;
      this.#session = message.session;
      this.#shots = message.shots;
      return;
    }
    if (message.type !== "shot" && message.type !== "session") return;
    if (message.version !== this.#version + 1) {
      this.#send({ type: "resync" });
      return;
    }
    this.#version = message.version;
    if (message.type === "session") {
      if (message.session.booking_id !== this.#session?.booking_id) this.#shots = [];
      this.#session = message.session;
    } else if (message.booking_id === this.#session?.booking_id) {
      this.#shots = [...this.#shots, message.shot];
    }
  }

  #send(message: ClientMessage) {
    this.#socket.send(JSON.stringify(message));
  }
}
