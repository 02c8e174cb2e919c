// The safety net behind write-through (cron, every minute): a bet in D1 still pending whose
// event has finished is settled now, so that no bet stays pending even if a write was lost.
import { createDb } from "../db";
import { finishedWithPendingBets, settleEventBets } from "./bets/store";
import type { FinishedStatus } from "./rules";

const EVENTS_PER_RUN = 100;

export async function reconcileBets(env: Env): Promise<number> {
  const db = createDb(env.DB);
  const events = await finishedWithPendingBets(db, EVENTS_PER_RUN);
  let settled = 0;
  for (const event of events) {
    settled += await settleEventBets(db, event.id, event.status as FinishedStatus, event.updatedAt);
  }
  console.log(`betting reconciliation: settled ${settled} pending bets of ${events.length} finished events`);
  return settled;
}
