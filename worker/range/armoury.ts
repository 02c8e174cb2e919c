// Staff's records: licences (entered from the document and verified), the armoury's weapons and
// their state, lanes, and the target systems' device tokens. A lane's object learns its
// discipline when the lane is made, and each token as it is issued or revoked.
import { and, asc, eq, isNull } from "drizzle-orm";
import { rangeDeviceToken, rangeLane, rangeLicence, rangeWeapon, user } from "../db/schema";
import { badRequest, conflict } from "../lib/problem";
import type { DeviceToken } from "./contract";
import type { Deps } from "./deps";
import { issueDeviceToken } from "./device";
import { laneObject } from "./sessions";

const isUniqueViolation = (error: unknown) => String(error).includes("UNIQUE constraint failed");

/** A unique column's clash, as the 409 naming the field. */
async function uniquely<T>(field: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Another record has this ${what}.`, { reason: "duplicate", field });
    throw error;
  }
}

export interface NewLicence {
  user_id: string;
  number: string;
  category: (typeof rangeLicence.$inferInsert)["category"];
  issued_on: string;
  expires_on: string;
}

/** Entered by staff from the document they hold, so verified at once by them. */
export async function recordLicence(deps: Deps, staffId: string, input: NewLicence) {
  const holder = await deps.db.select({ id: user.id }).from(user).where(eq(user.id, input.user_id)).get();
  if (!holder) {
    throw badRequest("No such person.", [{ path: "user_id", code: "not_found", message: "No such person." }]);
  }
  const now = Date.now();
  const row = {
    id: crypto.randomUUID(),
    userId: input.user_id,
    number: input.number,
    category: input.category,
    issuedAt: Date.parse(`${input.issued_on}T00:00:00Z`),
    // Valid through the whole of its last day.
    expiresAt: Date.parse(`${input.expires_on}T00:00:00Z`) + 86_400_000 - 1,
    verifiedBy: staffId,
    verifiedAt: now,
    createdAt: now,
  };
  return uniquely("number", "licence number", () => deps.db.insert(rangeLicence).values(row).returning().get());
}

/** Withdraws (or restores) a licence's verification, e.g. when the document turns out void. */
export async function setVerified(deps: Deps, staffId: string, id: string, verified: boolean) {
  return deps.db
    .update(rangeLicence)
    .set(verified ? { verifiedBy: staffId, verifiedAt: Date.now() } : { verifiedBy: null, verifiedAt: null })
    .where(eq(rangeLicence.id, id))
    .returning()
    .get();
}

export type NewWeapon = Omit<typeof rangeWeapon.$inferInsert, "id" | "state" | "createdAt">;

export function addWeapon(deps: Deps, input: NewWeapon) {
  const row = { ...input, id: crypto.randomUUID(), state: "available" as const, createdAt: Date.now() };
  return uniquely("serial", "serial number", () => deps.db.insert(rangeWeapon).values(row).returning().get());
}

/** Bookings already made keep the weapon; a weapon not available is offered to no new one. */
export async function setWeaponState(
  deps: Deps,
  weapon: typeof rangeWeapon.$inferSelect,
  state: (typeof rangeWeapon.$inferSelect)["state"],
) {
  await deps.db.update(rangeWeapon).set({ state }).where(eq(rangeWeapon.id, weapon.id));
  return { ...weapon, state };
}

export function weaponsOf(deps: Deps, rangeId: string) {
  return deps.db
    .select()
    .from(rangeWeapon)
    .where(eq(rangeWeapon.rangeId, rangeId))
    .orderBy(asc(rangeWeapon.model))
    .all();
}

export type NewLane = Omit<typeof rangeLane.$inferInsert, "id" | "createdAt">;

export async function addLane(deps: Deps, input: NewLane) {
  const lane = await deps.db
    .insert(rangeLane)
    .values({ ...input, id: crypto.randomUUID(), createdAt: Date.now() })
    .returning()
    .get();
  await laneObject(deps, lane.id).configure(lane.rangeId, lane.discipline);
  return lane;
}

const presentToken = (t: typeof rangeDeviceToken.$inferSelect, token?: string): DeviceToken => ({
  id: t.id,
  lane_id: t.laneId,
  label: t.label,
  issued_at: new Date(t.issuedAt).toISOString(),
  revoked_at: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString(),
  ...(token && { token }),
});

/** Issues a token (shown this once); the lane's object accepts it from now on. */
export async function issueToken(deps: Deps, lane: typeof rangeLane.$inferSelect, label: string, staffId: string) {
  const now = Date.now();
  const row = { id: crypto.randomUUID(), laneId: lane.id, label, issuedBy: staffId, issuedAt: now, revokedAt: null };
  const object = laneObject(deps, lane.id);
  await object.configure(lane.rangeId, lane.discipline);
  await object.allowToken(row.id);
  await deps.db.insert(rangeDeviceToken).values(row);
  return presentToken(row, await issueDeviceToken(deps.secret, lane.id, row.id, now));
}

export async function tokensOf(deps: Deps, laneId: string) {
  const rows = await deps.db
    .select()
    .from(rangeDeviceToken)
    .where(eq(rangeDeviceToken.laneId, laneId))
    .orderBy(asc(rangeDeviceToken.issuedAt))
    .all();
  return rows.map((t) => presentToken(t));
}

/** Revokes at the lane's object first: from that moment its shots are refused. Null: no such token. */
export async function revokeToken(deps: Deps, laneId: string, tokenId: string) {
  const mine = and(eq(rangeDeviceToken.id, tokenId), eq(rangeDeviceToken.laneId, laneId));
  if (!(await deps.db.select({ id: rangeDeviceToken.id }).from(rangeDeviceToken).where(mine).get())) return null;
  await laneObject(deps, laneId).revokeToken(tokenId);
  await deps.db
    .update(rangeDeviceToken)
    .set({ revokedAt: Date.now() })
    .where(and(mine, isNull(rangeDeviceToken.revokedAt)));
  const row = await deps.db.select().from(rangeDeviceToken).where(mine).get();
  return row ? presentToken(row) : null;
}
