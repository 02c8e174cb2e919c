// A bettor's recent bets, as this browser placed them, kept in a signed cookie beside the session:
// - a list read right after a bet shows it, though the line writes it to D1 a moment later (the
//   list asks those lines for what D1 does not have yet), without slowing the bet itself;
// - an Idempotency-Key is the bettor's, whatever the event: the same key with another request is
//   refused (422) before any line is asked, as payment APIs do.
// It is the browser's memory, so it holds for the client that placed the bets (every API client
// keeps cookies, since the session is one): the last RECENT_BETS, for a day.
import { parse } from "hono/utils/cookie";
import { isLocalOrigin } from "../../auth/better-auth";
import { sign, unsign } from "../../lib/signed";

export interface RecentBet {
  /** The Idempotency-Key it was placed with, if any. */
  key: string | null;
  eventId: string;
  /** Kopecks. */
  amount: number;
  betId: string;
}

const RECENT_BETS = 20;
const KEEP_SECONDS = 24 * 60 * 60;
const PURPOSE = "recent-bets-v2";

/**
 * A bet as the cookie keeps it: a tuple, not an object, since the cookie goes both ways with
 * every bet (v1's named fields made it ~3 KB at 20 bets, a cost paid on the hot path).
 */
type Kept = [betId: string, eventId: string, amount: number, key: string | null];
const kept = (bet: RecentBet): Kept => [bet.betId, bet.eventId, bet.amount, bet.key];
const recentOf = ([betId, eventId, amount, key]: Kept): RecentBet => ({ betId, eventId, amount, key });

const cookieName = (origin: string) => `${isLocalOrigin(origin) ? "" : "__Secure-"}podium.recent_bets`;

/** This bettor's recent bets from the request's cookie; none if it is absent, altered or another bettor's. */
export async function readRecentBets(secret: string, headers: Headers, origin: string, bettorId: string) {
  const value = parse(headers.get("cookie") ?? "")[cookieName(origin)];
  const stored = value ? await unsign<{ bettor: string; bets: Kept[] }>(secret, PURPOSE, value) : null;
  return stored?.bettor === bettorId ? stored.bets.map(recentOf) : [];
}

/** The Set-Cookie that remembers `bet` first among this bettor's recent bets. */
export async function rememberedBet(
  secret: string,
  origin: string,
  bettorId: string,
  recent: RecentBet[],
  bet: RecentBet,
): Promise<string> {
  const bets = [bet, ...recent.filter((r) => r.betId !== bet.betId)].slice(0, RECENT_BETS);
  const value = await sign(secret, PURPOSE, { bettor: bettorId, bets: bets.map(kept) });
  const secure = isLocalOrigin(origin) ? "" : "; Secure";
  return `${cookieName(origin)}=${value}; Path=/api/betting; Max-Age=${KEEP_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}
