// The queue's consumer: delivers each message through its channel and records the outcome in
// D1. A failed delivery goes back on the queue with a growing delay until MAX_ATTEMPTS, then it is
// recorded as failed; either way the record says what happened. Nothing here can touch what a
// message announces: a registration is written before its message is even queued.
import { z } from "zod";
import type { Db } from "../db";
import { inWaves } from "./pacing";
import { type Adapters, areaOf, type StoredMessage } from "./port";
import { MAX_ATTEMPTS, retryDelaySeconds } from "./rules";
import { loadMessages, type Outcome, saveOutcomes } from "./store";

/** What goes on the queue: the message's id (its record holds the rest). */
export const QueuedMessage = z.object({ id: z.string().min(1).max(64) });
export type QueuedMessage = z.infer<typeof QueuedMessage>;

/** Each message's text; an Error where its area failed to render (tried again later). */
type Rendered = Map<string, { subject: string; text: string } | Error>;

export async function deliverMessages(batch: MessageBatch<unknown>, db: Db, adapters: Adapters): Promise<void> {
  const queued = new Map<string, Message<unknown>[]>();
  for (const message of batch.messages) {
    const parsed = QueuedMessage.safeParse(message.body);
    if (!parsed.success) {
      console.error(`notifications: unreadable queue message ${message.id}, dropped:`, message.body);
      message.ack();
      continue;
    }
    queued.set(parsed.data.id, [...(queued.get(parsed.data.id) ?? []), message]);
  }
  // A message delivered or given up already (the queue delivers at least once) is not sent again.
  const due = (await loadMessages(db, [...queued.keys()])).filter(
    (m) => m.status === "queued" || m.status === "retrying",
  );
  const rendered = await renderAll(due, adapters);
  const byChannel = Map.groupBy(due, (message) => message.channel);
  const outcomes = (
    await Promise.all(
      [...byChannel].map(([channel, messages]) =>
        inWaves(messages, adapters.channels[channel]?.perSecond, (message) =>
          attempt(message, rendered.get(message.id), adapters),
        ),
      ),
    )
  ).flat();
  await saveOutcomes(db, outcomes, Date.now());

  const retryIn = new Map(outcomes.filter((o) => o.status === "retrying").map((o) => [o.id, o.attempts]));
  for (const [id, messages] of queued) {
    const attempts = retryIn.get(id);
    for (const message of messages) {
      if (attempts === undefined) message.ack();
      else message.retry({ delaySeconds: retryDelaySeconds(attempts) });
    }
  }
}

/** Each area renders its own messages, all of a batch at once. */
async function renderAll(messages: StoredMessage[], { renderers }: Adapters): Promise<Rendered> {
  const rendered: Rendered = new Map();
  for (const [area, ofArea] of Map.groupBy(messages, (m) => areaOf(m.kind))) {
    const render = renderers[area];
    if (!render) continue;
    try {
      for (const [id, text] of await render(ofArea)) rendered.set(id, text);
    } catch (error) {
      console.error(`notifications: rendering ${ofArea.length} ${area} messages failed:`, error);
      for (const m of ofArea) rendered.set(m.id, new Error(`Rendering failed: ${String(error)}`));
    }
  }
  return rendered;
}

async function attempt(
  message: StoredMessage,
  text: { subject: string; text: string } | Error | undefined,
  { channels, renderers }: Adapters,
): Promise<Outcome> {
  const attempts = message.attempts + 1;
  const subject = text instanceof Error ? null : (text?.subject ?? null);
  const outcome = (status: Outcome["status"], error: string | null): Outcome => ({
    id: message.id,
    status,
    attempts,
    error,
    subject,
  });
  /** Another try later, unless this was the last one. */
  const retry = (error: string) => outcome(attempts >= MAX_ATTEMPTS ? "failed" : "retrying", error);

  const channel = channels[message.channel];
  if (!channel) return outcome("failed", `No channel "${message.channel}".`);
  if (text instanceof Error) return retry(text.message);
  if (!text) {
    const why = renderers[areaOf(message.kind)]
      ? "Nothing to say: what it was about no longer exists."
      : `No renderer for ${message.kind}.`;
    return outcome("failed", why);
  }
  try {
    await channel.deliver({ recipient: message.recipient, ...text });
    return outcome("delivered", null);
  } catch (error) {
    console.warn(`notifications: delivering ${message.id} (attempt ${attempts}) failed:`, error);
    return retry(error instanceof Error ? error.message : String(error));
  }
}
