// Pure rules of the range: ISSF scoring from a shot's coordinates, which licence allows which
// weapon, when a lane may be booked, what cancelling refunds, and figures of a group of shots.
// No I/O here.
import type { DISCIPLINES, LICENCE_CATEGORIES } from "../db/range";

export type Discipline = (typeof DISCIPLINES)[number];
export type LicenceCategory = (typeof LICENCE_CATEGORIES)[number];

/** The settings of booking: how far ahead, how long at most, and the claims' grain. */
const BOOKING = {
  horizonDays: 14,
  maxMinutes: 4 * 60,
  /** Bookings hold resources in quarter hours: every lane's slot length is a multiple of it. */
  claimMinutes: 15,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A target face in millimetres. Sizes from the ISSF General Technical Rules (the target
 * specifications of its section 6.3): the diameter of the 10 ring, the width of each ring (half the step between ring
 * diameters) and of the inner ten, and the bullet's diameter the electronic target scores with
 * (4.5 mm for air guns, 5.6 mm for .22 rimfire). A shot scores the ring its bullet hole touches:
 * the centre within ring radius + half the calibre.
 */
export interface TargetFace {
  tenRingDiameter: number;
  ringWidth: number;
  /** The inner ten's diameter; 0 for the 10 m air rifle face, where the inner ten is the 10 dot shot away. */
  innerTenDiameter: number;
  calibre: number;
  /** The black aiming mark's diameter, for drawing the face. */
  blackDiameter: number;
}

export const FACES: Record<Discipline, TargetFace> = {
  // 10 m air rifle: 10 ring (dot) 0.5 mm, 1 ring 45.5 mm, black 30.5 mm (rings 4–9).
  air_rifle_10m: { tenRingDiameter: 0.5, ringWidth: 2.5, innerTenDiameter: 0, calibre: 4.5, blackDiameter: 30.5 },
  // 10 m air pistol: 10 ring 11.5 mm, inner ten 5.0 mm, 1 ring 155.5 mm, black 59.5 mm (rings 7–10).
  air_pistol_10m: { tenRingDiameter: 11.5, ringWidth: 8, innerTenDiameter: 5, calibre: 4.5, blackDiameter: 59.5 },
  // 25 m precision and 50 m pistol target: 10 ring 50 mm, inner ten 25 mm, 1 ring 500 mm, black 200 mm.
  pistol_25m: { tenRingDiameter: 50, ringWidth: 25, innerTenDiameter: 25, calibre: 5.6, blackDiameter: 200 },
  // 50 m rifle: 10 ring 10.4 mm, inner ten 5.0 mm, 1 ring 154.4 mm, black 112.4 mm.
  rifle_50m: { tenRingDiameter: 10.4, ringWidth: 8, innerTenDiameter: 5, calibre: 5.6, blackDiameter: 112.4 },
};

/** The 1 ring's diameter: the face's edge for drawing. */
export const outerDiameter = (face: TargetFace) => face.tenRingDiameter + 18 * face.ringWidth;

export interface Score {
  /** 0 (a miss) to 10. */
  ring: number;
  /** Decimal score in tenths, 0 to 109: each ring split in ten equal parts, truncated, at most 10.9. */
  decimal: number;
  innerTen: boolean;
}

/**
 * The ISSF score of a shot `x`, `y` hundredths of a millimetre from the centre. Decimal scoring
 * (electronic scoring targets, ISSF General Technical Rules): the value falls by 0.1 per tenth of a ring width the bullet's
 * edge lies beyond the 10 ring, from 10.0 where it just touches it; truncated, capped at 10.9.
 * Work is in hundredths of a millimetre (integers), so ring edges are exact.
 */
export function scoreShot(face: TargetFace, x: number, y: number): Score {
  const distance = Math.hypot(x, y);
  const reach = (face.tenRingDiameter / 2 + face.calibre / 2) * 100;
  const width = face.ringWidth * 100;
  // Tenths below 10.0: the bullet's edge beyond the 10 ring, in tenths of a ring width.
  const beyond = Math.ceil(((distance - reach) * 10) / width - 1e-9);
  const decimal = Math.min(109, 100 - beyond);
  if (decimal < 10) return { ring: 0, decimal: 0, innerTen: false };
  const innerReach =
    face.innerTenDiameter > 0
      ? (face.innerTenDiameter / 2 + face.calibre / 2) * 100
      : (face.calibre / 2 - face.tenRingDiameter / 2) * 100;
  return { ring: Math.floor(decimal / 10), decimal, innerTen: distance <= innerReach };
}

export interface LicenceView {
  category: LicenceCategory;
  expiresAt: number;
  verifiedAt: number | null;
}

export type LicenceRefusal = "licence_missing" | "licence_unverified" | "licence_expires" | "licence_category";

/**
 * Why the shooter's licences do not let them shoot weapons needing `category` until `until`, or
 * null when one does. The most telling reason wins: a licence of the category that only lacks
 * verification says so rather than "missing".
 */
export function licenceRefusal(
  licences: LicenceView[],
  category: LicenceCategory,
  until: number,
): LicenceRefusal | null {
  if (licences.length === 0) return "licence_missing";
  const own = licences.filter((l) => l.category === category);
  if (own.length === 0) return "licence_category";
  const verified = own.filter((l) => l.verifiedAt !== null);
  if (verified.length === 0) return "licence_unverified";
  return verified.some((l) => l.expiresAt >= until) ? null : "licence_expires";
}

export const LICENCE_REFUSALS: Record<LicenceRefusal, string> = {
  licence_missing: "You have no licence on file: bring it to the range staff.",
  licence_unverified: "Your licence has not been verified by the range staff yet.",
  licence_expires: "Your licence expires before this slot.",
  licence_category: "Your licence does not allow this weapon.",
};

export interface LaneHours {
  opensAt: number;
  closesAt: number;
  utcOffsetMinutes: number;
  slotMinutes: number;
}

/** The start of a local day (`YYYY-MM-DD` at the lane) as epoch ms. */
export function localDayStart(day: string, utcOffsetMinutes: number): number {
  return Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * MINUTE;
}

/** The slots of a lane's day, as [start, end) epoch ms, from opening to closing. */
export function slotsOfDay(lane: LaneHours, day: string): [number, number][] {
  const start = localDayStart(day, lane.utcOffsetMinutes);
  const slots: [number, number][] = [];
  for (let m = lane.opensAt; m + lane.slotMinutes <= lane.closesAt; m += lane.slotMinutes) {
    slots.push([start + m * MINUTE, start + (m + lane.slotMinutes) * MINUTE]);
  }
  return slots;
}

export type SlotRefusal = "not_a_slot" | "too_long" | "in_the_past" | "too_far_ahead";

/**
 * Why a booking from `startsAt` to `endsAt` does not fit the lane, or null: it must run from one
 * slot boundary to another within one day's hours, start in the future, within the horizon.
 */
export function slotRefusal(lane: LaneHours, startsAt: number, endsAt: number, now: number): SlotRefusal | null {
  const local = startsAt + lane.utcOffsetMinutes * MINUTE;
  const dayStart = local - (((local % DAY) + DAY) % DAY);
  const from = (local - dayStart) / MINUTE;
  const to = from + (endsAt - startsAt) / MINUTE;
  const minutes = to - from;
  if (
    !Number.isInteger(from) ||
    minutes <= 0 ||
    (from - lane.opensAt) % lane.slotMinutes !== 0 ||
    minutes % lane.slotMinutes !== 0 ||
    from < lane.opensAt ||
    to > lane.closesAt
  ) {
    return "not_a_slot";
  }
  if (minutes > BOOKING.maxMinutes) return "too_long";
  if (startsAt <= now) return "in_the_past";
  if (startsAt > now + BOOKING.horizonDays * DAY) return "too_far_ahead";
  return null;
}

export const SLOT_REFUSALS: Record<SlotRefusal, string> = {
  not_a_slot: "Pick whole slots of the lane, within its opening hours on one day.",
  too_long: `A booking lasts at most ${BOOKING.maxMinutes / 60} hours.`,
  in_the_past: "This slot has already begun.",
  too_far_ahead: `Lanes can be booked up to ${BOOKING.horizonDays} days ahead.`,
};

/** The quarter hours a booking holds, as epoch ms of their starts. */
export function claimSlots(startsAt: number, endsAt: number): number[] {
  const step = BOOKING.claimMinutes * MINUTE;
  const slots: number[] = [];
  for (let t = startsAt; t < endsAt; t += step) slots.push(t);
  return slots;
}

/**
 * The refund policy: cancelled 24 hours or more before the start, all that was paid back; later,
 * until the start, half; from the start, nothing. Kopecks, truncated.
 */
export function refundOnCancel(paid: number, startsAt: number, now: number): number {
  if (now < startsAt - 24 * HOUR) return paid;
  if (now < startsAt) return Math.floor(paid / 2);
  return 0;
}

/** Retries of a booking's payment through the queue: 30 s doubling to at most 30 minutes. */
export const paymentRetrySeconds = (attempts: number) => Math.min(30 * 2 ** Math.max(0, attempts - 1), 1800);

export interface ShotSums {
  shots: number;
  decimalSum: number;
  tens: number;
  innerTens: number;
  sumX: number;
  sumY: number;
  sumXx: number;
  sumYy: number;
}

export interface GroupFigures {
  shots: number;
  /** Average decimal score, e.g. 9.84. */
  averageDecimal: number | null;
  tensShare: number | null;
  innerTensShare: number | null;
  /** The mean point of impact, in mm from the centre. */
  centre: { x: number; y: number } | null;
  /**
   * The group's spread: the radial standard deviation about its centre (mm), from sums alone, so a
   * year of shots needs no pass over each shot.
   */
  spread: number | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function groupFigures(s: ShotSums): GroupFigures {
  if (s.shots === 0) {
    return { shots: 0, averageDecimal: null, tensShare: null, innerTensShare: null, centre: null, spread: null };
  }
  const n = s.shots;
  const cx = s.sumX / n;
  const cy = s.sumY / n;
  const variance = Math.max(0, s.sumXx / n - cx * cx + (s.sumYy / n - cy * cy));
  return {
    shots: n,
    averageDecimal: round(s.decimalSum / n / 10, 2),
    tensShare: round(s.tens / n, 4),
    innerTensShare: round(s.innerTens / n, 4),
    centre: { x: round(cx / 100, 2), y: round(cy / 100, 2) },
    spread: round(Math.sqrt(variance) / 100, 2),
  };
}

/** The sums of a group of shots (hundredths of a millimetre, tenths of a score), for groupFigures. */
export function sumShots(
  shots: { x: number; y: number; decimal: number; ring: number; innerTen: boolean }[],
): ShotSums {
  const sums: ShotSums = { shots: 0, decimalSum: 0, tens: 0, innerTens: 0, sumX: 0, sumY: 0, sumXx: 0, sumYy: 0 };
  for (const s of shots) {
    sums.shots++;
    sums.decimalSum += s.decimal;
    sums.tens += s.ring === 10 ? 1 : 0;
    sums.innerTens += s.innerTen ? 1 : 0;
    sums.sumX += s.x;
    sums.sumY += s.y;
    sums.sumXx += s.x * s.x;
    sums.sumYy += s.y * s.y;
  }
  return sums;
}

/** Series of 10 match shots, totalled in tenths (decimal) by their match numbers. */
export function seriesTotals(shots: { matchNumber: number; decimal: number }[]): number[] {
  const totals: number[] = [];
  for (const shot of shots) {
    const series = Math.floor((shot.matchNumber - 1) / 10);
    totals[series] = (totals[series] ?? 0) + shot.decimal;
  }
  return Array.from(totals, (t) => t ?? 0);
}

/** The share of others (0–100) whose value is below `mine`: where one stands among shooters. */
export function percentile(mine: number, everyone: number[]): number | null {
  if (everyone.length === 0) return null;
  const below = everyone.filter((v) => v < mine).length;
  const equal = everyone.filter((v) => v === mine).length;
  return round(((below + equal / 2) / everyone.length) * 100, 1);
}
