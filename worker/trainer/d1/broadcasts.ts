// Broadcasts in D1: the broadcast and its messages (the notifications port's records) written in
// one batch, so every recipient has exactly one message per channel, however often it is retried.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { notification, trainerBroadcast } from "../../db/schema";
import { batch, raw } from "../../lib/batch";
import { recordMessages } from "../../notifications/store";
import type { Audience, Broadcast, BroadcastProgress, Broadcasts } from "../ports";

/** Who may list a broadcast's messages (notification.topic). */
export const broadcastTopic = (id: string) => `trainer-broadcast:${id}`;
export const BROADCAST_KIND = "trainer.broadcast";

/** The students of an audience, as the SQL condition over trainer_student `s`. */
function inAudience({ subject, region, grade }: Audience) {
  return sql.join(
    [
      sql`1`,
      ...(subject === undefined ? [] : [sql`EXISTS (SELECT 1 FROM json_each(s.subjects) WHERE value = ${subject})`]),
      ...(region === undefined ? [] : [sql`s.region = ${region}`]),
      ...(grade === undefined ? [] : [sql`s.grade = ${grade}`]),
    ],
    sql` AND `,
  );
}

const toBroadcast = (row: typeof trainerBroadcast.$inferSelect): Broadcast => ({
  id: row.id,
  text: row.text,
  audience: row.audience as Audience,
  recipients: row.recipients,
  createdAt: row.createdAt,
});

export class D1Broadcasts implements Broadcasts {
  constructor(
    private readonly db: Db,
    private readonly d1: D1Database,
  ) {}

  async record(
    authorId: string,
    key: { idempotencyKey: string; requestHash: string },
    text: string,
    audience: Audience,
    now: number,
  ) {
    const id = crypto.randomUUID();
    const topic = broadcastTopic(id);
    // The recipients exist only if this batch wrote the broadcast: a retry's new id is not there.
    const recipients = sql`
      SELECT 'telegram' AS channel, s.telegram_id AS recipient, ${BROADCAST_KIND} AS kind,
        ${id} || '/' || s.id || '/telegram' AS reference, ${topic} AS topic
      FROM trainer_student s
      WHERE ${inAudience(audience)} AND s.telegram_id IS NOT NULL AND s.telegram_blocked_at IS NULL
        AND EXISTS (SELECT 1 FROM trainer_broadcast WHERE id = ${id})
      UNION ALL
      SELECT 'email', s.email, ${BROADCAST_KIND}, ${id} || '/' || s.id || '/email', ${topic}
      FROM trainer_student s
      WHERE ${inAudience(audience)} AND s.email IS NOT NULL
        AND EXISTS (SELECT 1 FROM trainer_broadcast WHERE id = ${id})`;
    const [, messages] = await batch(this.d1, [
      raw(sql`
        INSERT INTO trainer_broadcast (id, author_id, idempotency_key, request_hash, text, audience, recipients, created_at)
        VALUES (${id}, ${authorId}, ${key.idempotencyKey}, ${key.requestHash}, ${text}, ${JSON.stringify(audience)}, 0, ${now})
        ON CONFLICT (author_id, idempotency_key) DO NOTHING`),
      raw<{ id: string }>(recordMessages(recipients, now)),
      raw(sql`
        UPDATE trainer_broadcast SET recipients = (SELECT COUNT(*) FROM notification WHERE topic = ${topic})
        WHERE id = ${id}`),
    ]);
    const row = await this.db
      .select()
      .from(trainerBroadcast)
      .where(and(eq(trainerBroadcast.authorId, authorId), eq(trainerBroadcast.idempotencyKey, key.idempotencyKey)))
      .get();
    if (!row) throw new Error(`Broadcast ${key.idempotencyKey} of ${authorId} was neither written nor found.`);
    return {
      broadcast: toBroadcast(row),
      created: row.id === id,
      sameRequest: row.requestHash === key.requestHash,
      messages,
    };
  }

  async byId(id: string): Promise<Broadcast | null> {
    const row = await this.db.select().from(trainerBroadcast).where(eq(trainerBroadcast.id, id)).get();
    return row ? toBroadcast(row) : null;
  }

  async progress(id: string): Promise<BroadcastProgress> {
    const rows = await this.db
      .select({ status: notification.status, n: sql<number>`COUNT(*)` })
      .from(notification)
      .where(eq(notification.topic, broadcastTopic(id)))
      .groupBy(notification.status);
    const count = (...statuses: string[]) =>
      rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.n, 0);
    return { queued: count("queued", "retrying"), delivered: count("delivered"), failed: count("failed") };
  }
}
