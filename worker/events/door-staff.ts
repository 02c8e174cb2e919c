// An event's door staff: people its organizers give the role `door` on the event (found by the
// email of their Podium account), who may then check tickets in at its door and do nothing else.
// The grants are the platform's own role grants, made and revoked as the admin page does
// (admin/service.ts); the routes close the person's sockets after either, as the admin's do.
import { and, asc, eq } from "drizzle-orm";
import { grantRole, revokeRole } from "../admin/service";
import type { Db } from "../db";
import { roleGrant, user } from "../db/schema";
import { notFound } from "../lib/problem";
import type { DoorStaff } from "./contract";
import { eventScope } from "./rules";
import { findEvent } from "./store";

const DOOR = "door";

const onThisEvent = (eventId: string) => and(eq(roleGrant.role, DOOR), eq(roleGrant.scope, eventScope(eventId)));

const STAFF = {
  grantId: roleGrant.id,
  userId: user.id,
  email: user.email,
  name: user.name,
  grantedAt: roleGrant.createdAt,
};

const present = (row: { userId: string; email: string; name: string; grantedAt: Date }): DoorStaff => ({
  user_id: row.userId,
  email: row.email,
  display_name: row.name,
  granted_at: row.grantedAt.toISOString(),
});

const staffWhere = (db: Db, eventId: string, userId?: string) =>
  db
    .select(STAFF)
    .from(roleGrant)
    .innerJoin(user, eq(user.id, roleGrant.userId))
    .where(and(onThisEvent(eventId), userId === undefined ? undefined : eq(roleGrant.userId, userId)));

/** Who keeps the event's door, in the order they were added (its organizers keep it too, unlisted). */
export async function doorStaffOf(db: Db, eventId: string): Promise<DoorStaff[]> {
  await findEvent(db, eventId);
  const rows = await staffWhere(db, eventId).orderBy(asc(roleGrant.createdAt), asc(user.email));
  return rows.map(present);
}

/** Gives the person with this email the door of the event; idempotent (`created` false when they had it). */
export async function addDoorStaff(
  db: Db,
  eventId: string,
  email: string,
  grantedBy: string,
): Promise<{ staff: DoorStaff; created: boolean }> {
  await findEvent(db, eventId);
  const person = await db
    .select({ id: user.id, email: user.email, name: user.name })
    .from(user)
    .where(eq(user.email, email.toLowerCase()))
    .get();
  if (!person) throw notFound(`No Podium account with the email ${email}: ask them to create one first.`);
  const { grant, created } = await grantRole(db, person.id, { role: DOOR, scope: eventScope(eventId) }, grantedBy);
  return {
    staff: present({ userId: person.id, email: person.email, name: person.name, grantedAt: new Date(grant.createdAt) }),
    created,
  };
}

/** Takes the event's door from the person (their other roles stay); returns them as they were. */
export async function removeDoorStaff(db: Db, eventId: string, userId: string): Promise<DoorStaff> {
  const [found] = await staffWhere(db, eventId, userId);
  if (!found) throw notFound(`${userId} is not door staff of event ${eventId}.`);
  await revokeRole(db, userId, found.grantId);
  return present(found);
}
