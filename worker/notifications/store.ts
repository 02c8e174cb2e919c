// Messages in D1: recorded in the same batch as what they announce, read by the queue's consumer,
// their delivery outcomes written back, listed for the people they concern.
import { and, asc, desc, eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../db";
import { notification } from "../db/schema";
import { afterCursor } from "../lib/paging";
import type { StoredMessage } from "./port";

/**
 * A statement for the caller's batch that records a message for every row `select` yields, with
 * columns channel, recipient, kind, reference and topic: so a message exists exactly when what
 * it announces was written. News already recorded (same kind and reference) is skipped; the ids
 * of the new messages come back, to be put on the queue (service.ts announce).
 */
export function recordMessages(select: SQL, now: number | SQLWrapper): SQL {
  return sql`
    INSERT INTO notification (id, channel, recipient, kind, reference, topic, status, attempts, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), channel, recipient, kind, reference, topic, 'queued', 0, ${now}, ${now}
    FROM (${select}) WHERE true
    ON CONFLICT (kind, reference) DO NOTHING RETURNING id`;
}

export async function loadMessages(db: Db, ids: string[]): Promise<StoredMessage[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: notification.id,
      channel: notification.channel,
      recipient: notification.recipient,
      kind: notification.kind,
      reference: notification.reference,
      topic: notification.topic,
      status: notification.status,
      attempts: notification.attempts,
    })
    .from(notification)
    .where(inArray(notification.id, ids));
}

export interface Outcome {
  id: string;
  status: "retrying" | "delivered" | "failed";
  attempts: number;
  error: string | null;
  subject: string | null;
}

/**
 * Writes what became of each message, in one statement however many there are: they travel as
 * one JSON parameter (a queue batch is up to 40 messages; one UPDATE each meant 40 statements
 * built by drizzle and 40 results read back). A subject stays as it was when the message could
 * not be rendered.
 */
export async function saveOutcomes(db: Db, outcomes: Outcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  await db.run(sql`
    UPDATE notification SET status = o.value ->> 'status', attempts = o.value ->> 'attempts',
      last_error = o.value ->> 'error', subject = COALESCE(o.value ->> 'subject', notification.subject),
      updated_at = ${now},
      delivered_at = CASE WHEN o.value ->> 'status' = 'delivered' THEN ${now} ELSE notification.delivered_at END
    FROM json_each(${JSON.stringify(outcomes)}) AS o
    WHERE notification.id = o.value ->> 'id'`);
}

/** A topic's messages, newest first. */
export async function listMessages(db: Db, topic: string, limit: number, cursor?: string) {
  return db
    .select()
    .from(notification)
    .where(and(eq(notification.topic, topic), afterCursor(notification.createdAt, notification.id, cursor, "desc")))
    .orderBy(desc(notification.createdAt), asc(notification.id))
    .limit(limit);
}

/** Puts a message of the topic back to be sent afresh (its attempts start again); null if there is none. */
export async function requeueMessage(db: Db, id: string, topic: string, now: number) {
  const [row] = await db
    .update(notification)
    .set({ status: "queued", attempts: 0, lastError: null, updatedAt: now })
    .where(and(eq(notification.id, id), eq(notification.topic, topic)))
    .returning();
  return row ?? null;
}
