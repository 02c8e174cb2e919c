import type { Bet, BettingEvent } from "../../../../worker/betting/contract";
import { m } from "../paraglide/messages";
import { getLocale } from "../paraglide/runtime";

export const formatMoney = (amount: number) =>
  new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);

export const formatOdds = (odds: number) =>
  new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(odds);

export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** The payout of a win, as the server computes it: truncated to kopecks. */
export function potentialPayout(amount: number, odds: number): number {
  return Math.floor((Math.round(amount * 100) * Math.round(odds * 100)) / 100) / 100;
}

/** The team bets are on: the first (events published before teams were named have none). */
export const backedTeam = (event: BettingEvent) =>
  event.first_team ? m.betting_win_of({ team: event.first_team }) : m.betting_win_of_first();

/** How an event stands or ended, naming the winning team where the event names its teams. */
export function eventStatusName(event: BettingEvent): string {
  switch (event.status) {
    case "not_finished":
      return m.betting_status_not_finished();
    case "first_team_won":
      return event.first_team ? m.betting_team_won({ team: event.first_team }) : m.betting_status_first_team_won();
    case "second_team_won":
      return event.second_team ? m.betting_team_won({ team: event.second_team }) : m.betting_status_second_team_won();
    case "void":
      return m.betting_status_void();
  }
}

const BET_STATUS: Record<Bet["status"], () => string> = {
  pending: m.bet_status_pending,
  won: m.bet_status_won,
  lost: m.bet_status_lost,
  void: m.bet_status_void,
};
export const betStatusName = (status: Bet["status"]) => BET_STATUS[status]();

/** "1:02:03" or "4:05": what is left until a deadline. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}
