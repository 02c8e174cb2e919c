// The bet maker's use cases. It reaches the line provider only through the EventLine's public
// interface (line/service.ts); what it lists comes from D1, where the lines write through.
import type { Db } from "../../db";
import { toPage } from "../../lib/paging";
import type { PlaceBetRequest } from "../contract";
import { placeBetOnLine } from "../line/service";
import { presentBet, presentEvent } from "../present";
import { listBettorBets, listOpenEvents } from "./store";

export async function placeBet(env: Env, bettorId: string, input: PlaceBetRequest, idempotencyKey?: string) {
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

export async function betsOf(db: Db, bettorId: string, limit: number, cursor?: string) {
  const rows = await listBettorBets(db, bettorId, limit, cursor);
  return toPage(
    rows,
    limit,
    (row) => presentBet(row, row.eventTitle ?? row.eventId),
    (row) => row.placedAt,
  );
}
