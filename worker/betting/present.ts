// Podium's stored betting rows as the API shows them: decimals with two places, ISO times.
import type { Bet, BettingEvent } from "./contract";
import type { Line, StoredBet } from "./line/store";
import { fromHundredths, payoutOf } from "./rules";

const iso = (ms: number) => new Date(ms).toISOString();

export function presentEvent(
  line: Pick<Line, "id" | "title" | "firstTeam" | "secondTeam" | "odds" | "deadline" | "status" | "version">,
): BettingEvent {
  return {
    id: line.id,
    title: line.title,
    first_team: line.firstTeam,
    second_team: line.secondTeam,
    odds: fromHundredths(line.odds),
    deadline: iso(line.deadline),
    status: line.status,
    version: line.version,
  };
}

/** A bet, with the title of its event so that lists of bets can name it. */
export function presentBet(bet: StoredBet, eventTitle: string): Bet {
  return {
    id: bet.id,
    event_id: bet.eventId,
    event_title: eventTitle,
    amount: fromHundredths(bet.amount),
    odds: fromHundredths(bet.odds),
    potential_payout: fromHundredths(payoutOf(bet.amount, bet.odds)),
    status: bet.status,
    payout: bet.payout === null ? null : fromHundredths(bet.payout),
    placed_at: iso(bet.placedAt),
    settled_at: bet.settledAt === null ? null : iso(bet.settledAt),
  };
}
