// Event use cases: create (the creator becomes its organizer), read, list, change, delete. An
// event that people registered for is never deleted: it is cancelled, and everyone is refunded.
import { and, asc, eq, gte, inArray, like, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { event, eventCost, roleGrant } from "../db/schema";
import { batch, nothing, raw } from "../lib/batch";
import { afterCursor, toPage } from "../lib/paging";
import { badRequest, conflict, notFound } from "../lib/problem";
import { cancelAllOf, fillFreePlaces } from "./capacity";
import type { CreateEventRequest, Event, EventDeletion, UpdateEventRequest } from "./contract";
import type { Deps } from "./deps";
import type { EventListQuery } from "./list-queries";
import { recordEventCancelled, recordPromotions } from "./messages";
import { money, presentEvent } from "./present";
import { containing, DRAFT_WITH_REGISTRATIONS, eventScope, searchable, statusChangeRefusal } from "./rules";
import { queueSettlements } from "./settlement";
import { costsOf, type EventView, findEvent, inReach, type Reach } from "./store";

const costRows = (eventId: string, costs: { name: string; amount: number }[]) =>
  costs.map((c, position) => ({ eventId, position, name: c.name, amount: c.amount }));

export async function createEvent(db: Db, input: CreateEventRequest, creatorId: string): Promise<Event> {
  const now = Date.now();
  const row = {
    id: crypto.randomUUID().slice(0, 8),
    title: input.title,
    description: input.description,
    location: input.location,
    startsAt: input.starts_at,
    endsAt: input.ends_at,
    status: input.status,
    visitorLimit: input.visitor_limit,
    price: input.price,
    refundFullHours: input.refund_policy.full_refund_hours,
    refundLatePercent: input.refund_policy.late_refund_percent,
    organizerId: creatorId,
    search: searchable(input.title, input.location),
    createdAt: now,
    updatedAt: now,
  };
  await db.batch([
    db.insert(event).values(row),
    db.insert(roleGrant).values({
      id: crypto.randomUUID(),
      userId: creatorId,
      role: "organizer",
      scope: eventScope(row.id),
      grantedBy: creatorId,
    }),
    ...(input.costs.length ? [db.insert(eventCost).values(costRows(row.id, input.costs))] : []),
  ]);
  return presentEvent({ ...row, taken: 0, waitlisted: 0 }, input.costs);
}

/**
 * One event. A draft is its organizers' only (404 for anyone else, as if it did not exist); its
 * costs are shown to them alone.
 */
export async function readEvent(db: Db, id: string, organizes: boolean): Promise<Event> {
  const row = await findEvent(db, id);
  if (row.status === "draft" && !organizes) throw notFound(`No event ${id}.`);
  return presentEvent(row, organizes ? await costsOf(db, id) : null);
}

/**
 * The public catalogue (no drafts), or with `reach` the events someone manages or keeps the door
 * of (`drafts`: with their drafts).
 */
export async function listEvents(
  db: Db,
  query: EventListQuery,
  reach: Reach | null,
  { drafts = false }: { drafts?: boolean } = {},
) {
  const pattern = query.q && containing(query.q);
  const rows = await db
    .select()
    .from(event)
    .where(
      and(
        drafts ? undefined : ne(event.status, "draft"),
        reach === null ? undefined : inReach(event.id, reach),
        query.status ? eq(event.status, query.status) : undefined,
        query.from !== undefined ? gte(event.startsAt, query.from) : undefined,
        query.to !== undefined ? lt(event.startsAt, query.to) : undefined,
        pattern ? sql`${event.search} LIKE ${pattern} ESCAPE '\\'` : undefined,
        afterCursor(event.startsAt, event.id, query.cursor, "asc"),
      ),
    )
    .orderBy(asc(event.startsAt), asc(event.id))
    .limit(query.limit);
  return toPage(
    rows,
    query.limit,
    (row) => presentEvent(row, null),
    (row) => row.startsAt,
  );
}

/** The messages of the event's guards (migrations 0011_event_limit_guard and 0012_event_draft_guard). */
const LIMIT_GUARD = "visitor_limit below places_taken";
const DRAFT_GUARD = "draft with registrations";

const limitBelowTaken = (taken: number) =>
  conflict(`${taken} people hold places: the visitor limit cannot go below that.`, { reason: "visitor_limit" });

/**
 * Changes an event. Raising the limit (or lifting it) moves the waiting list up at once, in the
 * same batch; it cannot go below the places already taken. Status `cancelled` cancels it.
 */
export async function updateEvent(deps: Deps, id: string, input: UpdateEventRequest): Promise<Event> {
  const { db } = deps;
  const row = await findEvent(db, id);
  const startsAt = input.starts_at ?? row.startsAt;
  const endsAt = input.ends_at ?? row.endsAt;
  if (startsAt >= endsAt) {
    const path = input.ends_at !== undefined ? "ends_at" : "starts_at";
    throw badRequest("The event must end after it starts.", [
      { path, code: "invalid_value", message: "The event must end after it starts." },
    ]);
  }
  if (input.status !== undefined) {
    const refusal = statusChangeRefusal(row.status, input.status, row.taken + row.waitlisted);
    if (refusal) throw conflict(refusal, { reason: "status" });
  }
  if (typeof input.visitor_limit === "number" && input.visitor_limit < row.taken) throw limitBelowTaken(row.taken);
  const now = Date.now();
  const [, promoted, news] = await batch(deps.d1, [
    db
      .update(event)
      .set({
        title: input.title,
        description: input.description,
        location: input.location,
        startsAt: input.starts_at,
        endsAt: input.ends_at,
        visitorLimit: input.visitor_limit,
        price: input.price,
        refundFullHours: input.refund_policy?.full_refund_hours,
        refundLatePercent: input.refund_policy?.late_refund_percent,
        search: searchable(input.title ?? row.title, input.location ?? row.location),
        ...(input.status !== undefined && input.status !== "cancelled" && { status: input.status }),
        updatedAt: now,
      })
      .where(eq(event.id, id)),
    raw<{ id: string; price: number }>(fillFreePlaces(id, now)),
    raw<{ id: string }>(recordPromotions(id, now)),
    input.costs ? db.delete(eventCost).where(eq(eventCost.eventId, id)) : nothing,
    input.costs?.length ? db.insert(eventCost).values(costRows(id, input.costs)) : nothing,
  ]).catch(async (error: unknown) => {
    // Registrations landed since the read above, and a guard refused the change: none of it is written.
    if (String(error).includes(LIMIT_GUARD)) throw limitBelowTaken((await findEvent(db, id)).taken);
    if (String(error).includes(DRAFT_GUARD)) throw conflict(DRAFT_WITH_REGISTRATIONS, { reason: "status" });
    throw error;
  });
  deps.announce(news);
  queueSettlements(
    deps,
    promoted.filter((p) => p.price > 0).map((p) => p.id),
  );
  if (input.status === "cancelled" && row.status !== "cancelled") await cancelEvent(deps, await findEvent(db, id));
  return presentEvent(await findEvent(db, id), await costsOf(db, id));
}

/** Deletes an event nobody registered for; an event with registrations is cancelled instead. */
export async function deleteEvent(deps: Deps, id: string): Promise<EventDeletion> {
  const { db } = deps;
  const [deleted] = await db.batch([
    db
      .delete(event)
      .where(and(eq(event.id, id), sql`NOT EXISTS (SELECT 1 FROM registration r WHERE r.event_id = ${id})`))
      .returning({ id: event.id }),
    // Its organizers' and door staff's grants go with it (they name it, and would outlive it).
    db
      .delete(roleGrant)
      .where(
        and(
          sql`NOT EXISTS (SELECT 1 FROM event WHERE id = ${id})`,
          or(eq(roleGrant.scope, eventScope(id)), like(roleGrant.scope, `${eventScope(id)}/%`)),
        ),
      ),
  ]);
  if (deleted.length) {
    return {
      deleted: true,
      cancelled: false,
      registrations_cancelled: 0,
      refunds: { count: 0, total: 0 },
      event: null,
    };
  }
  return cancelEvent(deps, await findEvent(db, id));
}

/**
 * Cancels the event and every registration of it in one batch; each is owed all it paid, and
 * the refunds go through the settlements queue (there may be thousands).
 */
async function cancelEvent(deps: Deps, row: EventView): Promise<EventDeletion> {
  const refusal = statusChangeRefusal(row.status, "cancelled", 0);
  if (refusal) throw conflict(refusal, { reason: row.status });
  const { db } = deps;
  const now = Date.now();
  const [, cancelled, news] = await batch(deps.d1, [
    db
      .update(event)
      .set({ status: "cancelled", updatedAt: now })
      .where(and(eq(event.id, row.id), inArray(event.status, ["draft", "published"]))),
    raw<{ id: string; billed_amount: number }>(cancelAllOf(row.id, now)),
    raw<{ id: string }>(recordEventCancelled(row.id, now)),
  ]);
  deps.announce(news);
  const owed = cancelled.filter((r) => r.billed_amount > 0);
  queueSettlements(
    deps,
    owed.map((r) => r.id),
  );
  return {
    deleted: false,
    cancelled: true,
    registrations_cancelled: cancelled.length,
    refunds: { count: owed.length, total: money(owed.reduce((sum, r) => sum + r.billed_amount, 0)) },
    event: presentEvent(await findEvent(db, row.id), await costsOf(db, row.id)),
  };
}
