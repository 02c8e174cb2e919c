// Registration use cases: a visitor registers (anonymous or logged in) or an organizer registers
// a visitor; a registration is cancelled, refunded and its place passed on; paying again.
// Registering is the hot path: one D1 batch (one round trip) writes the visitor, takes a place or
// a spot in line, records the message, and reads back what the caller needs to know which
// happened; nothing is read before it, not even the event.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Viewer } from "../auth/viewer";
import type { Db } from "../db";
import { event, registration, visitor } from "../db/schema";
import { type Bound, batch, nothing, once, raw } from "../lib/batch";
import { idempotencyConflict, requestHash } from "../lib/idempotency";
import { afterCursor, toPage } from "../lib/paging";
import { badRequest, conflict, type FieldError, notFound, Problem } from "../lib/problem";
import {
  cancelRegistration,
  fillFreePlaces,
  INSERT_REGISTRATION,
  matches,
  type NewRegistration,
  type VisitorMatch,
} from "./capacity";
import type { RegisterRequest } from "./contract";
import type { Deps } from "./deps";
import type { RegistrationListQuery } from "./list-queries";
import { RECORD_ARRIVAL, recordNews, recordPromotions } from "./messages";
import { policyOf, presentRegistration, presentTicket } from "./present";
import {
  isCancellable,
  refundOnCancel,
  registrationRefusal,
  searchable,
  settlementRetrySeconds,
  ticketNumber,
} from "./rules";
import { bill, type Owed, queueSettlements, refund, type Settlement } from "./settlement";
import { findRegistration, inReach, type Reach, type RegistrationView, registrationsWhere } from "./store";

/** The registration a request made, or made before it (a retry), by its Idempotency-Key. */
const FOUND_BY_KEY = once((db) =>
  registrationsWhere(
    db,
    and(
      eq(registration.idempotencyScope, sql.placeholder("scope")),
      eq(registration.idempotencyKey, sql.placeholder("key")),
    ),
  ),
);

/** A visitor registering themself: their details saved (an anonymous one never changes a stored visitor; a logged-in one updates their own). */
const SAVE_VISITOR = once(() =>
  raw(sql`INSERT INTO visitor (id, first_name, last_name, phone, email, user_id, search, created_at, updated_at)
    VALUES (${sql.placeholder("id")}, ${sql.placeholder("firstName")}, ${sql.placeholder("lastName")},
      ${sql.placeholder("phone")}, ${sql.placeholder("email")}, ${sql.placeholder("userId")},
      ${sql.placeholder("search")}, ${sql.placeholder("now")}, ${sql.placeholder("now")})
    ON CONFLICT (email) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
      phone = excluded.phone, user_id = excluded.user_id, search = excluded.search, updated_at = excluded.updated_at
    WHERE excluded.user_id IS NOT NULL AND (visitor.user_id IS NULL OR visitor.user_id = excluded.user_id)`),
);

/** A logged-in visitor who gave no details: their stored visitor linked to their account, if it is nobody's yet. */
const LINK_VISITOR = once(() =>
  raw(sql`UPDATE visitor SET user_id = ${sql.placeholder("userId")}, updated_at = ${sql.placeholder("now")}
    WHERE email = ${sql.placeholder("email")} AND user_id IS NULL`),
);

/** A ticket number is drawn at random; on the rare clash with an existing one, another is drawn. */
const NUMBER_DRAWS = 5;

interface Admission {
  eventId: string;
  visitor: VisitorMatch;
  /** Writes the visitor before the registration reads it (for a visitor registering themself). */
  visitorWrite: ((db: Db) => Bound<unknown>) | null;
  /** The refusal when the visitor named does not exist. */
  noVisitor: () => Problem;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
}

/**
 * Registers in one batch (one round trip), then tells from what it read back what happened:
 * created, or the same request again (its first result). Anything else is a refusal, explained
 * by a second look (whyNot). Returns the registration and whether it is new.
 */
async function admit(deps: Deps, a: Admission): Promise<{ view: RegistrationView; created: boolean }> {
  for (let draw = 0; draw < NUMBER_DRAWS; draw++) {
    const id = crypto.randomUUID();
    const now = Date.now();
    const registered: NewRegistration = {
      id,
      number: ticketNumber(crypto.getRandomValues(new Uint8Array(8))),
      eventId: a.eventId,
      visitor: "id" in a.visitor ? a.visitor.id : a.visitor.email,
      idempotencyScope: a.idempotencyScope,
      idempotencyKey: a.idempotencyKey,
      requestHash: a.requestHash,
      now,
    };
    const [, , news, [found]] = await batch(deps.d1, [
      a.visitorWrite ? a.visitorWrite(deps.db) : nothing,
      INSERT_REGISTRATION["id" in a.visitor ? "id" : "email"](deps.db, registered),
      RECORD_ARRIVAL(deps.db, { id, now }),
      FOUND_BY_KEY(deps.db, { scope: a.idempotencyScope, key: a.idempotencyKey }),
    ]);
    if (found) {
      if (found.requestHash !== a.requestHash) throw idempotencyConflict();
      const created = found.id === id;
      if (created) deps.announce(news);
      return { view: found, created };
    }
    await whyNot(deps, a, now);
  }
  throw new Error(`no free ticket number in ${NUMBER_DRAWS} draws`);
}

/**
 * Throws why a registration was not made: no such event, the event not open, no such visitor,
 * the visitor registered already. Returns when none of those holds: the random ticket number
 * drawn was someone else's, and another draw will do.
 */
async function whyNot(deps: Deps, a: Admission, now: number): Promise<void> {
  const diagnosis = await deps.db
    .select({
      status: event.status,
      startsAt: event.startsAt,
      visitorId: sql<string | null>`(SELECT v.id FROM visitor v WHERE ${matches("v", a.visitor)})`,
      registered: sql<number>`EXISTS (SELECT 1 FROM registration r JOIN visitor v ON v.id = r.visitor_id
        WHERE r.event_id = event.id AND ${matches("v", a.visitor)} AND r.status <> 'cancelled')`,
    })
    .from(event)
    .where(eq(event.id, a.eventId))
    .get();
  if (!diagnosis) throw notFound(`No event ${a.eventId}.`);
  const refusal = registrationRefusal(diagnosis, now);
  if (refusal) throw conflict(refusal.detail, { reason: refusal.reason });
  if (!diagnosis.visitorId) throw a.noVisitor();
  if (diagnosis.registered) {
    throw conflict("This visitor is already registered for this event.", { reason: "already_registered" });
  }
}

const required = (fields: string[]): FieldError[] =>
  fields.map((path) => ({ path, code: "required", message: "Required." }));

/**
 * A visitor registering themself. Anonymous, they give every detail; logged in, the registration
 * is theirs: the account's email, their visitor record linked to the account (and updated when
 * they give all the details), and only details the record lacks are required.
 */
function selfAdmission(eventId: string, input: RegisterRequest, viewer: Viewer | null) {
  const { first_name, last_name, phone } = input;
  const details = { first_name, last_name, phone };
  const lacking = Object.entries(details)
    .filter(([, value]) => value === undefined)
    .map(([field]) => field);
  if (!viewer) {
    const missing = input.email === undefined ? [...lacking, "email"] : lacking;
    if (missing.length) throw badRequest(`Give ${missing.join(", ")} to register.`, required(missing));
  }
  const email = viewer ? viewer.email.toLowerCase() : (input.email as string);
  if (viewer && input.email !== undefined && input.email !== email) {
    throw badRequest("Logged in, you register yourself.", [
      { path: "email", code: "invalid_value", message: `Leave email out: you register as ${email}.` },
    ]);
  }
  const now = Date.now();
  const userId = viewer?.id ?? null;
  const visitorWrite =
    first_name !== undefined && last_name !== undefined && phone !== undefined
      ? (db: Db) =>
          SAVE_VISITOR(db, {
            id: crypto.randomUUID(),
            firstName: first_name,
            lastName: last_name,
            phone,
            email,
            userId,
            search: searchable(first_name, last_name, email, phone),
            now,
          })
      : (db: Db) => LINK_VISITOR(db, { userId, now, email });
  return {
    eventId,
    visitor: { email },
    visitorWrite,
    noVisitor: () => badRequest(`Give ${lacking.join(", ")} to register the first time.`, required(lacking)),
    idempotencyScope: viewer ? `user:${viewer.id}` : `email:${email}`,
    details: [email, first_name ?? null, last_name ?? null, phone ?? null],
  };
}

/** Owed money of a registration, from its view. */
const owedOf = (view: RegistrationView): Owed => ({
  id: view.id,
  number: view.number,
  status: view.status,
  price: view.price,
  refundDue: view.refundDue,
  refundAmount: view.refundAmount,
});

/**
 * Charges a registration that awaits payment, now, and returns it as it is afterwards. When the
 * provider cannot be reached, the settlements queue tries again later.
 */
async function billNow(deps: Deps, view: RegistrationView): Promise<{ view: RegistrationView; outcome: Settlement }> {
  if (view.status !== "awaiting_payment") return { view, outcome: "done" };
  const outcome = await bill(deps, owedOf(view));
  if (outcome === "retry") queueSettlements(deps, [view.id], settlementRetrySeconds(1));
  return { view: await findRegistration(deps.db, view.id), outcome };
}

/** A visitor registers; a paid registration is charged at once (the registration stands if that fails). */
export async function register(
  deps: Deps,
  eventId: string,
  input: RegisterRequest,
  viewer: Viewer | null,
  idempotencyKey: string,
) {
  const { details, ...admission } = selfAdmission(eventId, input, viewer);
  const { view, created } = await admit(deps, {
    ...admission,
    idempotencyKey,
    requestHash: await requestHash(["register", eventId, ...details]),
  });
  return { ticket: presentTicket((await billNow(deps, view)).view, Date.now()), created };
}

/** An organizer registers an existing visitor for the event. */
export async function registerVisitor(
  deps: Deps,
  organizerId: string,
  input: { event_id: string; visitor_id: string },
  idempotencyKey: string,
) {
  const { view, created } = await admit(deps, {
    eventId: input.event_id,
    visitor: { id: input.visitor_id },
    visitorWrite: null,
    noVisitor: () => notFound(`No visitor ${input.visitor_id}.`),
    idempotencyScope: `user:${organizerId}`,
    idempotencyKey,
    requestHash: await requestHash(["registerVisitor", input.event_id, input.visitor_id]),
  });
  return { registration: presentRegistration((await billNow(deps, view)).view), created };
}

/** Pays a registration that awaits payment again (after a decline, or before the queue gets to it). */
export async function payNow(deps: Deps, view: RegistrationView) {
  if (view.status !== "awaiting_payment") {
    throw conflict(`Nothing to pay: the registration is ${view.status}.`, { reason: view.status });
  }
  const paid = await billNow(deps, view);
  if (paid.outcome === "stop") {
    throw new Problem(
      402,
      "payment-declined",
      "Payment declined",
      paid.view.paymentError ?? "The payment was declined.",
    );
  }
  if (paid.outcome === "retry") {
    throw new Problem(503, "payment-unavailable", "Payment provider unavailable", "The payment will be tried again.", {
      headers: { "Retry-After": String(settlementRetrySeconds(1)) },
    });
  }
  return presentTicket(paid.view, Date.now());
}

/** Who cancels: the visitor (refund by the event's policy) or an organizer (all, or the amount they say). */
export type Canceller = { by: "visitor" } | { by: "organizer"; refund?: number };

function refundFor(view: RegistrationView, who: Canceller, now: number): number {
  if (who.by === "visitor") return refundOnCancel(policyOf(view.event), view.billedAmount, view.event.startsAt, now);
  if (who.refund === undefined) return view.billedAmount;
  if (who.refund > view.billedAmount) {
    throw badRequest("A refund cannot exceed what was paid.", [
      { path: "refund", code: "too_big", limit: view.billedAmount / 100, message: "At most what was paid." },
    ]);
  }
  return who.refund;
}

/**
 * Cancels the registration and, in the same batch, gives its place to the first in line; then
 * refunds (now if the provider answers, else through the queue) and charges whoever moved up.
 */
export async function cancel(deps: Deps, current: RegistrationView, who: Canceller): Promise<RegistrationView> {
  const { db } = deps;
  let view = current;
  // The registration may change between reading and cancelling (a payment landing): read it again.
  for (let tries = 0; tries < 3; tries++) {
    if (!isCancellable(view.status)) {
      throw conflict(`The registration is ${view.status.replace("_", " ")}: it cannot be cancelled.`, {
        reason: view.status,
      });
    }
    const now = Date.now();
    const refundDue = refundFor(view, who, now);
    const [cancelled, promoted, cancelNews, promotionNews] = await batch(deps.d1, [
      raw<{ id: string }>(
        cancelRegistration({ id: view.id, status: view.status, billed: view.billedAmount, refundDue, now }),
      ),
      raw<{ id: string; price: number }>(fillFreePlaces(view.eventId, now)),
      raw<{ id: string }>(recordNews("cancelled", view.id, now, sql`r.status = 'cancelled'`)),
      raw<{ id: string }>(recordPromotions(view.eventId, now)),
    ]);
    if (cancelled.length) {
      deps.announce([...cancelNews, ...promotionNews]);
      queueSettlements(
        deps,
        promoted.filter((p) => p.price > 0).map((p) => p.id),
      );
      if (refundDue > 0) {
        const outcome = await refund(deps, { ...owedOf(view), status: "cancelled", refundDue });
        if (outcome === "retry") queueSettlements(deps, [view.id], settlementRetrySeconds(1));
      }
      return findRegistration(db, view.id);
    }
    view = await findRegistration(db, view.id);
  }
  throw conflict("The registration kept changing while it was being cancelled: try again.", {
    reason: "kept_changing",
  });
}

export async function listRegistrations(deps: Deps, query: RegistrationListQuery, reach: Reach) {
  const rows = await registrationsWhere(
    deps.db,
    and(
      query.event_id ? eq(registration.eventId, query.event_id) : undefined,
      query.visitor_id ? eq(registration.visitorId, query.visitor_id) : undefined,
      query.status ? eq(registration.status, query.status) : undefined,
      inReach(registration.eventId, reach),
      afterCursor(registration.seq, registration.id, query.cursor, "asc"),
    ),
  )
    .orderBy(asc(registration.seq), asc(registration.id))
    .limit(query.limit);
  return toPage(rows, query.limit, presentRegistration, (row) => row.seq);
}

/** The logged-in person's registrations (their linked visitor record's), newest first, as tickets. */
export async function registrationsOf(deps: Deps, userId: string, limit: number, cursor?: string) {
  const rows = await registrationsWhere(
    deps.db,
    and(eq(visitor.userId, userId), afterCursor(registration.seq, registration.id, cursor, "desc")),
  )
    .orderBy(desc(registration.seq), asc(registration.id))
    .limit(limit);
  const now = Date.now();
  return toPage(
    rows,
    limit,
    (row) => presentTicket(row, now),
    (row) => row.seq,
  );
}
