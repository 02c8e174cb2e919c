// Who may do what at the range, decided in the Worker before a use case runs. A club's people hold
// their role on `range:<range id>` (or everywhere; admins may do everything):
// - range staff (`range_staff`) keep the club: its armoury, lanes and the target systems' device
//   tokens; they read the day's schedule and the club's bookings, and may cancel one in full.
//   A licence is a person's, not a club's: staff of any club record and verify one.
// - instructors (`instructor`) run the club's sessions: they start them (as the shooter may on
//   arrival), end them, and read the day's schedule. Range staff run no session, so they may
//   neither start nor end one.
// A shooter reaches only their own bookings, licences and statistics.
import type { Context } from "hono";
import { GLOBAL_SCOPE, holdsRole, type Role } from "../auth/rules";
import type { AppEnv } from "../env";
import { assertRole, grantsOf, signedIn } from "../lib/auth";
import { forbidden } from "../lib/problem";

type Ctx = Context<AppEnv>;

export const rangeScope = (rangeId: string) => `range:${rangeId}`;

/** The club's people, whichever their part: the schedule and its bookings. */
const CLUB_PEOPLE: Role[] = ["range_staff", "instructor"];

/** Refuses unless the caller is range staff of the club. */
export const assertStaff = (c: Ctx, rangeId: string) => assertRole(c, "range_staff", rangeScope(rangeId));

/** Refuses unless the caller runs the club's sessions. */
export const assertInstructor = (c: Ctx, rangeId: string) => assertRole(c, "instructor", rangeScope(rangeId));

/** Refuses unless the caller is range staff or an instructor of the club. */
export const assertClubPerson = (c: Ctx, rangeId: string) => assertRole(c, CLUB_PEOPLE, rangeScope(rangeId));

/** Range staff of some club (licences are recorded and checked by any club's staff). */
export async function assertAnyStaff(c: Ctx): Promise<void> {
  const staffOf = (grants: { role: string; scope: string }[]) =>
    holdsRole(grants, "range_staff", GLOBAL_SCOPE) ||
    grants.some((g) => g.role === "range_staff" && g.scope.startsWith("range:"));
  if (staffOf(await grantsOf(c)) || staffOf(await grantsOf(c, { fresh: true }))) return;
  throw forbidden('This needs the role "range_staff" at a range.');
}

/** The record is the caller's own, or the caller passes `check` (a role at the record's club). */
export async function assertOwnOr(
  c: Ctx,
  ownerId: string,
  check: (c: Ctx, rangeId: string) => Promise<void>,
  rangeId: string,
): Promise<void> {
  if (signedIn(c).id === ownerId) return;
  await check(c, rangeId);
}
