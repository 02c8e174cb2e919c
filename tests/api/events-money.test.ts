// Money: paid registrations are charged once, refunds follow the policy and never exceed what was
// billed, a provider failure leaves the registration awaiting payment and a retry charges it
// once, a cancelled event refunds everyone, and the finance report adds up to its rows.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { EventDeletion, Ticket } from "../../worker/events/contract";
import type { FinanceReport } from "../../worker/events/report-contract";
import { LocalProvider } from "../../worker/payments/local";
import { PaymentFailed, Payments } from "../../worker/payments/service";
import { Client, problemOf } from "./client";
import {
  asRegistration,
  asTicket,
  createEvent,
  eventually,
  expectCountsAgree,
  failPayments,
  inHours,
  newOrganizer,
  register,
  registered,
  rows,
} from "./events-helpers";

/** The settled charges and refunds of a registration, as rows of the ledger. */
async function ledgerOf(registrationId: string) {
  return rows<{ kind: string; amount: number; status: string }>(
    "SELECT kind, amount, status FROM payment_movement WHERE invoice_id = ? ORDER BY created_at",
    `registration:${registrationId}`,
  );
}

const settled = (ledger: { kind: string; amount: number; status: string }[], kind: string) =>
  ledger.filter((m) => m.kind === kind && m.status === "settled").reduce((sum, m) => sum + m.amount, 0);

describe("paying for a registration", () => {
  it("a paid registration is charged at once and confirmed; the ledger has the one charge", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 1500.5 });
    const ticket = await registered(event.id);
    expect(ticket).toMatchObject({ status: "confirmed", price: 1500.5, billed: 1500.5 });
    expect(await ledgerOf(ticket.id)).toEqual([{ kind: "charge", amount: 1500_50, status: "settled" }]);
  });

  it("a provider failure leaves it awaiting payment (its place held); the retry charges it exactly once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 700, visitor_limit: 1 });
    await failPayments("transient", 3);
    const res = await register(event.id);
    expect(res.status).toBe(201);
    const ticket = asTicket(res);
    expect(ticket).toMatchObject({ status: "awaiting_payment", billed: 0, payment_error: expect.any(String) });
    expect(settled(await ledgerOf(ticket.id), "charge")).toBe(0);
    expect((await registered(event.id)).status).toBe("waitlisted");

    const retries = await Promise.all(
      Array.from({ length: 5 }, () => new Client().post(`/api/events/tickets/${ticket.id}/payment`)),
    );
    expect(retries.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    const after = asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`));
    expect(after).toMatchObject({ status: "confirmed", billed: 700, payment_error: null });
    expect(await ledgerOf(ticket.id)).toEqual([{ kind: "charge", amount: 700_00, status: "settled" }]);
    const [booked] = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM payment_local_ledger WHERE key = ?",
      `registration:${ticket.id}:charge`,
    );
    expect(booked?.n).toBe(1);
    problemOf(await new Client().post(`/api/events/tickets/${ticket.id}/payment`), 409);
  });

  it("a declined charge says so (402) until the provider takes it", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 100 });
    await failPayments("decline", 2);
    const ticket = await registered(event.id);
    expect(ticket.status).toBe("awaiting_payment");
    problemOf(await new Client().post(`/api/events/tickets/${ticket.id}/payment`), 402);
    const paid = await new Client().post(`/api/events/tickets/${ticket.id}/payment`);
    expect(asTicket(paid).status).toBe("confirmed");
  });
});

describe("refunds", () => {
  it("a visitor cancelling early gets everything back, and the money goes back once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 1000, starts_at: inHours(100), ends_at: inHours(102) });
    const ticket = await registered(event.id);
    expect(ticket.refund_if_cancelled_now).toBe(1000);
    const cancelled = asTicket(await new Client().post(`/api/events/tickets/${ticket.id}/cancel`));
    expect(cancelled).toMatchObject({ status: "cancelled", refund_due: 1000, refunded: 1000 });
    expect(await ledgerOf(ticket.id)).toEqual([
      { kind: "charge", amount: 1000_00, status: "settled" },
      { kind: "refund", amount: 1000_00, status: "settled" },
    ]);
  });

  it("late, the event's share of it; shown on the ticket before cancelling", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, {
      price: 999.99,
      starts_at: inHours(10),
      ends_at: inHours(12),
      refund_policy: { full_refund_hours: 48, late_refund_percent: 50 },
    });
    const ticket = await registered(event.id);
    expect(ticket.refund_if_cancelled_now).toBe(499.99);
    const cancelled = asTicket(await new Client().post(`/api/events/tickets/${ticket.id}/cancel`));
    expect(cancelled).toMatchObject({ refund_due: 499.99, refunded: 499.99 });
  });

  it("an organizer may refund part; never more than was billed (400), and nothing is written then", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 300 });
    const ticket = await registered(event.id);
    const tooMuch = await client.send("PATCH", `/api/events/registrations/${ticket.id}`, {
      status: "cancelled",
      refund: 300.01,
    });
    expect(problemOf(tooMuch, 400).errors?.map((e) => e.path)).toEqual(["refund"]);
    expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`)).status).toBe("confirmed");
    const part = await client.send("PATCH", `/api/events/registrations/${ticket.id}`, {
      status: "cancelled",
      refund: 120,
    });
    expect(asRegistration(part)).toMatchObject({ status: "cancelled", refund_due: 120, refunded: 120 });
  });

  it("the ledger refuses a refund beyond what is left, however many ask at once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 100 });
    const ticket = await registered(event.id);
    const payments = new Payments(env.DB, new LocalProvider(env.DB, Date.now));
    const invoice = `registration:${ticket.id}`;
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        payments.refund(invoice, { key: `${invoice}:test-refund:${i}`, amount: 40_00 }),
      ),
    );
    const refused = attempts.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(2);
    expect(refused.every((r) => r instanceof PaymentFailed && r.reason === "not_refundable")).toBe(true);
    const ledger = await ledgerOf(ticket.id);
    expect(settled(ledger, "refund")).toBe(80_00);
    expect(settled(ledger, "refund")).toBeLessThanOrEqual(settled(ledger, "charge"));
    await expect(
      payments.refund(`registration:${crypto.randomUUID()}`, { key: "nothing-charged", amount: 1 }),
    ).rejects.toThrow(PaymentFailed);
  });

  it("cancelling twice at once cancels and refunds once", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 250 });
    const ticket = await registered(event.id);
    const answers = await Promise.all([
      new Client().post(`/api/events/tickets/${ticket.id}/cancel`),
      client.delete(`/api/events/registrations/${ticket.id}`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(settled(await ledgerOf(ticket.id), "refund")).toBe(250_00);
  });
});

describe("a cancelled event", () => {
  it("cancels every registration and refunds everyone all they paid (through the settlements queue)", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 400, visitor_limit: 2 });
    const tickets: Ticket[] = [];
    for (let i = 0; i < 3; i++) tickets.push(await registered(event.id));
    const deletion = (await client.delete(`/api/events/${event.id}`)).body as EventDeletion;
    expect(deletion).toMatchObject({
      deleted: false,
      cancelled: true,
      registrations_cancelled: 3,
      refunds: { count: 2, total: 800 },
    });
    for (const ticket of tickets.slice(0, 2)) {
      await eventually(`the refund of ${ticket.number}`, async () => {
        expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`))).toMatchObject({
          status: "cancelled",
          refunded: 400,
        });
      });
      expect(settled(await ledgerOf(ticket.id), "refund")).toBe(400_00);
    }
    expect(asTicket(await new Client().get(`/api/events/tickets/${tickets[2]?.id}`))).toMatchObject({
      status: "cancelled",
      billed: 0,
      refunded: 0,
    });
    await expectCountsAgree(event.id);
  });
});

describe("the finance report", () => {
  it("totals equal the sums of its rows, of the registrations, and of the ledger", async () => {
    const { client } = await newOrganizer();
    const window = { from: inHours(24 * 300), to: inHours(24 * 301) };
    const at = (h: number) => ({ starts_at: inHours(24 * 300 + h), ends_at: inHours(24 * 300 + h + 1) });
    const a = await createEvent(client, { price: 100.1, costs: [{ name: "Зал", amount: 50 }], ...at(1) });
    const b = await createEvent(client, {
      price: 33.33,
      costs: [
        { name: "Гид", amount: 10 },
        { name: "Чай", amount: 0.5 },
      ],
      ...at(2),
    });
    const c = await createEvent(client, { ...at(3) });
    const paid = [await registered(a.id), await registered(a.id), await registered(b.id), await registered(c.id)];
    await new Client().post(`/api/events/tickets/${paid[0]?.id}/cancel`);
    await client.send("PATCH", `/api/events/registrations/${paid[2]?.id}`, { status: "cancelled", refund: 11.11 });

    const query = `from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`;
    const report = (await client.get(`/api/events/reports/finances?${query}`)).body as FinanceReport;
    expect(report.events.map((e) => e.id)).toEqual([a.id, b.id, c.id]);
    const sum = (key: "billed" | "refunded" | "net" | "costs" | "profit") =>
      Math.round(report.events.reduce((s, e) => s + e[key] * 100, 0));
    for (const key of ["billed", "refunded", "net", "costs", "profit"] as const) {
      expect(Math.round(report.total[key] * 100)).toBe(sum(key));
    }
    expect(report.total).toEqual({ billed: 233.53, refunded: 111.21, net: 122.32, costs: 60.5, profit: 61.82 });

    const ids = [a.id, b.id, c.id];
    const [registrations] = await rows<{ billed: number; refunded: number }>(
      `SELECT SUM(billed_amount) AS billed, SUM(refund_amount) AS refunded FROM registration WHERE event_id IN (?, ?, ?)`,
      ...ids,
    );
    const [ledger] = await rows<{ charged: number; refunded: number }>(
      `SELECT SUM(CASE WHEN kind = 'charge' THEN amount END) AS charged, SUM(CASE WHEN kind = 'refund' THEN amount END) AS refunded
       FROM payment_movement WHERE status = 'settled' AND invoice_id IN
         (SELECT 'registration:' || id FROM registration WHERE event_id IN (?, ?, ?))`,
      ...ids,
    );
    expect(registrations).toEqual({ billed: 233_53, refunded: 111_21 });
    expect(ledger).toEqual({ charged: 233_53, refunded: 111_21 });

    const one = (await client.get(`/api/events/${b.id}/reports/finances`)).body;
    expect(one).toMatchObject({ billed: 33.33, refunded: 11.11, net: 22.22, costs: 10.5, profit: 11.72 });
  });
});
