// Who may do what in the events area, decided in the Worker before a use case runs. Organizers
// hold `organizer` on `event:<id>` (or everywhere); door staff hold it on `event:<id>/door`,
// which admits them to that event's check-in and nothing else.
import type { Context } from "hono";
import { holdsRole } from "../auth/rules";
import type { AppEnv } from "../env";
import { grantsOf, hasRole, viewerOf } from "../lib/auth";
import { forbidden, unauthorized } from "../lib/problem";
import { eventScope } from "./rules";
import type { Reach } from "./store";

type Ctx = Context<AppEnv>;

const EVENT_SCOPE = /^event:([A-Za-z0-9_-]+)$/;

/**
 * The events an organizer may list and report on: all (a global organizer, an admin), or those
 * they organize. Read afresh from D1: an event created a moment ago is in it at once.
 */
export async function reachOf(c: Ctx): Promise<Reach> {
  if (!(await viewerOf(c))) throw unauthorized();
  const grants = await grantsOf(c, { fresh: true });
  if (holdsRole(grants, "organizer", "*")) return "all";
  const events = grants.flatMap((g) => (g.role === "organizer" ? (EVENT_SCOPE.exec(g.scope)?.[1] ?? []) : []));
  if (events.length === 0) throw forbidden('This needs the role "organizer".');
  return events;
}

/** Whether the caller (anyone, logged in or not) organizes the event. */
export async function organizes(c: Ctx, eventId: string): Promise<boolean> {
  return (await viewerOf(c)) !== null && hasRole(c, "organizer", eventScope(eventId));
}
