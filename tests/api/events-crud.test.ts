// The API behaviours users of the original events system relied on: events, visitors and
// registrations, each with its not-found and invalid cases.
import { describe, expect, it } from "vitest";
import type { Event, EventDeletion, Registration, Visitor } from "../../worker/events/contract";
import { Client, problemOf } from "./client";
import {
  asRegistration,
  createEvent,
  createVisitor,
  inHours,
  newOrganizer,
  person,
  registered,
} from "./events-helpers";

const key = () => ({ "idempotency-key": crypto.randomUUID() });
type Page<T> = { items: T[]; next_cursor: string | null };

describe("events", () => {
  it("an organizer creates an event with its price, limit, refund policy and costs", async () => {
    const { client, id } = await newOrganizer();
    const res = await client.post("/api/events", {
      title: "Фотопрогулка",
      description: "По центру",
      location: "Москва",
      starts_at: "2030-06-01T10:00:00Z",
      ends_at: "2030-06-01T13:00:00Z",
      visitor_limit: 25,
      price: 1500.5,
      refund_policy: { full_refund_hours: 72, late_refund_percent: 50 },
      costs: [{ name: "Гид", amount: 10000 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "Фотопрогулка",
      status: "draft",
      visitor_limit: 25,
      price: 1500.5,
      refund_policy: { full_refund_hours: 72, late_refund_percent: 50 },
      places: { taken: 0, waitlisted: 0, left: 25 },
      costs: [{ name: "Гид", amount: 10000 }],
      organizer_id: id,
      starts_at: "2030-06-01T10:00:00.000Z",
    });
    const me = (await client.get("/api/me")).body as { roles: { role: string; scope: string }[] };
    expect(me.roles).toContainEqual({ role: "organizer", scope: `event:${(res.body as Event).id}` });
  });

  it("reads one event; its costs only for its organizers", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { costs: [{ name: "Зал", amount: 5000 }] });
    expect(((await client.get(`/api/events/${event.id}`)).body as Event).costs).toEqual([
      { name: "Зал", amount: 5000 },
    ]);
    const seen = await new Client().get(`/api/events/${event.id}`);
    expect(seen.status).toBe(200);
    expect((seen.body as Event).costs).toBeNull();
  });

  it("reading an event that does not exist is 404", async () => {
    problemOf(await new Client().get("/api/events/nosuchid"), 404);
  });

  it("a draft is not found by anyone but its organizers", async () => {
    const { client } = await newOrganizer();
    const draft = await createEvent(client, { status: "draft" });
    problemOf(await new Client().get(`/api/events/${draft.id}`), 404);
    expect((await client.get(`/api/events/${draft.id}`)).status).toBe(200);
  });

  it("lists the catalogue soonest first, without drafts, with search, status and dates, a page at a time", async () => {
    const { client } = await newOrganizer();
    const tag = `каталог-${crypto.randomUUID().slice(0, 6)}`;
    const later = await createEvent(client, { title: `${tag} B`, starts_at: inHours(50), ends_at: inHours(51) });
    const sooner = await createEvent(client, { title: `${tag} A`, starts_at: inHours(30), ends_at: inHours(31) });
    await createEvent(client, { title: `${tag} draft`, status: "draft" });
    const first = (await new Client().get(`/api/events?q=${encodeURIComponent(tag)}&limit=1`)).body as Page<Event>;
    expect(first.items.map((e) => e.id)).toEqual([sooner.id]);
    const second = (
      await new Client().get(`/api/events?q=${encodeURIComponent(tag)}&limit=1&cursor=${first.next_cursor}`)
    ).body as Page<Event>;
    expect(second.items.map((e) => e.id)).toEqual([later.id]);
    const ranged = (
      await new Client().get(
        `/api/events?q=${encodeURIComponent(tag)}&status=published&from=${encodeURIComponent(inHours(40))}`,
      )
    ).body as Page<Event>;
    expect(ranged.items.map((e) => e.id)).toEqual([later.id]);
  });

  it("mine=true lists the events you organize, drafts included, and nobody else's", async () => {
    const { client } = await newOrganizer();
    const { client: other } = await newOrganizer();
    // Other tests' events share the database: this one's are found by their title.
    const title = `Мои ${crypto.randomUUID()}`;
    const draft = await createEvent(client, { title, status: "draft" });
    const theirs = await createEvent(other, { title });
    const mine = (await client.get(`/api/events?mine=true&q=${encodeURIComponent(title)}`)).body as Page<Event>;
    expect(mine.items.map((e) => e.id)).toContain(draft.id);
    const scoped = await newOrganizer("Scoped");
    const scopedList = await scoped.client.get(`/api/events?mine=true&q=${encodeURIComponent(title)}`);
    // A global organizer reaches every event; one with no events of their own reaches none but theirs.
    expect((scopedList.body as Page<Event>).items.map((e) => e.id)).toContain(theirs.id);
  });

  it("changes an event", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const res = await client.send("PATCH", `/api/events/${event.id}`, {
      title: "Новое название",
      price: 99.99,
      costs: [{ name: "Аренда", amount: 1 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Новое название", price: 99.99, costs: [{ name: "Аренда", amount: 1 }] });
  });

  it("changing an event that does not exist is 404", async () => {
    const { client } = await newOrganizer();
    problemOf(await client.send("PATCH", "/api/events/nosuchid", { title: "x" }), 404);
  });

  it.each([0, -3, 2.5, "10", true])("an invalid visitor limit (%j) is 400 naming visitor_limit", async (limit) => {
    const { client } = await newOrganizer();
    const res = await client.post("/api/events", {
      title: "T",
      location: "L",
      starts_at: inHours(10),
      ends_at: inHours(11),
      visitor_limit: limit,
    });
    expect(problemOf(res, 400).errors?.map((e) => e.path)).toEqual(["visitor_limit"]);
    const event = await createEvent(client);
    const patched = await client.send("PATCH", `/api/events/${event.id}`, { visitor_limit: limit });
    expect(problemOf(patched, 400).errors?.map((e) => e.path)).toEqual(["visitor_limit"]);
  });

  it("deletes an event nobody registered for", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const res = await client.delete(`/api/events/${event.id}`);
    expect(res.body).toMatchObject({ deleted: true, cancelled: false, registrations_cancelled: 0 });
    problemOf(await client.get(`/api/events/${event.id}`), 404);
    const me = (await client.get("/api/me")).body as { roles: { scope: string }[] };
    expect(me.roles.map((r) => r.scope)).not.toContain(`event:${event.id}`);
  });

  it("deleting an event that does not exist is 404", async () => {
    const { client } = await newOrganizer();
    problemOf(await client.delete("/api/events/nosuchid"), 404);
  });

  it("deleting an event with registrations cancels it instead, and says so", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    await registered(event.id);
    const res = await client.delete(`/api/events/${event.id}`);
    const body = res.body as EventDeletion;
    expect(body).toMatchObject({ deleted: false, cancelled: true, registrations_cancelled: 1 });
    expect(body.event?.status).toBe("cancelled");
  });
});

describe("visitors", () => {
  it("an organizer adds one: email lower-case, phone in E.164", async () => {
    const { client } = await newOrganizer();
    const res = await client.post("/api/events/visitors", {
      first_name: "Иван",
      last_name: "Петров",
      email: `Ivan.${crypto.randomUUID().slice(0, 6)}@Example.COM`,
      phone: "8 (916) 123-45-67",
    });
    expect(res.status).toBe(201);
    const visitor = res.body as Visitor;
    expect(visitor.email).toBe(visitor.email.toLowerCase());
    expect(visitor.phone).toBe("+79161234567");
  });

  it("the same email twice is 409", async () => {
    const { client } = await newOrganizer();
    const details = person("twice");
    const first = await createVisitor(client, details);
    const again = problemOf(await client.post("/api/events/visitors", { ...details, first_name: "Другой" }), 409);
    expect(again).toMatchObject({ visitor_id: first.id });
  });

  it("lists and finds visitors by part of a name, email or phone", async () => {
    const { client } = await newOrganizer();
    const tag = crypto.randomUUID().slice(0, 6);
    const visitor = await createVisitor(client, { ...person(), last_name: `Искомов${tag}` });
    const found = (await client.get(`/api/events/visitors?q=${encodeURIComponent(`искомов${tag}`)}`))
      .body as Page<Visitor>;
    expect(found.items.map((v) => v.id)).toEqual([visitor.id]);
    const all = (await client.get("/api/events/visitors?limit=100")).body as Page<Visitor>;
    expect(all.items.map((v) => v.id)).toContain(visitor.id);
  });

  it("reads one", async () => {
    const { client } = await newOrganizer();
    const visitor = await createVisitor(client);
    expect((await client.get(`/api/events/visitors/${visitor.id}`)).body).toEqual(visitor);
  });

  it("reading one that does not exist is 404", async () => {
    const { client } = await newOrganizer();
    problemOf(await client.get("/api/events/visitors/nosuchvisitor"), 404);
  });

  it("changes one", async () => {
    const { client } = await newOrganizer();
    const visitor = await createVisitor(client);
    const res = await client.send("PATCH", `/api/events/visitors/${visitor.id}`, { phone: "+44 20 7946 0958" });
    expect(res.body).toMatchObject({ id: visitor.id, phone: "+442079460958", email: visitor.email });
  });

  it("changing one that does not exist is 404", async () => {
    const { client } = await newOrganizer();
    problemOf(await client.send("PATCH", "/api/events/visitors/nosuchvisitor", { first_name: "X" }), 404);
  });

  it("changing one's email to another visitor's is 409", async () => {
    const { client } = await newOrganizer();
    const a = await createVisitor(client);
    const b = await createVisitor(client);
    problemOf(await client.send("PATCH", `/api/events/visitors/${b.id}`, { email: a.email }), 409);
  });

  it("deletes one who never registered; one who did stays (409)", async () => {
    const { client } = await newOrganizer();
    const visitor = await createVisitor(client);
    expect((await client.delete(`/api/events/visitors/${visitor.id}`)).status).toBe(204);
    problemOf(await client.get(`/api/events/visitors/${visitor.id}`), 404);
    const event = await createEvent(client);
    const details = person();
    await registered(event.id, details);
    const list = (await client.get(`/api/events/visitors?q=${encodeURIComponent(details.email)}`))
      .body as Page<Visitor>;
    problemOf(await client.delete(`/api/events/visitors/${list.items[0]?.id}`), 409);
  });
});

describe("registrations, as organizers keep them", () => {
  async function setUp() {
    const organizer = await newOrganizer();
    const event = await createEvent(organizer.client);
    const visitor = await createVisitor(organizer.client);
    return { client: organizer.client, event, visitor };
  }

  it("registers a visitor for an event and lists the event's registrations", async () => {
    const { client, event, visitor } = await setUp();
    const res = await client.post("/api/events/registrations", { event_id: event.id, visitor_id: visitor.id }, key());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ event_id: event.id, status: "confirmed", visitor: { id: visitor.id } });
    const list = (await client.get(`/api/events/registrations?event_id=${event.id}`)).body as Page<Registration>;
    expect(list.items.map((r) => r.id)).toEqual([(res.body as Registration).id]);
    expect((await client.get(`/api/events/registrations/${(res.body as Registration).id}`)).body).toMatchObject({
      id: (res.body as Registration).id,
    });
  });

  it("an event id that does not exist is 404; a malformed one 400", async () => {
    const { client, visitor } = await setUp();
    problemOf(
      await client.post("/api/events/registrations", { event_id: "nosuchevent", visitor_id: visitor.id }, key()),
      404,
    );
    const malformed = await client.post(
      "/api/events/registrations",
      { event_id: "no such", visitor_id: visitor.id },
      key(),
    );
    expect(problemOf(malformed, 400).errors?.map((e) => e.path)).toEqual(["event_id"]);
  });

  it("a visitor id that does not exist is 404; a malformed one 400", async () => {
    const { client, event } = await setUp();
    const missing = problemOf(
      await client.post("/api/events/registrations", { event_id: event.id, visitor_id: "nosuchvisitor" }, key()),
      404,
    );
    expect(missing.detail).toContain("nosuchvisitor");
    const malformed = await client.post("/api/events/registrations", { event_id: event.id, visitor_id: 42 }, key());
    expect(problemOf(malformed, 400).errors?.map((e) => e.path)).toEqual(["visitor_id"]);
  });

  it("registering the same visitor twice for one event is 409 that says so", async () => {
    const { client, event, visitor } = await setUp();
    const body = { event_id: event.id, visitor_id: visitor.id };
    expect((await client.post("/api/events/registrations", body, key())).status).toBe(201);
    const again = problemOf(await client.post("/api/events/registrations", body, key()), 409);
    expect(again).toMatchObject({ reason: "already_registered" });
    expect(again.detail).toMatch(/already registered/);
  });

  it("changes a registration: cancels it with a refund, or checks it in", async () => {
    const { client, event, visitor } = await setUp();
    const made = asRegistration(
      await client.post("/api/events/registrations", { event_id: event.id, visitor_id: visitor.id }, key()),
    );
    const checked = await client.send("PATCH", `/api/events/registrations/${made.id}`, { status: "checked_in" });
    expect(checked.body).toMatchObject({ status: "checked_in", checked_in_at: expect.any(String) });
    const other = await createVisitor(client);
    const second = asRegistration(
      await client.post("/api/events/registrations", { event_id: event.id, visitor_id: other.id }, key()),
    );
    const cancelled = await client.send("PATCH", `/api/events/registrations/${second.id}`, { status: "cancelled" });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelled_at: expect.any(String) });
  });

  it("changing a registration that does not exist is 404", async () => {
    const { client } = await setUp();
    problemOf(await client.send("PATCH", "/api/events/registrations/nosuchregistration", { status: "cancelled" }), 404);
  });

  it("deletes (cancels) a registration", async () => {
    const { client, event, visitor } = await setUp();
    const made = asRegistration(
      await client.post("/api/events/registrations", { event_id: event.id, visitor_id: visitor.id }, key()),
    );
    const res = await client.delete(`/api/events/registrations/${made.id}`);
    expect(res.body).toMatchObject({ id: made.id, status: "cancelled" });
    problemOf(await client.delete(`/api/events/registrations/${made.id}`), 409);
  });

  it("deleting a registration that does not exist is 404", async () => {
    const { client } = await setUp();
    problemOf(await client.delete("/api/events/registrations/nosuchregistration"), 404);
  });
});

describe("the API description", () => {
  it("documents every events route in the OpenAPI document", async () => {
    const res = await new Client().get("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = Object.keys((res.body as { paths: Record<string, unknown> }).paths).filter((p) =>
      p.startsWith("/api/events"),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/events",
        "/api/events/{id}",
        "/api/events/{id}/registrations",
        "/api/events/{id}/check-ins",
        "/api/events/{id}/messages",
        "/api/events/{id}/messages/{messageId}/resend",
        "/api/events/visitors",
        "/api/events/visitors/{id}",
        "/api/events/visitors/{id}/history",
        "/api/events/registrations",
        "/api/events/registrations/{id}",
        "/api/events/my/registrations",
        "/api/events/tickets/{id}",
        "/api/events/tickets/{id}/cancel",
        "/api/events/tickets/{id}/payment",
        "/api/events/reports/visitors",
        "/api/events/reports/finances",
        "/api/events/{id}/reports/visitors",
        "/api/events/{id}/reports/finances",
        "/api/events/{id}/reports/registrations",
        "/api/events/{id}/reports/check-ins",
        "/api/events/{id}/door-staff",
        "/api/events/{id}/door-staff/{userId}",
      ]),
    );
    expect(paths).toHaveLength(23);
  });
});
