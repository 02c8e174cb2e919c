// Who may do what in the events area, decided in the Worker before a use case runs. Organizers
// hold `organizer` on `event:<id>` (or everywhere); door staff hold `door` there, which admits
// them to that event's check-in and nothing else (rules.ts DOOR_ROLES).
import type { Context } from "hono";
import { holdsRole, type Role } from "../auth/rules";
import type { AppEnv } from "../env";
import { grantsOf, hasRole, viewerOf } from "../lib/auth";
import { forbidden, unauthorized } from "../lib/problem";
import { DOOR_ROLES, eventScope } from "./rules";
import type { Reach } from "./store";

type Ctx = Context<AppEnv>;

const EVENT_SCOPE = /^event:([A-Za-z0-9_-]+)$/;

/**
 * The events the caller holds one of `roles` for: all (held everywhere, or an admin), or those
 * named by their grants. Read afresh from D1: an event created a moment ago is in it at once.
 */
async function reachFor(c: Ctx, roles: readonly Role[]): Promise<Reach> {
  if (!(await viewerOf(c))) throw unauthorized();
  const grants = await grantsOf(c, { fresh: true });
  if (roles.some((role) => holdsRole(grants, role, "*"))) return "all";
  const events = grants.flatMap((g) =>
    (roles as readonly string[]).includes(g.role) ? (EVENT_SCOPE.exec(g.scope)?.[1] ?? []) : [],
  );
  if (events.length === 0) throw forbidden(`This needs the role ${roles.map((r) => `"${r}"`).join(" or ")}.`);
  return events;
}

/** The events an organizer may list and report on: all (a global organizer, an admin), or those they organize. */
export const reachOf = (c: Ctx) => reachFor(c, ["organizer"]);

/** The events whose door the caller keeps: as door staff or as an organizer. */
export const doorReachOf = (c: Ctx) => reachFor(c, DOOR_ROLES);

/** Whether the caller (anyone, logged in or not) organizes the event. */
export async function organizes(c: Ctx, eventId: string): Promise<boolean> {
  return (await viewerOf(c)) !== null && hasRole(c, "organizer", eventScope(eventId));
}
