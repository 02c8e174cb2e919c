// How a live socket comes back after a drop. partysocket's own backoff has no jitter: a hall of
// phones dropped at once by the venue's Wi-Fi would retry in lockstep, all in the same
// milliseconds, and the wave would time out against the 4 s it allows a connection to open. Here
// every delay is drawn at random (the first retry within a second, growing to at most 10 s), and a
// connection has 10 s to open. No DOM here: bench/live.ts uses the same socket in Node.
import PartySocket, { type PartySocketOptions } from "partysocket";

/** Close codes of worker/lib/live.ts CLOSE, as the browser sees them. */
export const SESSION_ENDED = 4401;
export const SESSION_ENDED_EVENT = "podium:session-ended";

export const RECONNECT = { firstDelayMs: 1_000, maxDelayMs: 10_000, growFactor: 1.5, connectionTimeoutMs: 10_000 };

/** A delay drawn between a quarter of `ms` and all of it. */
export const jitter = (ms: number, random: () => number = Math.random) => ms * (0.25 + 0.75 * random());

/** A partysocket whose every reconnect delay is drawn anew (see above). */
export class LiveSocket extends PartySocket {
  constructor(options: PartySocketOptions) {
    super({
      ...options,
      reconnectionDelayGrowFactor: RECONNECT.growFactor,
      connectionTimeout: RECONNECT.connectionTimeoutMs,
    });
    // partysocket reads its backoff bounds from these options at every retry: getters draw anew.
    Object.defineProperties(this._options, {
      minReconnectionDelay: { get: () => jitter(RECONNECT.firstDelayMs), configurable: true },
      maxReconnectionDelay: { get: () => jitter(RECONNECT.maxDelayMs), configurable: true },
    });
    // The server closed it because the person's session ended (lib/live.ts CLOSE.sessionEnded):
    // it reconnects as whoever the browser is now, and the page is told to find out who that is.
    // (The window, in a browser; in Node, where bench/wave.ts uses it, there is none to tell.)
    const page = globalThis as unknown as Partial<EventTarget>;
    this.addEventListener("close", (event) => {
      if (event.code === SESSION_ENDED) page.dispatchEvent?.(new Event(SESSION_ENDED_EVENT));
    });
  }
}
