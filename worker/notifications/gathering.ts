// Announcing in bursts: the messages recorded by the requests an isolate serves within a short
// window go on the queue in one send, instead of one send per request. A registration rush is
// hundreds of requests a second, each recording a message; one send each is a Queues operation
// and a subrequest apiece in production, and locally (bench:registrations) about 0.9 ms of CPU a
// registration, more than a third of what the registration itself costs. A message waits at most
// GATHER_MS for the next send: nobody notices that in an email.
import { announce, QUEUE_BATCH } from "./service";

/** How long an isolate gathers announcements before it sends them together. */
export const GATHER_MS = 100;

interface Gathering {
  messages: { id: string }[];
  /** Sent already (it filled up before its window ended): its window's end has nothing to send. */
  sent: boolean;
}

/** The gathering that takes the next messages, or null when none is open. */
let open: Gathering | null = null;

/** Opens a gathering, to be sent when its window ends unless it fills up first. */
function gather(queue: Queue, later: (work: Promise<unknown>) => void): Gathering {
  const gathering: Gathering = { messages: [], sent: false };
  later(scheduler.wait(GATHER_MS).then(() => send(queue, gathering)));
  return gathering;
}

async function send(queue: Queue, gathering: Gathering): Promise<void> {
  if (gathering.sent) return;
  gathering.sent = true;
  if (open === gathering) open = null;
  await announce(queue, gathering.messages);
}

/**
 * Puts recorded messages on the queue within GATHER_MS, together with those of the other
 * requests in that time. The request that opens a gathering keeps itself alive until the send
 * (`later`: its waitUntil); the others return at once. Should the isolate end before the send,
 * the messages are still recorded as queued in D1, and the events' safety net (events/reconcile.ts)
 * puts them on the queue once they count as stuck: a message can be late, never lost.
 */
export function announceSoon(queue: Queue, messages: { id: string }[], later: (work: Promise<unknown>) => void): void {
  if (messages.length === 0) return;
  open ??= gather(queue, later);
  open.messages.push(...messages);
  // The request that fills a gathering sends it, with its own queue binding and waitUntil: one
  // request cannot wake another's (workerd refuses I/O on behalf of a different request).
  if (open.messages.length >= QUEUE_BATCH) later(send(queue, open));
}
