import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Bet, BettingEvent } from "../../worker/betting/contract";
import { eventLine } from "../../worker/betting/line/service";
import { type Client, newUser } from "./client";
import { grant } from "./grants";

export async function newBookmaker() {
  const bookmaker = await newUser("Bookmaker");
  await grant(bookmaker.id, "bookmaker");
  return bookmaker;
}

let counter = 0;
export const uniqueEventId = (label = "ev") => `${label}-${++counter}-${crypto.randomUUID().slice(0, 6)}`;

/** Publishes an event through the API and returns it. */
export async function publish(
  bookmaker: Client,
  fields: { odds?: number; deadline?: string; title?: string; id?: string } = {},
): Promise<BettingEvent> {
  const res = await bookmaker.post("/api/betting/line/events", {
    id: fields.id ?? uniqueEventId(),
    first_team: "Спартак",
    second_team: "ЦСКА",
    ...(fields.title && { title: fields.title }),
    odds: fields.odds ?? 1.85,
    deadline: fields.deadline ?? new Date(Date.now() + 3_600_000).toISOString(),
  });
  if (res.status !== 201) throw new Error(`publishing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as BettingEvent;
}

export async function bet(client: Client, eventId: string, amount: number, headers: Record<string, string> = {}) {
  return client.post("/api/betting/bet", { event_id: eventId, amount }, headers);
}

export const asBet = (body: unknown) => body as Bet;

/** Runs the line's write-through alarms until nothing more is owed to D1. */
export async function drainWriteThrough(eventId: string, maxRuns = 50): Promise<void> {
  const stub = eventLine(env, eventId);
  for (let i = 0; i < maxRuns; i++) {
    if (!(await runDurableObjectAlarm(stub))) return;
  }
  throw new Error(`event line ${eventId} still had an alarm after ${maxRuns} runs`);
}

export async function d1Bets(eventId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM bet WHERE event_id = ? ORDER BY placed_at, id")
    .bind(eventId)
    .all<{ id: string; bettor_id: string; amount: number; odds: number; status: string; payout: number | null }>();
  return results;
}
