// The capacity authority is D1 itself. Every statement that gives out a place reads the places
// taken in the same statement (D1 runs one statement, and one batch, at a time, each atomically),
// so the limit holds whatever the concurrency, at one round trip per registration. The count is
// the event's own `places_taken` (and `waitlisted`), which the registration table's triggers move
// within the statement that adds a registration or changes its status: a registration reads one
// event row, where counting the event's registrations read a row per place taken (D1 bills rows
// read). (A Durable Object per event would also serialise registrations, but would be a second
// round trip on the hot path, a write-through to D1 for the reports, and a copy of the truth to
// reconcile; D1 is where the registrations must land anyway.)
import { type SQL, sql } from "drizzle-orm";
import { once, raw } from "../lib/batch";

/** How a registration names its visitor: the organizer picks one by id, a visitor gives an email. */
export type VisitorMatch = { id: string } | { email: string };

/** `alias` (a visitor row) is the visitor named. */
export const matches = (alias: string, who: VisitorMatch) =>
  "id" in who ? sql`${sql.raw(alias)}.id = ${who.id}` : sql`${sql.raw(alias)}.email = ${who.email}`;

/** The values of a new registration, bound by name into INSERT_REGISTRATION's placeholders. */
export type NewRegistration = {
  id: string;
  number: string;
  eventId: string;
  /** The visitor's id or email, as the statement chosen names them. */
  visitor: string;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  now: number;
};

const value = (name: keyof NewRegistration) => sql.placeholder(name);

/**
 * Adds the registration if the event is open and the visitor not registered already: confirmed
 * (free) or awaiting payment while a place is free and nobody waits, else on the waiting list.
 * Writes nothing on any conflict (duplicate visitor, reused key, taken number): the caller's
 * reads in the same batch say which.
 */
const insertRegistration = (by: "id" | "email") => sql`
    INSERT INTO registration (id, seq, number, event_id, visitor_id, status, price, idempotency_scope,
      idempotency_key, request_hash, created_at, updated_at)
    SELECT ${value("id")}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM registration), ${value("number")}, e.id, v.id,
      CASE
        WHEN e.visitor_limit IS NOT NULL AND (e.places_taken >= e.visitor_limit OR e.waitlisted > 0)
          THEN 'waitlisted'
        WHEN e.price = 0 THEN 'confirmed'
        ELSE 'awaiting_payment'
      END,
      e.price, ${value("idempotencyScope")}, ${value("idempotencyKey")}, ${value("requestHash")}, ${value("now")},
      ${value("now")}
    FROM event e JOIN visitor v ON v.${sql.raw(by)} = ${value("visitor")}
    WHERE e.id = ${value("eventId")} AND e.status = 'published' AND e.starts_at > ${value("now")}
    ON CONFLICT DO NOTHING`;

/** The insert, built once for each way of naming the visitor (registrations.ts binds a NewRegistration). */
export const INSERT_REGISTRATION = {
  id: once(() => raw(insertRegistration("id"))),
  email: once(() => raw(insertRegistration("email"))),
};

/**
 * Moves the head of the event's waiting list into the free places, in the order they came: the
 * price they registered at decides whether they are confirmed or must now pay. Returns the
 * promoted rows. Nobody moves up for an event that is not open (cancelled, finished, started).
 */
export function fillFreePlaces(eventId: string, now: number): SQL {
  return sql`
    UPDATE registration
    SET status = CASE WHEN price = 0 THEN 'confirmed' ELSE 'awaiting_payment' END, promoted_at = ${now},
      updated_at = ${now}
    WHERE id IN (
      SELECT w.id FROM registration w WHERE w.event_id = ${eventId} AND w.status = 'waitlisted' ORDER BY w.seq
      LIMIT COALESCE((
        SELECT CASE
          WHEN e.status <> 'published' OR e.starts_at <= ${now} THEN 0
          WHEN e.visitor_limit IS NULL THEN -1
          ELSE MAX(0, e.visitor_limit - e.places_taken)
        END FROM event e WHERE e.id = ${eventId}), 0))
    RETURNING id, price`;
}

/**
 * Cancels one registration, if it is still as the caller read it (same status, same amount
 * billed, so the refund computed from them stands). Returns the row when it was cancelled.
 */
export function cancelRegistration(c: {
  id: string;
  status: string;
  billed: number;
  refundDue: number;
  now: number;
}): SQL {
  return sql`
    UPDATE registration SET status = 'cancelled', cancelled_at = ${c.now}, refund_due = ${c.refundDue},
      updated_at = ${c.now}
    WHERE id = ${c.id} AND status = ${c.status} AND billed_amount = ${c.billed}
    RETURNING id`;
}

/** Cancels every live registration of an event that is cancelled now: each is owed all it paid. */
export function cancelAllOf(eventId: string, now: number): SQL {
  return sql`
    UPDATE registration SET status = 'cancelled', cancelled_at = ${now}, refund_due = billed_amount,
      updated_at = ${now}
    WHERE event_id = ${eventId} AND status <> 'cancelled'
      AND (SELECT status FROM event WHERE id = ${eventId}) = 'cancelled'
    RETURNING id, billed_amount`;
}
