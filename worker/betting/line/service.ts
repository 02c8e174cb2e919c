// The line provider's use cases: events with odds, deadline and outcome, each held by its
// EventLine object; the catalogue in D1 for listing.
import type { BetOrder, EventLine, LineChange, NewLine } from "../../../durable-objects/event-line";
import { createDb, type Db } from "../../db";
import { toPage } from "../../lib/paging";
import { unwrap } from "../../lib/rpc";
import { listAllEvents, upsertCatalogue } from "../bets/store";
import type { BettingEvent, CreateEventRequest } from "../contract";
import { presentEvent } from "../present";

/** The EventLine of one event. */
export function eventLine(env: Env, id: string): DurableObjectStub<EventLine> {
  return env.EVENT_LINE.getByName(id);
}

export async function createEvent(env: Env, input: CreateEventRequest, actorId: string) {
  const id = input.id ?? crypto.randomUUID().slice(0, 8);
  const line: NewLine = {
    title: input.title ?? `${input.first_team} — ${input.second_team}`,
    firstTeam: input.first_team,
    secondTeam: input.second_team,
    odds: input.odds,
    deadline: input.deadline,
    createdBy: actorId,
  };
  const { event, created, line: stored } = unwrap(await eventLine(env, id).create(line));
  // The catalogue learns of a new event before the bookmaker hears it is published: spectators'
  // sockets are admitted by it (lib/sockets.ts). The line's own write-through follows a moment
  // later and changes nothing (by version); should this write fail, that one makes up for it.
  if (created) {
    await upsertCatalogue(createDb(env.DB), stored).catch((error: unknown) =>
      console.error(`betting event ${id}: the catalogue row waits for the line's write-through`, error),
    );
  }
  return { event, created };
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

/** A bettor's bets as the line holds them now (with its title), or none if there is no such line. */
export async function bettorBetsOnLine(env: Env, eventId: string, bettorId: string) {
  return eventLine(env, eventId).bettorBets(bettorId);
}

/** Every event the catalogue knows, newest first. */
export async function listEvents(db: Db, limit: number, cursor?: string) {
  return toPage(await listAllEvents(db, limit, cursor), limit, presentEvent, (row) => row.createdAt);
}
