// Who may do what at the range, decided in the Worker before a use case runs. Range staff and
// instructors hold `instructor` on `range:<range id>` (or everywhere): they keep that club's
// armoury, lanes and device tokens and run its sessions. A licence is a person's, not a club's:
// staff of any club may record and verify one. A shooter reaches only their own bookings,
// licences and statistics.
import type { Context } from "hono";
import { GLOBAL_SCOPE, holdsRole } from "../auth/rules";
import type { AppEnv } from "../env";
import { assertRole, grantsOf, signedIn } from "../lib/auth";
import { forbidden } from "../lib/problem";

type Ctx = Context<AppEnv>;

export const rangeScope = (rangeId: string) => `range:${rangeId}`;

/** Refuses unless the caller is staff of the club. */
export const assertStaff = (c: Ctx, rangeId: string) => assertRole(c, "instructor", rangeScope(rangeId));

/** Staff of some club (licences are checked by any club's staff). */
export async function assertAnyStaff(c: Ctx): Promise<void> {
  const staffOf = (grants: { role: string; scope: string }[]) =>
    holdsRole(grants, "instructor", GLOBAL_SCOPE) ||
    grants.some((g) => g.role === "instructor" && g.scope.startsWith("range:"));
  if (staffOf(await grantsOf(c)) || staffOf(await grantsOf(c, { fresh: true }))) return;
  throw forbidden('This needs the role "instructor" at a range.');
}

/** The record is the caller's own, or the caller is staff of the club it belongs to. */
export async function assertOwnOrStaff(c: Ctx, ownerId: string, rangeId: string): Promise<void> {
  if (signedIn(c).id === ownerId) return;
  await assertStaff(c, rangeId);
}
