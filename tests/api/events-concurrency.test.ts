// The visitor limit holds whatever the concurrency; the waiting list is served in order; an
// Idempotency-Key sent many times at once makes one registration.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { registration } from "../../worker/db/schema";
import type { Event, Ticket } from "../../worker/events/contract";
import { registrationsWhere } from "../../worker/events/store";
import { Client } from "./client";
import {
  asTicket,
  createEvent,
  expectCountsAgree,
  newOrganizer,
  person,
  register,
  registered,
  rows,
  tally,
} from "./events-helpers";

const statuses = (tickets: Ticket[]) => tally(tickets.map((t) => t.status));

describe("the visitor limit under concurrency", () => {
  it("50 registrations at once for 10 places: exactly 10 confirmed, 40 on the waiting list, in line 1…40", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 10 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => register(event.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const tickets = answers.map(asTicket);
    expect(statuses(tickets)).toEqual({ confirmed: 10, waitlisted: 40 });
    const positions = tickets.flatMap((t) => (t.waitlist_position === null ? [] : [t.waitlist_position]));
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(
      await rows("SELECT status, COUNT(*) AS n FROM registration WHERE event_id = ? GROUP BY status", event.id),
    ).toEqual(
      expect.arrayContaining([
        { status: "confirmed", n: 10 },
        { status: "waitlisted", n: 40 },
      ]),
    );
    expect((await new Client().get(`/api/events/${event.id}`)).body).toMatchObject({
      places: { taken: 10, waitlisted: 40, left: 0 },
    });
    await expectCountsAgree(event.id);
  });

  it("on a paid event, 50 at once: 10 places charged once each, 40 waiting and charged nothing", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 10, price: 500 });
    const tickets = (await Promise.all(Array.from({ length: 50 }, () => register(event.id)))).map(asTicket);
    expect(statuses(tickets)).toEqual({ confirmed: 10, waitlisted: 40 });
    const [charges] = await rows<{ n: number; total: number }>(
      `SELECT COUNT(*) AS n, SUM(m.amount) AS total FROM payment_movement m JOIN payment_invoice i ON i.id = m.invoice_id
       WHERE m.kind = 'charge' AND m.status = 'settled' AND i.reference IN (SELECT 'registration:' || id FROM registration WHERE event_id = ?)`,
      event.id,
    );
    expect(charges).toEqual({ n: 10, total: 10 * 500_00 });
  });
});

describe("the waiting list", () => {
  it("5 cancellations at once promote exactly the first 5 in line, in the order they came", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 10 });
    const confirmed: Ticket[] = [];
    for (let i = 0; i < 10; i++) confirmed.push(await registered(event.id));
    const waiting: Ticket[] = [];
    for (let i = 0; i < 10; i++) waiting.push(await registered(event.id));
    expect(waiting.map((t) => t.waitlist_position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const cancelled = await Promise.all(
      confirmed.slice(0, 5).map((t) => new Client().post(`/api/events/tickets/${t.id}/cancel`)),
    );
    expect(cancelled.map((r) => asTicket(r).status)).toEqual(Array(5).fill("cancelled"));

    const now = await Promise.all(waiting.map((t) => new Client().get(`/api/events/tickets/${t.id}`)));
    expect(now.map((r) => asTicket(r).status)).toEqual([...Array(5).fill("confirmed"), ...Array(5).fill("waitlisted")]);
    expect(now.map((r) => asTicket(r).waitlist_position)).toEqual([null, null, null, null, null, 1, 2, 3, 4, 5]);
    expect((await new Client().get(`/api/events/${event.id}`)).body).toMatchObject({
      places: { taken: 10, waitlisted: 5, left: 0 },
    });
    await expectCountsAgree(event.id);
  });

  it("a newcomer joins the end of the line even when a place has just freed up", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 1 });
    const first = await registered(event.id);
    const waiting = await registered(event.id);
    await new Client().post(`/api/events/tickets/${first.id}/cancel`);
    expect(asTicket(await new Client().get(`/api/events/tickets/${waiting.id}`)).status).toBe("confirmed");
    expect((await registered(event.id)).status).toBe("waitlisted");
  });

  it("a newcomer learns their place in a long line without the line ahead being read", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 1 });
    for (let wave = 0; wave < 4; wave++) await Promise.all(Array.from({ length: 50 }, () => register(event.id)));
    const newcomer = await registered(event.id);
    expect(newcomer.waitlist_position).toBe(200);
    // The ticket's read, as D1 runs it: rows read stay a handful however long the line (D1 bills
    // them, and one registration at a time runs); counting those ahead read the whole line.
    const query = registrationsWhere(createDb(env.DB), eq(registration.id, newcomer.id)).toSQL();
    const { results, meta } = await env.DB.prepare(query.sql)
      .bind(...query.params)
      .all();
    expect(results).toHaveLength(1);
    expect(meta.rows_read).toBeLessThan(10);
  });

  it("lowering the limit while people register: it never ends below the places taken", async () => {
    const { client } = await newOrganizer();
    for (let round = 0; round < 3; round++) {
      const event = await createEvent(client, { visitor_limit: 20 });
      for (let i = 0; i < 5; i++) await registered(event.id);
      const [lowered] = await Promise.all([
        client.send("PATCH", `/api/events/${event.id}`, { visitor_limit: 6 }),
        ...Array.from({ length: 10 }, () => registered(event.id)),
      ]);
      expect([200, 409]).toContain(lowered.status);
      const now = (await new Client().get(`/api/events/${event.id}`)).body as Event;
      expect(now.places.taken).toBeLessThanOrEqual(now.visitor_limit ?? Number.POSITIVE_INFINITY);
      expect(now.visitor_limit).toBe(lowered.status === 200 ? 6 : 20);
      await expectCountsAgree(event.id);
    }
  });

  it("back to draft while people register: never a draft that someone holds a place at", async () => {
    const { client } = await newOrganizer();
    for (let round = 0; round < 3; round++) {
      const event = await createEvent(client, { visitor_limit: 20 });
      const [drafted, ...answers] = await Promise.all([
        client.send("PATCH", `/api/events/${event.id}`, { status: "draft" }),
        ...Array.from({ length: 5 }, () => register(event.id)),
      ]);
      expect([200, 409]).toContain(drafted.status);
      const now = (await client.get(`/api/events/${event.id}`)).body as Event;
      expect(now.status).toBe(drafted.status === 200 ? "draft" : "published");
      const made = answers.filter((a) => a.status === 201).length;
      if (now.status === "draft") expect(made).toBe(0);
      expect(now.places.taken).toBe(made);
      await expectCountsAgree(event.id);
    }
  });

  it("raising the limit moves the line up at once; lowering it below the places taken is 409", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 2 });
    const tickets: Ticket[] = [];
    for (let i = 0; i < 5; i++) tickets.push(await registered(event.id));
    const raised = await client.send("PATCH", `/api/events/${event.id}`, { visitor_limit: 4 });
    expect(raised.body).toMatchObject({ places: { taken: 4, waitlisted: 1 } });
    const now = await Promise.all(tickets.map((t) => new Client().get(`/api/events/tickets/${t.id}`)));
    expect(now.map((r) => asTicket(r).status)).toEqual([
      "confirmed",
      "confirmed",
      "confirmed",
      "confirmed",
      "waitlisted",
    ]);
    expect((await client.send("PATCH", `/api/events/${event.id}`, { visitor_limit: 3 })).status).toBe(409);
    const lifted = await client.send("PATCH", `/api/events/${event.id}`, { visitor_limit: null });
    expect(lifted.body).toMatchObject({ places: { taken: 5, waitlisted: 0, left: null } });
  });
});

describe("an Idempotency-Key sent 20 times at once", () => {
  it("makes one registration; every answer is that registration (one 201, the others 200)", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { visitor_limit: 5 });
    const details = person("retry");
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(event.id, details, key)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    expect(new Set(answers.map((a) => asTicket(a).id)).size).toBe(1);
    const stored = await rows(
      "SELECT r.id FROM registration r JOIN visitor v ON v.id = r.visitor_id WHERE v.email = ?",
      details.email,
    );
    expect(stored).toHaveLength(1);
  });
});
