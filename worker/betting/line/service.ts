// The line provider's use cases: events with odds, deadline and outcome, each held by its
// EventLine object; the catalogue in D1 for listing.
import type { BetOrder, EventLine, LineChange, NewLine } from "../../../durable-objects/event-line";
import type { Db } from "../../db";
import { toPage } from "../../lib/paging";
import { unwrap } from "../../lib/rpc";
import { listAllEvents } from "../bets/store";
import type { BettingEvent, CreateEventRequest } from "../contract";
import { presentEvent } from "../present";

/** The EventLine of one event. */
export function eventLine(env: Env, id: string): DurableObjectStub<EventLine> {
  return env.EVENT_LINE.getByName(id);
}

export async function createEvent(env: Env, input: CreateEventRequest, actorId: string) {
  const id = input.id ?? crypto.randomUUID().slice(0, 8);
  const line: NewLine = { title: input.title ?? id, odds: input.odds, deadline: input.deadline, createdBy: actorId };
  return unwrap(await eventLine(env, id).create(line));
}

export async function readEvent(env: Env, id: string): Promise<BettingEvent> {
  return unwrap(await eventLine(env, id).read());
}

export async function updateEvent(env: Env, id: string, change: LineChange, actorId: string): Promise<BettingEvent> {
  return unwrap(await eventLine(env, id).update(change, actorId));
}

export async function placeBetOnLine(env: Env, eventId: string, order: BetOrder) {
  return unwrap(await eventLine(env, eventId).placeBet(order));
}

/** Every event the catalogue knows, newest first. */
export async function listEvents(db: Db, limit: number, cursor?: string) {
  return toPage(await listAllEvents(db, limit, cursor), limit, presentEvent, (row) => row.createdAt);
}
