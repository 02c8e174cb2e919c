// Bad input on every write endpoint of the events area: 400 problem+json naming the field, and
// nothing written anywhere (events, visitors, registrations, messages, money).
import { beforeAll, describe, expect, it } from "vitest";
import type { Event, Ticket, Visitor } from "../../worker/events/contract";
import { Client, problemOf } from "./client";
import { count, createEvent, createVisitor, inHours, newOrganizer, person, registered } from "./events-helpers";

const TABLES = ["event", "event_cost", "visitor", "registration", "notification", "payment_movement", "role_grant"];
const written = async () => Promise.all(TABLES.map(count));

let organizer: Client;
let event: Event;
let visitor: Visitor;
let ticket: Ticket;

beforeAll(async () => {
  organizer = (await newOrganizer()).client;
  event = await createEvent(organizer, { visitor_limit: 5, price: 10 });
  visitor = await createVisitor(organizer);
  ticket = await registered(event.id);
});

const key = { "idempotency-key": "a-valid-key-0001" };
const newEvent = { title: "T", location: "L", starts_at: inHours(10), ends_at: inHours(12) };

type Case = [
  label: string,
  method: string,
  path: () => string,
  body: unknown,
  field: string,
  headers?: Record<string, string>,
];

const cases: Case[] = [
  // POST /events
  ["event without a title", "POST", () => "/api/events", { ...newEvent, title: undefined }, "title"],
  ["event title of the wrong type", "POST", () => "/api/events", { ...newEvent, title: 42 }, "title"],
  ["event without a start", "POST", () => "/api/events", { ...newEvent, starts_at: undefined }, "starts_at"],
  ["event start that is not a date", "POST", () => "/api/events", { ...newEvent, starts_at: "tomorrow" }, "starts_at"],
  ["event starting after it ends", "POST", () => "/api/events", { ...newEvent, starts_at: inHours(13) }, "ends_at"],
  ["event ending as it starts", "POST", () => "/api/events", { ...newEvent, ends_at: newEvent.starts_at }, "ends_at"],
  ["negative price", "POST", () => "/api/events", { ...newEvent, price: -1 }, "price"],
  ["price with three decimals", "POST", () => "/api/events", { ...newEvent, price: 10.005 }, "price"],
  ["price as text", "POST", () => "/api/events", { ...newEvent, price: "10" }, "price"],
  [
    "negative cost",
    "POST",
    () => "/api/events",
    { ...newEvent, costs: [{ name: "Зал", amount: -5 }] },
    "costs.0.amount",
  ],
  ["cost without a name", "POST", () => "/api/events", { ...newEvent, costs: [{ amount: 5 }] }, "costs.0.name"],
  [
    "refund share above 100 %",
    "POST",
    () => "/api/events",
    { ...newEvent, refund_policy: { late_refund_percent: 101 } },
    "refund_policy.late_refund_percent",
  ],
  ["unknown status", "POST", () => "/api/events", { ...newEvent, status: "open" }, "status"],
  // PATCH /events/{id}
  ["empty change", "PATCH", () => `/api/events/${event.id}`, {}, "title"],
  ["changed end before the start", "PATCH", () => `/api/events/${event.id}`, { ends_at: inHours(1) }, "ends_at"],
  [
    "changed start after the end",
    "PATCH",
    () => `/api/events/${event.id}`,
    { starts_at: inHours(24 * 400) },
    "starts_at",
  ],
  ["changed price negative", "PATCH", () => `/api/events/${event.id}`, { price: -0.01 }, "price"],
  ["changed title empty", "PATCH", () => `/api/events/${event.id}`, { title: "  " }, "title"],
  ["changed status unknown", "PATCH", () => `/api/events/${event.id}`, { status: "closed" }, "status"],
  ["malformed event id", "PATCH", () => "/api/events/not an id", { title: "x" }, "id"],
  // POST /events/visitors, PATCH /events/visitors/{id}
  [
    "visitor without a last name",
    "POST",
    () => "/api/events/visitors",
    { ...person(), last_name: undefined },
    "last_name",
  ],
  ["visitor with a bad email", "POST", () => "/api/events/visitors", { ...person(), email: "not-an-email" }, "email"],
  ["visitor with a bad phone", "POST", () => "/api/events/visitors", { ...person(), phone: "+7 123" }, "phone"],
  [
    "visitor with a phone of the wrong type",
    "POST",
    () => "/api/events/visitors",
    { ...person(), phone: 79161234567 },
    "phone",
  ],
  ["visitor change with a bad email", "PATCH", () => `/api/events/visitors/${visitor.id}`, { email: "x@" }, "email"],
  ["visitor change with a bad phone", "PATCH", () => `/api/events/visitors/${visitor.id}`, { phone: "12" }, "phone"],
  ["empty visitor change", "PATCH", () => `/api/events/visitors/${visitor.id}`, {}, "first_name"],
  // POST /events/registrations, PATCH /events/registrations/{id}
  [
    "organizer registration without an event",
    "POST",
    () => "/api/events/registrations",
    () => ({ visitor_id: visitor.id }),
    "event_id",
    key,
  ],
  [
    "organizer registration with a visitor id of the wrong type",
    "POST",
    () => "/api/events/registrations",
    () => ({ event_id: event.id, visitor_id: 7 }),
    "visitor_id",
    key,
  ],
  [
    "organizer registration without a key",
    "POST",
    () => "/api/events/registrations",
    () => ({ event_id: event.id, visitor_id: visitor.id }),
    "idempotency-key",
  ],
  [
    "registration change to an unknown status",
    "PATCH",
    () => `/api/events/registrations/${ticket.id}`,
    { status: "gone" },
    "status",
  ],
  [
    "registration change with a negative refund",
    "PATCH",
    () => `/api/events/registrations/${ticket.id}`,
    { status: "cancelled", refund: -1 },
    "refund",
  ],
  [
    "registration change with a refund of three decimals",
    "PATCH",
    () => `/api/events/registrations/${ticket.id}`,
    { status: "cancelled", refund: 1.001 },
    "refund",
  ],
  [
    "registration change above what was paid",
    "PATCH",
    () => `/api/events/registrations/${ticket.id}`,
    { status: "cancelled", refund: 10.01 },
    "refund",
  ],
  // POST /events/{id}/check-ins
  [
    "check-in without a client id",
    "POST",
    () => `/api/events/${event.id}/check-ins`,
    () => ({ code: ticket.number }),
    "client_id",
  ],
  [
    "check-in with a short client id",
    "POST",
    () => `/api/events/${event.id}/check-ins`,
    () => ({ code: ticket.number, client_id: "x" }),
    "client_id",
  ],
  [
    "check-in with a code of the wrong type",
    "POST",
    () => `/api/events/${event.id}/check-ins`,
    { code: 12345678, client_id: "phone-0001" },
    "code",
  ],
  [
    "check-in of something not a ticket",
    "POST",
    () => `/api/events/${event.id}/check-ins`,
    { code: "hello", client_id: "phone-0001" },
    "code",
  ],
  // Tickets, messages, deletions: a malformed id in the path
  ["cancelling a malformed ticket", "POST", () => "/api/events/tickets/no%20such/cancel", undefined, "id"],
  ["paying a malformed ticket", "POST", () => "/api/events/tickets/no%20such/payment", undefined, "id"],
  [
    "resending a malformed message",
    "POST",
    () => `/api/events/${event.id}/messages/no%20such/resend`,
    undefined,
    "messageId",
  ],
  ["deleting a malformed event", "DELETE", () => "/api/events/no%20such", undefined, "id"],
  ["deleting a malformed visitor", "DELETE", () => "/api/events/visitors/no%20such", undefined, "id"],
  ["deleting a malformed registration", "DELETE", () => "/api/events/registrations/no%20such", undefined, "id"],
];

/** A visitor's own registration form, sent anonymously. */
const visitorCases: Case[] = [
  [
    "registration with a bad email",
    "POST",
    () => `/api/events/${event.id}/registrations`,
    { ...person(), email: "anna@" },
    "email",
    key,
  ],
  [
    "registration with a bad phone",
    "POST",
    () => `/api/events/${event.id}/registrations`,
    { ...person(), phone: "call me" },
    "phone",
    key,
  ],
  [
    "registration with a name of the wrong type",
    "POST",
    () => `/api/events/${event.id}/registrations`,
    { ...person(), first_name: ["Анна"] },
    "first_name",
    key,
  ],
  [
    "registration without an email",
    "POST",
    () => `/api/events/${event.id}/registrations`,
    { ...person(), email: undefined },
    "email",
    key,
  ],
  [
    "registration with a bad key",
    "POST",
    () => `/api/events/${event.id}/registrations`,
    person(),
    "idempotency-key",
    { "idempotency-key": "has spaces" },
  ],
];

async function refused(client: Client, [, method, path, body, field, headers = {}]: Case) {
  const before = await written();
  const res = await client.send(method, path(), typeof body === "function" ? body() : body, headers);
  expect(problemOf(res, 400).errors?.map((e) => e.path)).toContain(field);
  expect(await written()).toEqual(before);
}

describe("bad input on every write endpoint", () => {
  it.each(cases)("%s: 400 naming the field, nothing written", async (...c) => refused(organizer, c));

  it.each(visitorCases)("%s: 400 naming the field, nothing written", async (...c) => refused(new Client(), c));

  it("the body must be JSON (415), also when it is on the way to a registration", async () => {
    const res = await organizer.send("POST", `/api/events/${event.id}/registrations`, "first_name=Анна", {
      "content-type": "application/x-www-form-urlencoded",
      ...key,
    });
    problemOf(res, 415);
  });
});
