// What the Worker tells a live object about who connected (lib/sockets.ts sets these headers;
// a client's own copies are dropped, so an object may trust them), and what every live
// object's clients may send it.
import { z } from "zod";

/** The connecting person's user id, absent for an anonymous spectator. */
export const VIEWER_HEADER = "x-podium-viewer";
/** Their role grants as JSON ([{role, scope}]), for objects that serve people by role. */
export const GRANTS_HEADER = "x-podium-grants";
/** The session they connected with, so its end closes this socket (durable-objects/live-object.ts). */
export const SESSION_HEADER = "x-podium-session";

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

/**
 * Close codes every live object may use, for the client to tell the person why (4xxx are Podium's,
 * mirroring HTTP statuses; a client does not reconnect after them).
 */
export const CLOSE = {
  /** A frame above MAX_CLIENT_FRAME (the WebSocket standard's "message too big"). */
  tooBig: 1009,
  /** The person's session ended (logout, password change) or their roles changed: reconnect as who you are now. */
  sessionEnded: 4401,
  /** The object has nothing by this name (a betting event that does not exist). */
  notFound: 4404,
  /** More frames than RATE allows: a client gone wrong, or a flood. */
  rateLimited: 4429,
} as const;

/** Client frames are tiny (a resync, a ping): anything larger is refused before it is parsed. */
export const MAX_CLIENT_FRAME = 4096;

/** Per connection: a burst of this many frames, then this many a second (a token bucket). */
const RATE = { burst: 20, perSecond: 5 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Each open connection's bucket. Keyed by the socket object, so it goes with the socket; an object
 * woken from hibernation starts afresh, which is harmless: a flooding socket never lets it sleep.
 */
const buckets = new WeakMap<object, Bucket>();

function takeToken(connection: object, now: number): boolean {
  const bucket = buckets.get(connection) ?? { tokens: RATE.burst, at: now };
  bucket.tokens = Math.min(RATE.burst, bucket.tokens + ((now - bucket.at) / 1000) * RATE.perSecond);
  bucket.at = now;
  buckets.set(connection, bucket);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

interface ClientConnection {
  id: string;
  readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * Answers a client's frame: one above the size limit closes the socket unread (1009), a flood is
 * told so and closed (4429), an unreadable one gets a typed error, a ping a pong, a resync `resync()`.
 */
export function answerClientFrame(connection: ClientConnection, raw: unknown, resync: () => void): void {
  // Frames already on their way when a socket was closed still arrive: there is no one to answer.
  if (connection.readyState !== WebSocket.OPEN) return;
  const size = typeof raw === "string" ? raw.length : raw instanceof ArrayBuffer ? raw.byteLength : 0;
  if (size > MAX_CLIENT_FRAME) {
    console.warn(`live socket ${connection.id}: a frame of ${size} bytes (limit ${MAX_CLIENT_FRAME}), closed`);
    connection.close(CLOSE.tooBig, "Message too big");
    return;
  }
  if (!takeToken(connection, Date.now())) {
    connection.send(JSON.stringify({ type: "error", message: "Too many messages: slow down." }));
    connection.close(CLOSE.rateLimited, "Too many messages");
    return;
  }
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
