// Writes what an EventLine owes D1: its catalogue row, new and changed bets, its outcome, its
// audit log. Every write is idempotent, so a flush that fails halfway is simply run again.
import type { Db } from "../../db";
import { insertAudit, settleEventBets, upsertBets, upsertCatalogue } from "../bets/store";
import type { LineStore } from "./store";

/** Bets written per flush; the rest follow at once in the next one. */
const BETS_PER_FLUSH = 2_000;

/** Returns true when more is owed than one flush writes. */
export async function flushToD1(store: LineStore, db: Db, eventId: string): Promise<boolean> {
  const line = store.catalogueOwed();
  if (line) {
    await upsertCatalogue(db, line);
    store.catalogueSynced(line.version);
  }

  const owed = store.betsOwed(BETS_PER_FLUSH, eventId);
  if (owed.length) {
    await upsertBets(
      db,
      owed.map((o) => o.bet),
    );
    store.betsSynced(owed.map((o) => ({ id: o.bet.id, rev: o.rev })));
  }

  // After the bets, so that bets written just now pending are settled too.
  const settlement = store.settlementOwed();
  if (settlement) {
    const settled = await settleEventBets(db, eventId, settlement.status, settlement.at);
    console.log(`event line ${eventId}: outcome ${settlement.status} settled ${settled} bets in D1`);
    store.settlementSynced(settlement.version);
  }

  const audit = store.auditOwed();
  const last = audit.at(-1);
  if (last) {
    await insertAudit(db, eventId, audit);
    store.auditSynced(last.seq);
  }
  return owed.length === BETS_PER_FLUSH;
}
