// Broadcasts: a teacher writes to the students of a subject, region or grade. Each message is
// recorded with the broadcast in one step and sent in the background through the notifications
// queue (by the bot, and by email to those who gave one); a retry with the same key sends nothing.
import { idempotencyConflict, requestHash } from "../../lib/idempotency";
import { notFound } from "../../lib/problem";
import type { Audience, TrainerPorts } from "../ports";
import { assertSubjectsExist } from "./registration";

export interface BroadcastView {
  id: string;
  text: string;
  audience: Audience;
  recipients: number;
  createdAt: string;
  progress: { queued: number; delivered: number; failed: number };
}

export interface Outbox {
  announce(messages: { id: string }[]): Promise<void>;
}

export async function broadcast(
  ports: TrainerPorts & Outbox,
  authorId: string,
  key: string,
  text: string,
  audience: Audience,
  now: number,
): Promise<{ view: BroadcastView; created: boolean }> {
  if (audience.subject !== undefined)
    await assertSubjectsExist(ports.catalogue, [audience.subject], "audience.subject");
  const recorded = await ports.broadcasts.record(
    authorId,
    { idempotencyKey: key, requestHash: await requestHash([text, audience]) },
    text,
    audience,
    now,
  );
  if (!recorded.sameRequest) throw idempotencyConflict();
  const { broadcast: sent, created, messages } = recorded;
  if (messages.length) await ports.announce(messages);
  return { view: await broadcastView(ports, sent.id), created };
}

export async function broadcastView(ports: TrainerPorts, id: string): Promise<BroadcastView> {
  const found = await ports.broadcasts.byId(id);
  if (!found) throw notFound(`No broadcast ${id}.`);
  return {
    id: found.id,
    text: found.text,
    audience: found.audience,
    recipients: found.recipients,
    createdAt: new Date(found.createdAt).toISOString(),
    progress: await ports.broadcasts.progress(id),
  };
}
