// Reads of the events area in D1 that several use cases share: an event with its places, a
// registration with its event and visitor (the ticket view), the organizer's reach.
import { eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { event, eventCost, registration, visitor } from "../db/schema";
import { notFound } from "../lib/problem";

/**
 * Which events an organizer's grants reach: all of them (a global organizer or an admin), or
 * those they organize. Lists and reports are cut down to it; single records are checked by role.
 */
export type Reach = "all" | string[];

/** The condition "this event is in reach" over an event id column, or undefined for all. */
export function inReach(column: typeof event.id | typeof registration.eventId, reach: Reach) {
  if (reach === "all") return undefined;
  return reach.length ? inArray(column, reach) : sql`0`;
}

/** An event's row: its places taken and its waiting list are columns of it (kept by the registration triggers). */
export type EventView = typeof event.$inferSelect;

export async function findEvent(db: Db, id: string): Promise<EventView> {
  const row = await db.select().from(event).where(eq(event.id, id)).get();
  if (!row) throw notFound(`No event ${id}.`);
  return row;
}

export async function costsOf(db: Db, eventId: string) {
  return db
    .select({ name: eventCost.name, amount: eventCost.amount })
    .from(eventCost)
    .where(eq(eventCost.eventId, eventId))
    .orderBy(eventCost.position);
}

/** A registration as tickets and organizers see it: with its event, its visitor, its place in line. */
const REGISTRATION_VIEW = {
  ...getTableColumns(registration),
  event: {
    title: event.title,
    location: event.location,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    refundFullHours: event.refundFullHours,
    refundLatePercent: event.refundLatePercent,
  },
  // Not visitor.id: it is registration.visitor_id, and two columns named "id" in one row of a D1
  // batch's result would overwrite each other (its rows come back as objects).
  visitor: {
    firstName: visitor.firstName,
    lastName: visitor.lastName,
    email: visitor.email,
    phone: visitor.phone,
    userId: visitor.userId,
  },
  // The event's waiting list less those behind: a newcomer, at the back, counts nobody (counting
  // those ahead read a row per person waiting, on every registration of a rush past the limit).
  waitlistPosition: sql<number | null>`CASE WHEN registration.status = 'waitlisted' THEN event.waitlisted - (
    SELECT COUNT(*) FROM registration w
    WHERE w.event_id = registration.event_id AND w.status = 'waitlisted' AND w.seq > registration.seq) END`,
};

/** Registrations in their view, picked by `where` (ordered and limited by the caller). */
export function registrationsWhere(db: Db, where: SQL | undefined) {
  return db
    .select(REGISTRATION_VIEW)
    .from(registration)
    .innerJoin(event, eq(event.id, registration.eventId))
    .innerJoin(visitor, eq(visitor.id, registration.visitorId))
    .where(where);
}

export type RegistrationView = Awaited<ReturnType<typeof registrationsWhere>>[number];

export async function findRegistration(db: Db, id: string): Promise<RegistrationView> {
  const row = await registrationsWhere(db, eq(registration.id, id)).get();
  if (!row) throw notFound(`No registration ${id}.`);
  return row;
}

/** The registration view by its ticket number, for the door. */
export const byNumber = (db: Db, number: string) => registrationsWhere(db, eq(registration.number, number));
