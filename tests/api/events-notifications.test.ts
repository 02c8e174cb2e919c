// Messages go through the real queue to the real email channel (the send_email binding, which
// workerd simulates), and every one is recorded with its status. A failing channel is driven
// through the consumer by hand, one delivery at a time, as the queue would redeliver: it is
// retried with a growing delay and ends delivered or failed, while the registration stands.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/db";
import { recordNews } from "../../worker/events/messages";
import { batch, raw } from "../../worker/lib/batch";
import { adaptersOf, NOTIFICATIONS_QUEUE } from "../../worker/notifications/adapters";
import type { RecordedMessage } from "../../worker/notifications/contract";
import { deliverMessages } from "../../worker/notifications/delivery";
import { EmailChannel } from "../../worker/notifications/email";
import type { Channel, OutgoingMessage } from "../../worker/notifications/port";
import { MAX_ATTEMPTS, retryDelaySeconds } from "../../worker/notifications/rules";
import { Client, newUser, problemOf } from "./client";
import { asTicket, createEvent, eventually, newOrganizer, registered, rows, tally } from "./events-helpers";
import { grant } from "./grants";
import { FREE_SUBREQUESTS } from "./subrequests";

type Page<T> = { items: T[]; next_cursor: string | null };

/** The consumer's own D1 queries a batch, beside a send for each message. */
const CONSUMER_D1_QUERIES = 3;

/** The real email channel behind a link that drops the first `failures` deliveries. */
class FlakyEmail implements Channel {
  readonly sent: OutgoingMessage[] = [];
  private readonly email = new EmailChannel(env.EMAIL, env.EMAIL_FROM);

  constructor(private failures: number) {}

  async deliver(message: OutgoingMessage) {
    if (this.failures-- > 0) throw new Error("connection reset by peer");
    await this.email.deliver(message);
    this.sent.push(message);
  }
}

/** A message recorded for a registration but not put on the queue: this test delivers it. */
async function unqueuedMessage(registrationId: string): Promise<string> {
  const [recorded] = await batch(env.DB, [raw<{ id: string }>(recordNews("refunded", registrationId, Date.now()))]);
  const id = recorded[0]?.id;
  if (!id) throw new Error("no message recorded");
  return id;
}

/**
 * One delivery of the message by the consumer, as the queue makes it (attempt `attempt`): whether
 * it was acknowledged, and the delay of the retry asked for, if any (the test helper's
 * getQueueResult says which message was retried but not with what delay, hence the spy).
 */
async function deliverOnce(messageId: string, attempt: number, email: Channel) {
  const messages = createMessageBatch(NOTIFICATIONS_QUEUE, [
    { id: `queue-${attempt}`, timestamp: new Date(), attempts: attempt, body: { id: messageId } },
  ]);
  const retry = vi.spyOn(messages.messages[0] as Message, "retry");
  const ctx = createExecutionContext();
  await deliverMessages(messages, createDb(env.DB), { ...adaptersOf(env), channels: { email } });
  const result = await getQueueResult(messages, ctx);
  return { acked: result.explicitAcks.length === 1, retriedIn: retry.mock.calls[0]?.[0]?.delaySeconds ?? null };
}

async function stored(messageId: string) {
  const [row] = await rows<{
    status: string;
    attempts: number;
    last_error: string | null;
    subject: string | null;
    delivered_at: number | null;
  }>("SELECT status, attempts, last_error, subject, delivered_at FROM notification WHERE id = ?", messageId);
  return row;
}

describe("messages to visitors", () => {
  it("a registration's confirmation goes through the queue to email, and is recorded delivered", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { title: "Лекция о звёздах" });
    const ticket = await registered(event.id);
    const page = await eventually("the confirmation to be delivered", async () => {
      const messages = (await client.get(`/api/events/${event.id}/messages`)).body as Page<RecordedMessage>;
      expect(messages.items).toEqual([
        expect.objectContaining({ kind: "events.confirmed", status: "delivered", attempts: 1 }),
      ]);
      return messages;
    });
    expect(page.items[0]?.subject).toContain("Лекция о звёздах");
    expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`)).status).toBe("confirmed");
  });

  it("a rush's confirmations go out in consumer invocations that stay within Workers Free's 50 subrequests", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    for (let wave = 0; wave < 5; wave++) {
      await Promise.all(Array.from({ length: 20 }, () => registered(event.id)));
    }
    const delivered = await eventually(
      "the 100 confirmations to be delivered",
      async () => {
        const done = await rows<{ delivered_at: number }>(
          "SELECT delivered_at FROM notification WHERE topic = ? AND status = 'delivered'",
          `event:${event.id}`,
        );
        expect(done).toHaveLength(100);
        return done;
      },
      30_000,
    );
    // One invocation writes its whole batch's outcomes with one clock reading: a batch per instant.
    const batches = Object.values(tally(delivered.map((m) => String(m.delivered_at))));
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const sends of batches) expect(sends + CONSUMER_D1_QUERIES).toBeLessThanOrEqual(FREE_SUBREQUESTS);
  });

  it("a failing email channel is retried with a growing delay, and the message ends delivered", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const ticket = await registered(event.id);
    const id = await unqueuedMessage(ticket.id);
    const email = new FlakyEmail(2);

    expect(await deliverOnce(id, 1, email)).toEqual({ acked: false, retriedIn: 10 });
    expect(await stored(id)).toMatchObject({
      status: "retrying",
      attempts: 1,
      last_error: "connection reset by peer",
      delivered_at: null,
    });
    expect((await stored(id))?.subject).toBeTruthy();
    expect(await deliverOnce(id, 2, email)).toEqual({ acked: false, retriedIn: 30 });
    expect(await deliverOnce(id, 3, email)).toEqual({ acked: true, retriedIn: null });
    expect(await stored(id)).toMatchObject({ status: "delivered", attempts: 3, last_error: null });
    expect((await stored(id))?.delivered_at).toEqual(expect.any(Number));
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]?.text).toContain(ticket.number);

    // The queue delivers at least once: a message delivered already is not sent again.
    await deliverOnce(id, 4, email);
    expect(email.sent).toHaveLength(1);
    expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`)).status).toBe("confirmed");
  });

  it("a channel that never takes it: after MAX_ATTEMPTS the message is recorded failed; the registration stands", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const ticket = await registered(event.id);
    const id = await unqueuedMessage(ticket.id);
    const email = new FlakyEmail(Number.POSITIVE_INFINITY);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverOnce(id, attempt, email)).toEqual({ acked: false, retriedIn: retryDelaySeconds(attempt) });
    }
    expect(await deliverOnce(id, MAX_ATTEMPTS, email)).toEqual({ acked: true, retriedIn: null });
    expect(await stored(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`)).status).toBe("confirmed");

    // The organizer sees it failed, and sends it again.
    const messages = (await client.get(`/api/events/${event.id}/messages`)).body as Page<RecordedMessage>;
    expect(messages.items.find((m) => m.id === id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    const resent = await client.post(`/api/events/${event.id}/messages/${id}/resend`);
    expect(resent.body).toMatchObject({ id, status: "queued", attempts: 0 });
    await eventually("the resent message to be delivered", async () => {
      expect(await stored(id)).toMatchObject({ status: "delivered", attempts: 1 });
    });
  });

  it("only the event's organizers see its messages or send them again", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    await registered(event.id);
    const stranger = await newUser();
    const elsewhere = await newUser("Organizer elsewhere");
    await grant(elsewhere.id, "organizer", `event:${(await createEvent(client)).id}`);
    expect((await client.get(`/api/events/${event.id}/messages`)).status).toBe(200);
    problemOf(await elsewhere.client.get(`/api/events/${event.id}/messages`), 403);
    problemOf(await stranger.client.get(`/api/events/${event.id}/messages`), 403);
    problemOf(await new Client().get(`/api/events/${event.id}/messages`), 401);
    problemOf(await client.post(`/api/events/${event.id}/messages/nosuchmessage/resend`), 404);
  });
});
