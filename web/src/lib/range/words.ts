// The range's words for what the API names by code: disciplines, statuses, licence categories,
// weapon states and the licence refusals, in the reader's language.
import type { BOOKING_STATUSES, LICENCE_CATEGORIES, WEAPON_STATES } from "../../../../worker/db/range";
import type { Discipline, LicenceRefusal } from "../../../../worker/range/rules";
import { m } from "../paraglide/messages";

export const DISCIPLINE_WORDS: Record<Discipline, () => string> = {
  air_rifle_10m: m.range_discipline_air_rifle_10m,
  air_pistol_10m: m.range_discipline_air_pistol_10m,
  pistol_25m: m.range_discipline_pistol_25m,
  rifle_50m: m.range_discipline_rifle_50m,
};

export const STATUS_WORDS: Record<(typeof BOOKING_STATUSES)[number], () => string> = {
  pending_payment: m.range_status_pending_payment,
  confirmed: m.range_status_confirmed,
  in_progress: m.range_status_in_progress,
  completed: m.range_status_completed,
  cancelled: m.range_status_cancelled,
  no_show: m.range_status_no_show,
};

export const CATEGORY_WORDS: Record<(typeof LICENCE_CATEGORIES)[number], () => string> = {
  air: m.range_category_air,
  smooth_bore: m.range_category_smooth_bore,
  rifled: m.range_category_rifled,
  pistol: m.range_category_pistol,
};

export const STATE_WORDS: Record<(typeof WEAPON_STATES)[number], () => string> = {
  available: m.range_weapon_state_available,
  maintenance: m.range_weapon_state_maintenance,
  retired: m.range_weapon_state_retired,
};

export const REFUSAL_WORDS: Record<LicenceRefusal, () => string> = {
  licence_missing: m.range_refusal_licence_missing,
  licence_unverified: m.range_refusal_licence_unverified,
  licence_expires: m.range_refusal_licence_expires,
  licence_category: m.range_refusal_licence_category,
};

export const DISCIPLINES = Object.keys(DISCIPLINE_WORDS) as Discipline[];

/** Today as YYYY-MM-DD in the reader's own calendar. */
export function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
