// Helpers of the events tests: organizers, events, registrations through the real Worker, the
// local payment provider's fault switch (a row in D1, as anyone running Podium locally flips it),
// waiting for what the queues do in the background, and the text a PDF download shows.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import type { Event, Registration, Ticket, Visitor } from "../../worker/events/contract";
import { HOLDING_STATUSES } from "../../worker/events/rules";
import { pageTexts } from "../unit/pdf-text";
import { Client, newUser, type Sent } from "./client";
import { grant } from "./grants";

export async function newOrganizer(name = "Organizer") {
  const organizer = await newUser(name);
  await grant(organizer.id, "organizer");
  return organizer;
}

const HOUR = 3_600_000;

export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A published event a week ahead (two hours long) unless told otherwise. */
export async function createEvent(organizer: Client, fields: Record<string, unknown> = {}): Promise<Event> {
  const res = await organizer.post("/api/events", {
    title: "Мастер-класс",
    location: "Москва, Тверская 1",
    starts_at: inHours(24 * 7),
    ends_at: inHours(24 * 7 + 2),
    status: "published",
    ...fields,
  });
  if (res.status !== 201) throw new Error(`creating an event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Event;
}

let people = 0;
/** Details of a new person, each with their own email. */
export function person(label = "guest") {
  const n = ++people;
  return {
    first_name: "Анна",
    last_name: `Гостева-${n}`,
    email: `${label}-${n}-${crypto.randomUUID().slice(0, 6)}@example.com`,
    phone: "+7 916 123-45-67",
  };
}

/** Registers through the public endpoint (anonymous unless `client` is logged in). */
export function register(
  eventId: string,
  details: Record<string, unknown> = person(),
  key: string = crypto.randomUUID(),
  client = new Client(),
): Promise<Sent> {
  return client.post(`/api/events/${eventId}/registrations`, details, { "idempotency-key": key });
}

export async function registered(eventId: string, details?: Record<string, unknown>): Promise<Ticket> {
  const res = await register(eventId, details);
  if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Ticket;
}

export async function createVisitor(organizer: Client, details = person("visitor")): Promise<Visitor> {
  const res = await organizer.post("/api/events/visitors", details);
  if (res.status !== 201) throw new Error(`adding a visitor failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Visitor;
}

export const asTicket = (res: Sent) => res.body as Ticket;
export const asRegistration = (res: Sent) => res.body as Registration;

/** Tells the local payment provider to fail its next `times` calls (0: work again). */
export async function failPayments(mode: "transient" | "decline", times: number) {
  await env.DB.prepare("INSERT OR REPLACE INTO payment_local_fault (id, mode, remaining) VALUES (1, ?, ?)")
    .bind(mode, times)
    .run();
}

/** Rows of a table of this file's D1, for checking what was (or was not) written. */
export async function rows<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results;
}

/**
 * The event's counts of places taken and of people waiting (kept by the registration triggers)
 * are what its registrations say: recounted here by the rule's own statuses.
 */
export async function expectCountsAgree(eventId: string) {
  const holding = HOLDING_STATUSES.map((s) => `'${s}'`).join(", ");
  const [counts] = await rows<{ kept: string; recounted: string }>(
    `SELECT e.places_taken || '/' || e.waitlisted AS kept,
       (SELECT COUNT(*) FROM registration r WHERE r.event_id = e.id AND r.status IN (${holding})) || '/' ||
       (SELECT COUNT(*) FROM registration r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS recounted
     FROM event e WHERE e.id = ?`,
    eventId,
  );
  expect(counts?.kept).toBe(counts?.recounted);
}

/** How many times each value occurs. */
export function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/** Waits (up to `timeout` ms) until `check` stops throwing, e.g. for a queue's consumer to have run. */
export function eventually<T>(what: string, check: () => Promise<T>, timeout = 10_000): Promise<T> {
  return vi.waitFor(
    async () => {
      try {
        return await check();
      } catch (error) {
        throw new Error(`still waiting for ${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    { timeout, interval: 100 },
  );
}

/** Every string the PDF's pages show, in drawing order (read back as tests/unit/pdf-text.ts does). */
export async function pdfTexts(bytes: ArrayBuffer | Uint8Array): Promise<string[]> {
  return (await pageTexts(new Uint8Array(bytes))).flat();
}
