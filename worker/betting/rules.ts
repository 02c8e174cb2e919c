// Pure rules of betting: money and odds as integers, when a bet may be accepted, how it settles.
// Money is integer minor units (kopecks); odds are integer hundredths (1.85 → 185). No floats.

/** An event is open, won by one of its teams, or void: it never took place (stakes are returned). */
export const EVENT_STATUSES = ["not_finished", "first_team_won", "second_team_won", "void"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type FinishedStatus = Exclude<EventStatus, "not_finished">;
export type BetStatus = "pending" | "won" | "lost" | "void";

/** Bets are only on a win of the first team. */
export const WINNING_STATUS: FinishedStatus = "first_team_won";

export const MIN_STAKE_MINOR = 1;
export const MAX_STAKE_MINOR = 1_000_000_00;
/** Odds of 1.00 or less would pay back no more than the stake. */
export const MIN_ODDS_HUNDREDTHS = 101;
export const MAX_ODDS_HUNDREDTHS = 1_000_00;

export const fromHundredths = (value: number): number => value / 100;

/** The payout of a winning bet, truncated to whole minor units in the house's favour. */
export function payoutOf(amountMinor: number, oddsHundredths: number): number {
  return Math.floor((amountMinor * oddsHundredths) / 100);
}

export interface LineState {
  status: EventStatus;
  deadline: number;
  odds: number;
}

export type Refusal =
  | { reason: "finished"; detail: string }
  | { reason: "deadline_passed"; detail: string }
  | { reason: "odds_changed"; detail: string; currentOdds: number };

/** Why a bet cannot be accepted now, or null if it can. `now` is the authority's clock. */
export function refusalOf(line: LineState, now: number, expectedOdds?: number): Refusal | null {
  if (line.status !== "not_finished") return { reason: "finished", detail: "The event has finished." };
  if (now >= line.deadline) return { reason: "deadline_passed", detail: "Bets on this event closed at its deadline." };
  if (expectedOdds !== undefined && expectedOdds !== line.odds) {
    return { reason: "odds_changed", detail: "The odds have changed.", currentOdds: line.odds };
  }
  return null;
}

/** What a bet becomes when its event finishes with `status`: won, lost, or void with the stake back. */
export function settle(status: FinishedStatus, amount: number, odds: number): { status: BetStatus; payout: number } {
  if (status === "void") return { status: "void", payout: amount };
  return status === WINNING_STATUS ? { status: "won", payout: payoutOf(amount, odds) } : { status: "lost", payout: 0 };
}

/** A bet's status once its event finished with `status`. */
export const settledStatus = (status: FinishedStatus): BetStatus => settle(status, 0, 0).status;

export type StatusChange = "none" | "finish" | "correct" | "reopen";

/** How a status change is treated: finishing settles, a correction re-settles, reopening is refused. */
export function statusChange(from: EventStatus, to: EventStatus): StatusChange {
  if (from === to) return "none";
  if (from === "not_finished") return "finish";
  return to === "not_finished" ? "reopen" : "correct";
}
