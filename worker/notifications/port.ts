// The notifications port: channels deliver a message to an address; renderers (one per area)
// write a message's text from what it is about. Nothing here knows email from Telegram, or an
// event registration from anything else: a channel is picked by the message's `channel`, a
// renderer by the area its `kind` starts with ("events.confirmed" → "events").

export interface OutgoingMessage {
  /** The channel's address: an email address today, a Telegram chat id when that channel comes. */
  recipient: string;
  subject: string;
  text: string;
}

export interface Channel {
  /** Resolves once the channel took the message; throws when it did not (it will be retried). */
  deliver(message: OutgoingMessage): Promise<void>;
  /** At most this many messages a second through the channel (pacing.ts); no limit if absent. */
  readonly perSecond?: number;
}

/** A message as recorded in D1 (db/notifications.ts). */
export interface StoredMessage {
  id: string;
  channel: string;
  recipient: string;
  kind: string;
  reference: string;
  topic: string;
  status: "queued" | "retrying" | "delivered" | "failed";
  attempts: number;
}

/**
 * Writes the subject and text of an area's messages (a whole batch at once: one read for all of
 * them). A message missing from the answer has nothing left to say (its record is gone).
 */
export type Renderer = (messages: StoredMessage[]) => Promise<Map<string, { subject: string; text: string }>>;

export interface Adapters {
  channels: Record<string, Channel>;
  renderers: Record<string, Renderer>;
}

/** The area a kind belongs to, which renders it. */
export const areaOf = (kind: string) => kind.split(".")[0] ?? kind;
