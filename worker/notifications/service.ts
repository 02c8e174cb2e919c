// The notifications use cases: put recorded messages on the queue, list a topic's messages with
// their delivery status, send one again. Areas record messages in their own batches
// (store.ts recordMessages) and then announce them here.
import type { Db } from "../db";
import { chunks } from "../db/chunks";
import type { notification } from "../db/schema";
import { toPage } from "../lib/paging";
import type { RecordedMessage } from "./contract";
import type { QueuedMessage } from "./delivery";
import { listMessages, requeueMessage } from "./store";

/** Queues.sendBatch takes at most 100 messages. */
export const QUEUE_BATCH = 100;

/**
 * Puts recorded messages (as recordMessages returned them) on the queue. A failure is logged and
 * nothing more: the messages stay recorded as queued, and whoever sees them so can send them
 * again (resend).
 */
export async function announce(queue: Queue, messages: { id: string }[]): Promise<void> {
  try {
    for (const batch of chunks(messages, QUEUE_BATCH)) {
      await queue.sendBatch(batch.map(({ id }): { body: QueuedMessage } => ({ body: { id } })));
    }
  } catch (error) {
    console.error(`notifications: could not queue ${messages.length} messages (they stay queued in D1):`, error);
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function presentMessage(row: typeof notification.$inferSelect): RecordedMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError,
    created_at: new Date(row.createdAt).toISOString(),
    delivered_at: iso(row.deliveredAt),
  };
}

export async function messagesOf(db: Db, topic: string, limit: number, cursor?: string) {
  return toPage(await listMessages(db, topic, limit, cursor), limit, presentMessage, (row) => row.createdAt);
}

/** Sends a message of the topic again from its first attempt; null when the topic has no such message. */
export async function resend(db: Db, queue: Queue, id: string, topic: string) {
  const row = await requeueMessage(db, id, topic, Date.now());
  if (!row) return null;
  await announce(queue, [row]);
  return presentMessage(row);
}
