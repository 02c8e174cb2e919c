// A socket to one of the Worker's live objects (/parties/<party>/<room>), same origin, which
// partysocket reconnects with backoff. Each area's live class wraps one of these.
import PartySocket, { type PartySocketOptions } from "partysocket";

export function liveSocket(party: string, room: string, options: Partial<PartySocketOptions> = {}): PartySocket {
  return new PartySocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    prefix: "parties",
    party,
    room,
    ...options,
  });
}
