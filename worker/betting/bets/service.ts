// The bet maker's use cases. It reaches the line provider only through the EventLine's public
// interface (line/service.ts); what it lists comes from D1, where the lines write through.
import type { Db } from "../../db";
import { toPage } from "../../lib/paging";
import { Problem } from "../../lib/problem";
import type { PlaceBetRequest } from "../contract";
import { bettorBetsOnLine, placeBetOnLine } from "../line/service";
import type { StoredBet } from "../line/store";
import { presentBet, presentEvent } from "../present";
import type { RecentBet } from "./recent";
import { listBettorBets, listOpenEvents } from "./store";

const keyReused = () =>
  new Problem(422, "idempotency-key-reused", "Idempotency key reused", "This key was used for a different bet.");

/**
 * Places a bet on its event's line. A key this bettor used before for another request (another
 * event, another amount) is refused before the line is asked; the same request again gets the
 * first bet back from its line.
 */
export async function placeBet(
  env: Env,
  bettorId: string,
  input: PlaceBetRequest,
  idempotencyKey: string | undefined,
  recent: RecentBet[],
) {
  const earlier = idempotencyKey === undefined ? undefined : recent.find((r) => r.key === idempotencyKey);
  if (earlier && (earlier.eventId !== input.event_id || earlier.amount !== input.amount)) throw keyReused();
  return placeBetOnLine(env, input.event_id, {
    bettorId,
    amount: input.amount,
    ...(input.expected_odds !== undefined && { expectedOdds: input.expected_odds }),
    // Without a key a retry is a new bet: the client chose not to make it idempotent.
    idempotencyKey: idempotencyKey ?? `auto:${crypto.randomUUID()}`,
  });
}

export async function openEvents(db: Db, now: number, limit: number, cursor?: string) {
  return toPage(await listOpenEvents(db, now, limit, cursor), limit, presentEvent, (row) => row.deadline);
}

type Listed = StoredBet & { eventTitle: string | null };

/**
 * A bettor's bets, newest first, from D1; the first page also has the bettor's recent bets that
 * their lines have not written to D1 yet (a bet is listed the moment it is accepted).
 */
export async function betsOf(
  env: Env,
  db: Db,
  bettorId: string,
  page: { limit: number; cursor?: string | undefined },
  recent: RecentBet[],
) {
  const stored: Listed[] = await listBettorBets(db, bettorId, page.limit, page.cursor);
  const notYetStored = page.cursor ? [] : recent.filter((r) => !stored.some((row) => row.id === r.betId));
  const events = [...new Set(notYetStored.map((r) => r.eventId))];
  const fromLines = (await Promise.all(events.map((id) => bettorBetsOnLine(env, id, bettorId)))).flatMap(
    ({ bets, title }) => bets.map((bet) => ({ ...bet, eventTitle: title })),
  );
  const byId = new Map([...stored, ...fromLines].map((row) => [row.id, row]));
  const rows = [...byId.values()]
    .sort((a, b) => b.placedAt - a.placedAt || a.id.localeCompare(b.id))
    .slice(0, page.limit);
  return toPage(
    rows,
    page.limit,
    (row) => presentBet(row, row.eventTitle ?? row.eventId),
    (row) => row.placedAt,
  );
}
