// One scoring session as the head judge and secretary watch it: each seat's mark, who is
// missing, the computed score and the audit log, pushed by the session itself on every change.
import type { SessionFrame, SessionView } from "../../../../worker/gym/protocol";
import { liveSocket } from "../live-socket";

export class LiveSession {
  #view = $state.raw<SessionView | null>(null);
  #socket;

  constructor(sessionId: string) {
    this.#socket = liveSocket("scoring-session", sessionId);
    this.#socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data) as SessionFrame | { type: string };
      if (frame.type === "session") this.accept((frame as SessionFrame).session);
    });
  }

  get view() {
    return this.#view;
  }

  /** A view from an action's answer or a frame; an older version never replaces a newer one. */
  accept(view: SessionView) {
    if (!this.#view || view.version >= this.#view.version) this.#view = view;
  }

  close() {
    this.#socket.close();
  }
}
