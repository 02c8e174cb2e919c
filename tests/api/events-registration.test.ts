// Registering as a visitor: anonymous or logged in, idempotent, refused with a reason when the
// event is not open; tickets; check-in at the door.
import { describe, expect, it } from "vitest";
import type { CheckIn, Ticket, Visitor } from "../../worker/events/contract";
import { Client, newUser, problemOf } from "./client";
import {
  asTicket,
  count,
  createEvent,
  inHours,
  newOrganizer,
  person,
  register,
  registered,
  rows,
} from "./events-helpers";
import { grant } from "./grants";

type Page<T> = { items: T[]; next_cursor: string | null };

describe("registering anonymously", () => {
  it("gives a ticket with a short number and a QR payload naming the event", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const ticket = asTicket(await register(event.id, { ...person(), phone: "8 916 000-00-01" }));
    expect(ticket).toMatchObject({
      status: "confirmed",
      number: expect.stringMatching(/^\d{4}-\d{4}$/),
      event: { id: event.id, title: event.title },
    });
    expect(ticket.qr).toBe(`PODIUM-TICKET:${event.id}:${ticket.number}`);
    expect((await new Client().get(`/api/events/tickets/${ticket.id}`)).body).toMatchObject({ id: ticket.id });
    const [stored] = await rows<{ phone: string }>(
      "SELECT v.phone FROM visitor v JOIN registration r ON r.visitor_id = v.id WHERE r.id = ?",
      ticket.id,
    );
    expect(stored?.phone).toBe("+79160000001");
  });

  it("needs every detail: each missing one is named, and nothing is written", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const before = [await count("visitor"), await count("registration")];
    const problem = problemOf(await register(event.id, { first_name: "Анна" }), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["email", "last_name", "phone"]);
    expect(problem.errors?.every((e) => e.code === "required")).toBe(true);
    expect([await count("visitor"), await count("registration")]).toEqual(before);
  });

  it("an unknown ticket is 404", async () => {
    problemOf(await new Client().get(`/api/events/tickets/${crypto.randomUUID()}`), 404);
  });

  it("an anonymous registration never changes a stored visitor's details", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const other = await createEvent(client);
    const details = person();
    await registered(event.id, details);
    await registered(other.id, { ...details, first_name: "Самозванец", phone: "+7 999 999-99-99" });
    const [stored] = await rows<{ first_name: string }>(
      "SELECT first_name FROM visitor WHERE email = ?",
      details.email,
    );
    expect(stored?.first_name).toBe(details.first_name);
  });
});

describe("registering logged in", () => {
  it("registers as the account, links the visitor record, and lists it under my registrations", async () => {
    const { client: organizer } = await newOrganizer();
    const event = await createEvent(organizer);
    const me = await newUser("Вера Зрителева");
    const res = await register(
      event.id,
      { first_name: "Вера", last_name: "Зрителева", phone: "+79161112233" },
      undefined,
      me.client,
    );
    expect(res.status).toBe(201);
    const [visitor] = await rows<{ user_id: string; email: string }>(
      "SELECT v.user_id, v.email FROM visitor v JOIN registration r ON r.visitor_id = v.id WHERE r.id = ?",
      asTicket(res).id,
    );
    expect(visitor).toEqual({ user_id: me.id, email: me.email.toLowerCase() });
    const mine = (await me.client.get("/api/events/my/registrations")).body as Page<Ticket>;
    expect(mine.items.map((t) => t.id)).toEqual([asTicket(res).id]);
    expect((await me.client.get(`/api/events/registrations/${asTicket(res).id}`)).status).toBe(200);
  });

  it("the first time, names the details the record lacks; later, none are needed", async () => {
    const { client: organizer } = await newOrganizer();
    const first = await createEvent(organizer);
    const second = await createEvent(organizer);
    const me = await newUser();
    const before = await count("registration");
    const lacking = problemOf(await register(first.id, {}, undefined, me.client), 400);
    expect(lacking.errors?.map((e) => e.path).sort()).toEqual(["first_name", "last_name", "phone"]);
    expect(await count("registration")).toBe(before);
    await register(first.id, { first_name: "А", last_name: "Б", phone: "+79160000000" }, undefined, me.client);
    expect((await register(second.id, {}, undefined, me.client)).status).toBe(201);
  });

  it("links the visitor record they made anonymously before", async () => {
    const { client: organizer } = await newOrganizer();
    const event = await createEvent(organizer);
    const other = await createEvent(organizer);
    const me = await newUser();
    await registered(event.id, { ...person(), email: me.email });
    expect((await register(other.id, {}, undefined, me.client)).status).toBe(201);
    const mine = (await me.client.get("/api/events/my/registrations")).body as Page<Ticket>;
    expect(mine.items).toHaveLength(2);
  });

  it("cannot register someone else's email", async () => {
    const { client: organizer } = await newOrganizer();
    const event = await createEvent(organizer);
    const me = await newUser();
    const problem = problemOf(await register(event.id, person(), undefined, me.client), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(["email"]);
  });

  it("someone else's registration is not theirs to read", async () => {
    const { client: organizer } = await newOrganizer();
    const event = await createEvent(organizer);
    const ticket = await registered(event.id);
    const stranger = await newUser();
    problemOf(await stranger.client.get(`/api/events/registrations/${ticket.id}`), 403);
    problemOf(await new Client().get("/api/events/my/registrations"), 401);
  });
});

describe("the Idempotency-Key", () => {
  it("is required, and named when missing", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const res = await new Client().post(`/api/events/${event.id}/registrations`, person());
    expect(problemOf(res, 400).errors?.map((e) => e.path)).toEqual(["idempotency-key"]);
  });

  it("a retry answers 200 with the first registration", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const details = person();
    const key = crypto.randomUUID();
    const first = await register(event.id, details, key);
    const again = await register(event.id, details, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(asTicket(again).id).toBe(asTicket(first).id);
  });

  it("the same key with a different request is 422 and writes nothing", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const other = await createEvent(client);
    const details = person();
    const key = crypto.randomUUID();
    await register(event.id, details, key);
    const before = await count("registration");
    problemOf(await register(event.id, { ...details, first_name: "Другое" }, key), 422);
    problemOf(await register(other.id, details, key), 422);
    expect(await count("registration")).toBe(before);
  });

  it("is the caller's own: another visitor's request with the same key is theirs", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const key = crypto.randomUUID();
    const a = await register(event.id, person(), key);
    const b = await register(event.id, person(), key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(asTicket(a).id).not.toBe(asTicket(b).id);
  });
});

describe("registration is refused, with the reason, when the event is not open", () => {
  it.each([
    ["a draft", { status: "draft" }, "not_published"],
    ["an event already started", { starts_at: inHours(-1), ends_at: inHours(2) }, "started"],
  ])("%s", async (_, fields, reason) => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, fields);
    expect(problemOf(await register(event.id), 409)).toMatchObject({ reason });
  });

  it("a cancelled or finished one", async () => {
    const { client } = await newOrganizer();
    const finished = await createEvent(client);
    await client.send("PATCH", `/api/events/${finished.id}`, { status: "finished" });
    expect(problemOf(await register(finished.id), 409)).toMatchObject({ reason: "finished" });
    const cancelled = await createEvent(client);
    await client.send("PATCH", `/api/events/${cancelled.id}`, { status: "cancelled" });
    expect(problemOf(await register(cancelled.id), 409)).toMatchObject({ reason: "cancelled" });
  });

  it("an event that does not exist is 404", async () => {
    problemOf(await register("nosuchevent"), 404);
  });

  it("the same visitor twice is 409; after cancelling they may register again", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const details = person();
    const ticket = await registered(event.id, details);
    expect(problemOf(await register(event.id, details), 409)).toMatchObject({ reason: "already_registered" });
    await new Client().post(`/api/events/tickets/${ticket.id}/cancel`);
    expect((await register(event.id, details)).status).toBe(201);
  });
});

describe("check-in at the door", () => {
  async function doorOf() {
    const organizer = await newOrganizer();
    const event = await createEvent(organizer.client);
    const door = await newUser("Door");
    await grant(door.id, "door", `event:${event.id}`);
    return { organizer: organizer.client, door: door.client, event };
  }

  it("door staff check a ticket in by its QR payload or its typed number", async () => {
    const { door, event } = await doorOf();
    const byQr = await registered(event.id);
    const byNumber = await registered(event.id);
    const scanned = await door.post(`/api/events/${event.id}/check-ins`, {
      code: byQr.qr,
      client_id: "phone-1-scan-1",
    });
    expect(scanned.body).toMatchObject({ registration_id: byQr.id, number: byQr.number });
    const typed = await door.post(`/api/events/${event.id}/check-ins`, {
      code: byNumber.number.replace("-", " "),
      client_id: "phone-1-scan-2",
    });
    expect((typed.body as CheckIn).registration_id).toBe(byNumber.id);
    expect(asTicket(await new Client().get(`/api/events/tickets/${byNumber.id}`)).status).toBe("checked_in");
  });

  it("a resend from the same phone is the same check-in; anyone else is told when the first was", async () => {
    const { door, organizer, event } = await doorOf();
    const ticket = await registered(event.id);
    const first = await door.post(`/api/events/${event.id}/check-ins`, { code: ticket.number, client_id: "phone-1-7" });
    const resent = await door.post(`/api/events/${event.id}/check-ins`, {
      code: ticket.number,
      client_id: "phone-1-7",
    });
    expect(resent.body).toEqual(first.body);
    const second = problemOf(
      await organizer.post(`/api/events/${event.id}/check-ins`, { code: ticket.number, client_id: "phone-2-1" }),
      409,
    );
    expect(second).toMatchObject({
      reason: "already_checked_in",
      checked_in_at: (first.body as CheckIn).checked_in_at,
    });
    expect(second.detail).toContain((first.body as CheckIn).checked_in_at);
  });

  it("refuses tickets of another event, unknown numbers, and registrations without a place", async () => {
    const { door, organizer, event } = await doorOf();
    const elsewhere = await createEvent(organizer);
    const theirs = await registered(elsewhere.id);
    const at = (code: string) =>
      door.post(`/api/events/${event.id}/check-ins`, { code, client_id: crypto.randomUUID() });
    expect(problemOf(await at(theirs.qr), 409)).toMatchObject({ reason: "other_event" });
    expect(problemOf(await at(theirs.number), 409)).toMatchObject({ reason: "other_event" });
    problemOf(await at("0000-0000"), 404);
    expect(problemOf(await at("not a ticket"), 400).errors?.map((e) => e.path)).toEqual(["code"]);
    const limited = await createEvent(organizer, { visitor_limit: 1 });
    await registered(limited.id);
    const waiting = await registered(limited.id);
    const refusal = await organizer.post(`/api/events/${limited.id}/check-ins`, {
      code: waiting.number,
      client_id: "phone-9-1",
    });
    expect(problemOf(refusal, 409)).toMatchObject({ reason: "waitlisted" });
  });

  it("door staff may check in, and nothing more; others may not even do that", async () => {
    const { door, event } = await doorOf();
    problemOf(await door.send("PATCH", `/api/events/${event.id}`, { title: "Mine now" }), 403);
    problemOf(await door.get(`/api/events/${event.id}/reports/visitors`), 403);
    const stranger = await newUser();
    const ticket = await registered(event.id);
    problemOf(
      await stranger.client.post(`/api/events/${event.id}/check-ins`, { code: ticket.number, client_id: "x-12345678" }),
      403,
    );
    problemOf(
      await new Client().post(`/api/events/${event.id}/check-ins`, { code: ticket.number, client_id: "x-12345678" }),
      401,
    );
  });
});

describe("organizers of particular events", () => {
  it("reach their events' visitors and registrations, and no one else's", async () => {
    const { client: global } = await newOrganizer();
    const mine = await createEvent(global);
    const theirs = await createEvent(global);
    const scoped = await newUser("Scoped organizer");
    await grant(scoped.id, "organizer", `event:${mine.id}`);
    const myGuest = person();
    await registered(mine.id, myGuest);
    const otherGuest = person();
    const otherTicket = await registered(theirs.id, otherGuest);

    const visitors = (await scoped.client.get("/api/events/visitors?limit=100")).body as Page<Visitor>;
    expect(visitors.items.map((v) => v.email)).toEqual([myGuest.email]);
    const [other] = await rows<{ id: string }>("SELECT id FROM visitor WHERE email = ?", otherGuest.email);
    problemOf(await scoped.client.get(`/api/events/visitors/${other?.id}`), 404);
    problemOf(await scoped.client.get(`/api/events/registrations/${otherTicket.id}`), 403);
    problemOf(await scoped.client.get(`/api/events/registrations?event_id=${theirs.id}`), 403);
    problemOf(await scoped.client.send("PATCH", `/api/events/${theirs.id}`, { title: "x" }), 403);
    problemOf(
      await scoped.client.post("/api/events", {
        title: "x",
        location: "y",
        starts_at: inHours(1),
        ends_at: inHours(2),
      }),
      403,
    );
    const listed = (await scoped.client.get("/api/events/registrations")).body as Page<{ event_id: string }>;
    expect(new Set(listed.items.map((r) => r.event_id))).toEqual(new Set([mine.id]));
  });

  it("people without the role reach none of it", async () => {
    const { client } = await newUser();
    problemOf(await client.get("/api/events/visitors"), 403);
    problemOf(await client.get("/api/events/registrations"), 403);
    problemOf(await client.get("/api/events/reports/finances"), 403);
    problemOf(await new Client().get("/api/events/visitors"), 401);
  });
});
