// Announcing in bursts: the messages recorded by the requests an isolate serves within a few
// milliseconds go on the queue in one send, instead of one send per request. A registration rush
// is hundreds of requests a second, each recording a message; one send each is a Queues operation
// and a subrequest apiece in production, and locally (bench:registrations) about 0.9 ms of CPU a
// registration, more than a third of what the registration itself costs.
import { announce } from "./service";

/** How long an isolate gathers announcements before it sends them together. */
export const GATHER_MS = 20;

/** The messages gathered for the next send, or null when no send is pending. */
let gathered: { id: string }[] | null = null;

/**
 * Puts recorded messages on the queue within GATHER_MS, together with those of the other
 * requests in that time. The request that opens a gathering keeps itself alive until the send
 * (`later`: its waitUntil); the others return at once. Should the isolate end before the send,
 * the messages are still recorded as queued in D1, and the events' safety net (events/reconcile.ts)
 * puts them on the queue once they count as stuck: a message can be late, never lost.
 */
export function announceSoon(queue: Queue, messages: { id: string }[], later: (work: Promise<unknown>) => void): void {
  if (messages.length === 0) return;
  if (gathered) {
    gathered.push(...messages);
    return;
  }
  // A copy: the requests that follow add theirs to it, not to the caller's array.
  const gathering = [...messages];
  gathered = gathering;
  later(
    scheduler.wait(GATHER_MS).then(() => {
      gathered = null;
      return announce(queue, gathering);
    }),
  );
}
