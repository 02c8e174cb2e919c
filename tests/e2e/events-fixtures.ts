// Events set up through the API, as an organizer's and a visitor's own pages would, for tests
// about what happens next (the door, reports, cancelling).

import { inject } from "vitest";
import type { Event, Registration, Ticket } from "../../worker/events/contract";
import { HttpSession, logIn } from "./http-session";

const HOUR = 3_600_000;

/** The demo organizer (organizer everywhere), logged in from Node. */
export const demoOrganizer = () => logIn(inject("baseURL"), "organizer@podium.local", "podium-demo");

/** A published event a week ahead by the demo organizer, with a title of its own. */
export async function publishedEvent(fields: Record<string, unknown> = {}) {
  const organizer = await demoOrganizer();
  const startsAt = Date.now() + 7 * 24 * HOUR;
  const event = await organizer.json<Event>("POST", "/api/events", {
    title: `Вечер ${Date.now()}`,
    location: "Москва, Тверская 1",
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(startsAt + 2 * HOUR).toISOString(),
    status: "published",
    ...fields,
  });
  return { organizer, event };
}

let visitors = 0;

/** Someone registering anonymously, as the event page does. */
export async function registered(eventId: string, lastName = "Гостева"): Promise<Ticket> {
  const email = `visitor-${Date.now()}-${++visitors}@example.com`;
  return new HttpSession(inject("baseURL")).json<Ticket>(
    "POST",
    `/api/events/${eventId}/registrations`,
    { first_name: "Анна", last_name: lastName, email, phone: "8 916 123-45-67" },
    { "idempotency-key": crypto.randomUUID() },
  );
}

/** Every registration of the event, as its organizer lists them. */
export async function registrationsOf(organizer: HttpSession, eventId: string): Promise<Registration[]> {
  return (await organizer.json<{ items: Registration[] }>("GET", `/api/events/registrations?event_id=${eventId}`))
    .items;
}
