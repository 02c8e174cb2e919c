import type { MissingApparatus } from "../../../../worker/gym/standings";
import { m } from "../paraglide/messages";

const APPARATUS: Record<string, () => string> = {
  floor: m.apparatus_floor,
  pommel_horse: m.apparatus_pommel_horse,
  rings: m.apparatus_rings,
  vault: m.apparatus_vault,
  parallel_bars: m.apparatus_parallel_bars,
  horizontal_bar: m.apparatus_horizontal_bar,
  uneven_bars: m.apparatus_uneven_bars,
  balance_beam: m.apparatus_balance_beam,
};

/** An apparatus as people say it; an unknown one (another discipline's) as written, unsnaked. */
export const apparatusName = (id: string) => APPARATUS[id]?.() ?? id.replaceAll("_", " ");

const STATUS: Record<string, () => string> = {
  draft: m.gym_status_draft,
  running: m.gym_status_running,
  paused: m.gym_status_paused,
  finished: m.gym_status_finished,
};
export const competitionStatusName = (status: string) => STATUS[status]?.() ?? status;

export type SeatKind = "difficulty" | "deduction" | "mark";

/** A deduction this large is rare enough to ask the judge whether they meant the execution score. */
export const UNUSUAL_DEDUCTION = 5;

/**
 * What a seat's judge enters, in words that leave no doubt (an E judge types the deduction, not
 * the execution score), and its largest value: a D score (no cap of 10), a deduction, a mark.
 */
export function seatValue(position: string): { kind: SeatKind; label: string; hint: string; max: number } {
  if (position.startsWith("D"))
    return { kind: "difficulty", label: m.judge_value_difficulty(), hint: m.judge_hint_difficulty(), max: 20 };
  if (position.startsWith("E") || position.startsWith("R"))
    return { kind: "deduction", label: m.judge_value_deduction(), hint: m.judge_hint_deduction(), max: 10 };
  return { kind: "mark", label: m.judge_value_mark(), hint: m.judge_hint_mark(), max: 10 };
}

/** What keeps an athlete out of the all-around ranking, apparatus by apparatus. */
export const missingWords = (missing: readonly MissingApparatus[]) =>
  missing
    .map(({ apparatus, reason }) =>
      (reason === "did_not_start" ? m.gym_did_not_start : m.gym_no_score_on)({ apparatus: apparatusName(apparatus) }),
    )
    .join(" · ");
