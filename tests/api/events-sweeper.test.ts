// The minute's sweep of the events area (worker/events/reconcile.ts, run by the Worker's cron):
// what D1 recorded but a queue lost is done after all, exactly once. The clock is moved past the
// sweep's bounds rather than waited for; two sweeps run at once, as a slow one overlapping the
// next minute's would.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordNews } from "../../worker/events/messages";
import { type Reconciled, reconcileEvents, STUCK_MESSAGE_MS, STUCK_MONEY_MS } from "../../worker/events/reconcile";
import worker from "../../worker/index";
import { batch, raw } from "../../worker/lib/batch";
import { Client } from "./client";
import {
  asTicket,
  createEvent,
  eventually,
  failPayments,
  newOrganizer,
  register,
  registered,
  rows,
} from "./events-helpers";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** One sweep, as the cron runs it, with what it left to finish in the background finished. */
async function sweep(): Promise<Reconciled> {
  const ctx = createExecutionContext();
  const result = await reconcileEvents(env, ctx);
  await waitOnExecutionContext(ctx);
  return result;
}

/** Two sweeps at once. */
const twoSweeps = () => Promise.all([sweep(), sweep()]);

/** Moves the clock on by `ms` (from the moved clock, if it was moved already). */
function later(ms: number) {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now + ms);
}

const ticketOf = async (id: string) => asTicket(await new Client().get(`/api/events/tickets/${id}`));

/** The registration's movements in the ledger, and the local provider's own bookings for it. */
async function moneyOf(registrationId: string) {
  const ledger = await rows<{ kind: string; amount: number; status: string }>(
    "SELECT kind, amount, status FROM payment_movement WHERE invoice_id = ? ORDER BY created_at",
    `registration:${registrationId}`,
  );
  const provider = await rows<{ key: string; kind: string }>(
    "SELECT key, kind FROM payment_local_ledger WHERE substr(key, 1, ?) = ? ORDER BY created_at",
    `registration:${registrationId}:`.length,
    `registration:${registrationId}:`,
  );
  return { ledger, provider };
}

const settledBy = (sweeps: Reconciled[], id: string) => sweeps.flatMap((s) => s.settlements).filter((s) => s.id === id);

describe("a registration the provider failed to bill", () => {
  it("is billed by the sweep once it is stuck (not before), exactly once though two sweeps run at once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 700, visitor_limit: 1 });
    // The provider fails every try made while the visitor waits: the registration holds its place unpaid.
    await failPayments("transient", 3);
    const ticket = asTicket(await register(event.id));
    expect(ticket).toMatchObject({ status: "awaiting_payment", billed: 0 });

    // Fresh, it is the settlements queue's: the sweep leaves it.
    expect(settledBy([await sweep()], ticket.id)).toEqual([]);
    expect((await ticketOf(ticket.id)).status).toBe("awaiting_payment");

    // The queue's job was lost: minutes later the sweep bills it, and only one of two sweeps takes it.
    later(STUCK_MONEY_MS + 1_000);
    const sweeps = await twoSweeps();
    expect(settledBy(sweeps, ticket.id)).toEqual([{ id: ticket.id, status: "awaiting_payment", outcome: "done" }]);
    expect(await ticketOf(ticket.id)).toMatchObject({ status: "confirmed", billed: 700, payment_error: null });
    expect(await moneyOf(ticket.id)).toEqual({
      ledger: [{ kind: "charge", amount: 700_00, status: "settled" }],
      provider: [{ key: `registration:${ticket.id}:charge`, kind: "charge" }],
    });

    // Billed, it is nobody's business any more: later sweeps charge nothing again.
    later(STUCK_MONEY_MS + 1_000);
    expect(settledBy(await twoSweeps(), ticket.id)).toEqual([]);
    expect((await moneyOf(ticket.id)).provider).toHaveLength(1);
    const [confirmed] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM notification WHERE reference = ? AND kind = 'events.confirmed'",
      ticket.id,
    );
    expect(confirmed?.n).toBe(1);
  });

  it("the Worker's cron runs the sweep", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 250 });
    await failPayments("transient", 3);
    const ticket = asTicket(await register(event.id));
    expect(ticket.status).toBe("awaiting_payment");
    later(STUCK_MONEY_MS + 1_000);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await ticketOf(ticket.id)).toMatchObject({ status: "confirmed", billed: 250 });
    expect((await moneyOf(ticket.id)).provider).toHaveLength(1);
  });

  it("a declined charge is left to the visitor: the sweep does not ask the provider again", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 300 });
    await failPayments("decline", 1);
    const ticket = asTicket(await register(event.id));
    expect(ticket.status).toBe("awaiting_payment");
    later(STUCK_MONEY_MS + 1_000);
    expect(settledBy(await twoSweeps(), ticket.id)).toEqual([]);
    expect(await moneyOf(ticket.id)).toEqual({
      ledger: [{ kind: "charge", amount: 300_00, status: "failed" }],
      provider: [],
    });
    // The visitor pays from the ticket.
    expect(asTicket(await new Client().post(`/api/events/tickets/${ticket.id}/payment`)).status).toBe("confirmed");
  });

  it("a registration of an event that is over is not billed any more", async () => {
    const { client } = await newOrganizer();
    const soon = new Date(Date.now() + 60 * 60_000);
    const event = await createEvent(client, {
      price: 100,
      starts_at: soon.toISOString(),
      ends_at: new Date(soon.getTime() + 60_000).toISOString(),
    });
    await failPayments("transient", 3);
    const ticket = asTicket(await register(event.id));
    later(2 * 60 * 60_000);
    expect(settledBy(await twoSweeps(), ticket.id)).toEqual([]);
    expect((await ticketOf(ticket.id)).status).toBe("awaiting_payment");
    expect((await moneyOf(ticket.id)).provider).toEqual([]);
  });
});

describe("a refund owed", () => {
  it("is paid by the sweep once stuck, exactly once, never beyond what was billed", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 400 });
    const ticket = await registered(event.id);
    expect(ticket.status).toBe("confirmed");
    // The provider is down while the visitor cancels: the registration is cancelled, the refund owed.
    await failPayments("transient", 3);
    const cancelled = asTicket(await new Client().post(`/api/events/tickets/${ticket.id}/cancel`));
    expect(cancelled).toMatchObject({ status: "cancelled", refund_due: 400, refunded: 0 });

    later(STUCK_MONEY_MS + 1_000);
    const sweeps = await twoSweeps();
    expect(settledBy(sweeps, ticket.id)).toEqual([{ id: ticket.id, status: "cancelled", outcome: "done" }]);
    expect(await ticketOf(ticket.id)).toMatchObject({ status: "cancelled", refund_due: 400, refunded: 400 });
    expect((await moneyOf(ticket.id)).ledger).toEqual([
      { kind: "charge", amount: 400_00, status: "settled" },
      { kind: "refund", amount: 400_00, status: "settled" },
    ]);

    later(STUCK_MONEY_MS + 1_000);
    expect(settledBy(await twoSweeps(), ticket.id)).toEqual([]);
    expect((await moneyOf(ticket.id)).provider.filter((p) => p.kind === "refund")).toHaveLength(1);
  });
});

describe("a message recorded but never queued", () => {
  /** A message recorded in D1 as the registration's batch records it, whose queue send was lost. */
  async function lostMessage(registrationId: string): Promise<string> {
    const [recorded] = await batch(env.DB, [raw<{ id: string }>(recordNews("refunded", registrationId, Date.now()))]);
    const id = recorded[0]?.id;
    if (!id) throw new Error("no message recorded");
    return id;
  }

  /** Waits for the registration's confirmation to go out through the queue, as it does, and returns its id. */
  async function confirmationDelivered(registrationId: string): Promise<string> {
    const [confirmation] = await eventually("the confirmation to be delivered", async () => {
      const found = await rows<{ id: string; status: string }>(
        "SELECT id, status FROM notification WHERE reference = ? AND kind = 'events.confirmed'",
        registrationId,
      );
      expect(found.map((m) => m.status)).toEqual(["delivered"]);
      return found;
    });
    if (!confirmation) throw new Error("no confirmation recorded");
    return confirmation.id;
  }

  async function stored(id: string) {
    const [row] = await rows<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM notification WHERE id = ?",
      id,
    );
    return row;
  }

  it("is queued again by the sweep once stuck (not before), once though two sweeps run at once, and ends delivered once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const ticket = await registered(event.id);
    // The registration's own confirmation goes out as usual: it is not stuck, and must not be sent again.
    const confirmation = await confirmationDelivered(ticket.id);
    const id = await lostMessage(ticket.id);
    const queued = vi.spyOn(env.NOTIFICATIONS, "sendBatch");
    const sentFor = (messageId: string) =>
      queued.mock.calls
        .flatMap(([messages]) => [...messages])
        .filter((m) => (m.body as { id: string }).id === messageId);

    expect((await sweep()).messages).not.toContain(id);
    expect(sentFor(id)).toHaveLength(0);

    later(STUCK_MESSAGE_MS + 1_000);
    const sweeps = await twoSweeps();
    expect(sweeps.flatMap((s) => s.messages).filter((m) => m === id)).toHaveLength(1);
    expect(sentFor(id)).toHaveLength(1);
    expect(sweeps.flatMap((s) => s.messages)).not.toContain(confirmation);
    await eventually("the message to be delivered", async () => {
      expect(await stored(id)).toEqual({ status: "delivered", attempts: 1 });
    });

    // Delivered, it stays so: later sweeps leave it, and the confirmation too.
    later(STUCK_MESSAGE_MS + 1_000);
    const after = (await twoSweeps()).flatMap((s) => s.messages);
    expect(after).not.toContain(id);
    expect(after).not.toContain(confirmation);
    expect(sentFor(id)).toHaveLength(1);
    expect(await stored(id)).toEqual({ status: "delivered", attempts: 1 });
  });

  it("a message the queue is still retrying is left to the queue until it is overdue", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const ticket = await registered(event.id);
    await confirmationDelivered(ticket.id);
    const id = await lostMessage(ticket.id);
    // Its first delivery failed and the queue holds its retry (10 s… up to 270 s before the last).
    await env.DB.prepare("UPDATE notification SET status = 'retrying', attempts = 4, updated_at = ? WHERE id = ?")
      .bind(Date.now(), id)
      .run();
    later(5 * 60_000);
    expect((await sweep()).messages).not.toContain(id);
    later(STUCK_MESSAGE_MS);
    expect((await sweep()).messages).toContain(id);
    await eventually("the message to be delivered", async () => {
      expect(await stored(id)).toEqual({ status: "delivered", attempts: 5 });
    });
  });
});
