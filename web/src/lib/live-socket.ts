// A socket to one of the Worker's live objects (/parties/<party>/<room>), same origin, which
// reconnects with jittered backoff (reconnect.ts). Each area's live class wraps one of these.
import type { PartySocketOptions } from "partysocket";
import { LiveSocket } from "./reconnect";

export function liveSocket(party: string, room: string, options: Partial<PartySocketOptions> = {}): LiveSocket {
  return new LiveSocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    prefix: "parties",
    party,
    room,
    ...options,
  });
}
