// Door staff: the role `door` on an event (or everywhere) checks tickets in there and opens
// nothing else of the organizer's. An event's organizers give and take it by email; a door taken
// away stops checking in within the pass's minute (the bound README states for revoked roles),
// the clock moved rather than waited for.
import { afterEach, describe, expect, it, vi } from "vitest";
import { PASS_SECONDS } from "../../worker/auth/pass";
import type { CheckIn, DoorStaff, Event, Ticket } from "../../worker/events/contract";
import { Client, newUser, problemOf, type Sent } from "./client";
import { asTicket, createEvent, expectCountsAgree, newOrganizer, registered, rows } from "./events-helpers";
import { grant } from "./grants";

afterEach(() => {
  vi.useRealTimers();
});

type Page<T> = { items: T[]; next_cursor: string | null };

let phones = 0;
const checkIn = (client: Client, eventId: string, ticket: Ticket): Promise<Sent> =>
  client.post(`/api/events/${eventId}/check-ins`, { code: ticket.qr, client_id: `door-phone-${++phones}-0000` });

/** An organizer's published event, and someone with an account the organizer makes door staff. */
async function eventWithDoor() {
  const organizer = await newOrganizer();
  const event = await createEvent(organizer.client);
  const door = await newUser("Door keeper");
  const added = await organizer.client.post(`/api/events/${event.id}/door-staff`, { email: door.email });
  expect(added.status).toBe(201);
  return { organizer: organizer.client, event, door };
}

describe("an event's organizer gives the door by email", () => {
  it("adds them (again: nothing changes), lists them, and they hold the role door on the event", async () => {
    const { organizer, event, door } = await eventWithDoor();
    const again = await organizer.post(`/api/events/${event.id}/door-staff`, { email: door.email.toUpperCase() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ user_id: door.id, email: door.email, display_name: "Door keeper" });
    const listed = (await organizer.get(`/api/events/${event.id}/door-staff`)).body as DoorStaff[];
    expect(listed.map((s) => s.user_id)).toEqual([door.id]);
    const grants = await rows<{ role: string; scope: string }>(
      "SELECT role, scope FROM role_grant WHERE user_id = ?",
      door.id,
    );
    expect(grants).toEqual([{ role: "door", scope: `event:${event.id}` }]);
  });

  it("an email without an account is 404, a malformed one 400; nothing is granted", async () => {
    const organizer = await newOrganizer();
    const event = await createEvent(organizer.client);
    problemOf(await organizer.client.post(`/api/events/${event.id}/door-staff`, { email: "nobody@example.com" }), 404);
    const bad = problemOf(
      await organizer.client.post(`/api/events/${event.id}/door-staff`, { email: "not-an-email" }),
      400,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(["email"]);
    problemOf(await organizer.client.post("/api/events/nosuchevent/door-staff", { email: organizer.email }), 404);
    expect((await organizer.client.get(`/api/events/${event.id}/door-staff`)).body).toEqual([]);
  });

  it("only the event's organizers: not door staff, not organizers of other events, not strangers", async () => {
    const { event, door } = await eventWithDoor();
    const other = await newUser("Organizer elsewhere");
    await grant(other.id, "organizer", "event:someotherevent");
    const stranger = await newUser();
    for (const client of [door.client, other.client, stranger.client]) {
      problemOf(await client.post(`/api/events/${event.id}/door-staff`, { email: stranger.email }), 403);
      problemOf(await client.get(`/api/events/${event.id}/door-staff`), 403);
      problemOf(await client.delete(`/api/events/${event.id}/door-staff/${door.id}`), 403);
    }
    problemOf(await new Client().get(`/api/events/${event.id}/door-staff`), 401);
  });

  it("removes them: their door grant goes, their other roles stay; another role is not theirs to take", async () => {
    const { organizer, event, door } = await eventWithDoor();
    await grant(door.id, "judge", "competition:7");
    const removed = await organizer.delete(`/api/events/${event.id}/door-staff/${door.id}`);
    expect(removed.body).toMatchObject({ user_id: door.id, email: door.email });
    expect((await organizer.get(`/api/events/${event.id}/door-staff`)).body).toEqual([]);
    expect(await rows("SELECT role, scope FROM role_grant WHERE user_id = ?", door.id)).toEqual([
      { role: "judge", scope: "competition:7" },
    ]);
    problemOf(await organizer.delete(`/api/events/${event.id}/door-staff/${door.id}`), 404);

    // A global door keeper (the admin's grant) or an admin is not this event's door staff to remove.
    const everywhere = await newUser("Door everywhere");
    await grant(everywhere.id, "door");
    problemOf(await organizer.delete(`/api/events/${event.id}/door-staff/${everywhere.id}`), 404);
    expect(await rows("SELECT role, scope FROM role_grant WHERE user_id = ?", everywhere.id)).toEqual([
      { role: "door", scope: "*" },
    ]);
  });

  it("deleting an event nobody registered for takes its door grants with it", async () => {
    const { organizer, event, door } = await eventWithDoor();
    expect((await organizer.delete(`/api/events/${event.id}`)).body).toMatchObject({ deleted: true });
    expect(await rows("SELECT role FROM role_grant WHERE user_id = ?", door.id)).toEqual([]);
  });
});

describe("door staff at the door", () => {
  it("check tickets in at their event, and at no other", async () => {
    const { organizer, event, door } = await eventWithDoor();
    const ticket = await registered(event.id);
    const done = await checkIn(door.client, event.id, ticket);
    expect((done.body as CheckIn).number).toBe(ticket.number);
    expect(asTicket(await new Client().get(`/api/events/tickets/${ticket.id}`)).status).toBe("checked_in");
    await expectCountsAgree(event.id);

    const elsewhere = await createEvent(organizer);
    problemOf(await checkIn(door.client, elsewhere.id, await registered(elsewhere.id)), 403);
  });

  it("read what the door needs and nothing else of the organizer's", async () => {
    const { event, door } = await eventWithDoor();
    const ticket = await registered(event.id);
    const { client } = door;
    // The event itself as anyone sees it (no costs), and their events' list for the door.
    expect(((await client.get(`/api/events/${event.id}`)).body as Event).costs).toBeNull();
    const mine = (await client.get("/api/events?door=true")).body as Page<Event>;
    expect(mine.items.map((e) => e.id)).toEqual([event.id]);
    // Nothing of the organizer's: the event, its registrations, visitors, messages, reports, its door.
    problemOf(await client.send("PATCH", `/api/events/${event.id}`, { title: "Mine now" }), 403);
    problemOf(await client.delete(`/api/events/${event.id}`), 403);
    problemOf(await client.get(`/api/events/registrations?event_id=${event.id}`), 403);
    problemOf(await client.get("/api/events/registrations"), 403);
    problemOf(await client.get(`/api/events/registrations/${ticket.id}`), 403);
    problemOf(await client.send("PATCH", `/api/events/registrations/${ticket.id}`, { status: "checked_in" }), 403);
    problemOf(await client.delete(`/api/events/registrations/${ticket.id}`), 403);
    problemOf(await client.get("/api/events/visitors"), 403);
    problemOf(await client.get(`/api/events/${event.id}/messages`), 403);
    for (const report of ["visitors", "finances", "registrations", "check-ins"]) {
      problemOf(await client.get(`/api/events/${event.id}/reports/${report}`), 403);
    }
    problemOf(await client.get("/api/events/reports/finances"), 403);
    problemOf(await client.get("/api/events?mine=true"), 403);
    problemOf(
      await client.post("/api/events", {
        title: "x",
        location: "y",
        starts_at: "2030-01-01T10:00:00Z",
        ends_at: "2030-01-01T11:00:00Z",
      }),
      403,
    );
  });

  it("a door taken away stops checking in within the pass's minute; a new login has none at once", async () => {
    const { organizer, event, door } = await eventWithDoor();
    const first = await registered(event.id);
    expect((await checkIn(door.client, event.id, first)).status).toBe(200);
    // This phone now holds a pass carrying the door (made by its next request, if the grant renewed it).
    expect((await door.client.get("/api/me")).status).toBe(200);
    expect(door.client.cookieHeader()).toMatch(/podium\.pass=/);

    expect((await organizer.delete(`/api/events/${event.id}/door-staff/${door.id}`)).status).toBe(200);
    const second = await registered(event.id);
    // Another phone of theirs, logged in now, has no door.
    const fresh = new Client();
    expect((await fresh.post("/api/auth/login", { email: door.email, password: door.password })).status).toBe(200);
    problemOf(await checkIn(fresh, event.id, second), 403);

    // The phone they checked in with holds a pass made before; once its minute is over, it is refused too.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + (PASS_SECONDS + 1) * 1000);
    problemOf(await checkIn(door.client, event.id, second), 403);
    expect((await door.client.get("/api/me")).status).toBe(200);
    expect(asTicket(await new Client().get(`/api/events/tickets/${second.id}`)).status).toBe("confirmed");
  });

  it("door staff everywhere (the demo's door account) keep every event's door, and list the events open to it", async () => {
    const organizer = await newOrganizer();
    const open = await createEvent(organizer.client);
    const draft = await createEvent(organizer.client, { status: "draft" });
    const everywhere = await newUser("Door everywhere");
    await grant(everywhere.id, "door");
    expect((await checkIn(everywhere.client, open.id, await registered(open.id))).status).toBe(200);
    const listed: string[] = [];
    for (let cursor: string | null = ""; cursor !== null; ) {
      const page = (await everywhere.client.get(`/api/events?door=true&limit=100${cursor ? `&cursor=${cursor}` : ""}`))
        .body as Page<Event>;
      listed.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor;
    }
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(draft.id);
    problemOf(await everywhere.client.get(`/api/events/${open.id}/reports/visitors`), 403);
    // An organizer of one event keeps its door (and lists it); someone without either role has no door list.
    const scoped = await newUser("Scoped organizer");
    await grant(scoped.id, "organizer", `event:${open.id}`);
    expect(((await scoped.client.get("/api/events?door=true")).body as Page<Event>).items.map((e) => e.id)).toEqual([
      open.id,
    ]);
    problemOf(await (await newUser()).client.get("/api/events?door=true"), 403);
    problemOf(await new Client().get("/api/events?door=true"), 401);
  });
});
