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

/** What a seat's judge enters, and its largest value: a D score (no cap of 10), a deduction, a mark. */
export function seatValue(position: string): { label: string; max: number } {
  if (position.startsWith("D")) return { label: m.judge_value_difficulty(), max: 20 };
  if (position.startsWith("E") || position.startsWith("R")) return { label: m.judge_value_deduction(), max: 10 };
  return { label: m.judge_value_mark(), max: 10 };
}
