// The availability query of the description: for a day, the lanes' free slots and, for each, the
// free weapons of the lane's discipline the shooter's licences allow then. A shooter whose
// licences allow none of it is told why instead.
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { rangeClaim, rangeLane, rangeWeapon } from "../db/schema";
import type { Deps } from "./deps";
import { presentLane, presentWeapon } from "./present";
import {
  claimSlots,
  type Discipline,
  LICENCE_REFUSALS,
  type LicenceRefusal,
  licenceRefusal,
  localDayStart,
  slotRefusal,
  slotsOfDay,
} from "./rules";
import { licencesOf } from "./store";

const DAY = 24 * 3_600_000;

export interface SlotQuery {
  day: string;
  discipline?: Discipline;
  lane_id?: string;
}

export async function freeSlots(deps: Deps, userId: string, query: SlotQuery, now: number) {
  const filters = [
    query.discipline && eq(rangeLane.discipline, query.discipline),
    query.lane_id && eq(rangeLane.id, query.lane_id),
  ].filter((f) => !!f);
  const [lanes, licences] = await Promise.all([
    deps.db
      .select()
      .from(rangeLane)
      .where(and(...filters))
      .orderBy(rangeLane.name)
      .all(),
    licencesOf(deps.db, userId),
  ]);
  if (lanes.length === 0) return { day: query.day, refusal: null, lanes: [] };
  // Local days differ by lane: take a window wide enough for every offset.
  const from = localDayStart(query.day, 14 * 60);
  const to = localDayStart(query.day, -12 * 60) + DAY;
  const weapons = await deps.db
    .select()
    .from(rangeWeapon)
    .where(
      and(
        inArray(rangeWeapon.rangeId, [...new Set(lanes.map((l) => l.rangeId))]),
        inArray(rangeWeapon.discipline, [...new Set(lanes.map((l) => l.discipline))]),
        eq(rangeWeapon.state, "available"),
      ),
    )
    .all();
  const resources = [...lanes.map((l) => `lane:${l.id}`), ...weapons.map((w) => `weapon:${w.id}`)];
  const claims = await deps.db
    .select({ resource: rangeClaim.resource, slot: rangeClaim.slot })
    .from(rangeClaim)
    .where(and(inArray(rangeClaim.resource, resources), gte(rangeClaim.slot, from), lt(rangeClaim.slot, to)))
    .all();
  const held = new Set(claims.map((c) => `${c.resource}@${c.slot}`));
  const free = (resource: string, start: number, end: number) =>
    claimSlots(start, end).every((slot) => !held.has(`${resource}@${slot}`));

  const result = lanes.map((lane) => ({
    lane: presentLane(lane),
    slots: slotsOfDay(lane, query.day)
      .filter(([start, end]) => slotRefusal(lane, start, end, now) === null && free(`lane:${lane.id}`, start, end))
      .map(([start, end]) => {
        const allowed = weapons.filter((w) => {
          if (w.rangeId !== lane.rangeId || w.discipline !== lane.discipline) return false;
          return licenceRefusal(licences, w.licenceCategory, end) === null && free(`weapon:${w.id}`, start, end);
        });
        return {
          starts_at: new Date(start).toISOString(),
          ends_at: new Date(end).toISOString(),
          weapons: allowed.map(presentWeapon),
        };
      })
      .filter((slot) => slot.weapons.length > 0),
  }));
  // Nothing to offer: say so when it is the licence (the first refusal among the lanes' weapons).
  const reason = result.some((l) => l.slots.length > 0)
    ? null
    : (weapons
        .map((w) => licenceRefusal(licences, w.licenceCategory, to))
        .find((why): why is LicenceRefusal => why !== null) ?? null);
  return {
    day: query.day,
    refusal: reason ? { reason, detail: LICENCE_REFUSALS[reason] } : null,
    lanes: result,
  };
}
