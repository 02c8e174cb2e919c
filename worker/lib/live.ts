// What the Worker tells a live object about who connected (lib/sockets.ts sets these headers;
// a client's own copies are dropped, so an object may trust them), and what every live
// object's clients may send it.
import { z } from "zod";

/** The connecting person's user id, absent for an anonymous spectator. */
export const VIEWER_HEADER = "x-podium-viewer";
/** Their role grants as JSON ([{role, scope}]), for objects that serve people by role. */
export const GRANTS_HEADER = "x-podium-grants";

/**
 * What a client may send any live object: "resync" (send me a snapshot: I saw a gap or came
 * back) and "ping" (an application-level ping: browsers cannot see WebSocket pings, and venue
 * Wi-Fi drops links silently).
 */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("resync") }),
  z.object({ type: z.literal("ping"), id: z.string().max(64) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Answers a client's frame: a typed error if unreadable, a pong to a ping, `resync()` to a resync. */
export function answerClientFrame(connection: { send(text: string): void }, raw: unknown, resync: () => void): void {
  let message: ClientMessage;
  try {
    message = ClientMessage.parse(JSON.parse(String(raw)));
  } catch {
    connection.send(JSON.stringify({ type: "error", message: "Unreadable message." }));
    return;
  }
  if (message.type === "ping") {
    connection.send(JSON.stringify({ type: "pong", id: message.id, serverTime: new Date().toISOString() }));
  } else {
    resync();
  }
}
