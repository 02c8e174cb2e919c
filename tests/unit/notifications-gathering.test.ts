// Announcing in bursts: messages recorded by requests close together go on the queue in one send.
import { describe, expect, it } from "vitest";
import { announceSoon } from "../../worker/notifications/gathering";
import { QUEUE_BATCH } from "../../worker/notifications/service";

/** A queue that records each send (the real one runs in the events tests; here the count matters). */
function recordingQueue() {
  const sends: string[][] = [];
  const queue = {
    sendBatch: async (messages: Iterable<{ body: { id: string } }>) => {
      sends.push([...messages].map((m) => m.body.id));
    },
  } as unknown as Queue;
  return { queue, sends };
}

/** The requests' waitUntil: what each one kept itself alive for. */
function requests() {
  const kept: Promise<unknown>[] = [];
  return { later: (work: Promise<unknown>) => kept.push(work), done: () => Promise.all(kept), kept };
}

describe("announceSoon", () => {
  it("sends the messages of requests within the gathering window together, once each", async () => {
    const { queue, sends } = recordingQueue();
    const { later, done, kept } = requests();
    announceSoon(queue, [{ id: "a" }], later);
    announceSoon(queue, [{ id: "b" }, { id: "c" }], later);
    announceSoon(queue, [], later);
    announceSoon(queue, [{ id: "d" }], later);
    expect(sends).toEqual([]);
    // Only the request that opened the gathering waits for the send.
    expect(kept).toHaveLength(1);
    await done();
    expect(sends).toEqual([["a", "b", "c", "d"]]);
  });

  it("opens a new gathering once the last one is sent", async () => {
    const { queue, sends } = recordingQueue();
    const { later, done } = requests();
    announceSoon(queue, [{ id: "first" }], later);
    await done();
    announceSoon(queue, [{ id: "second" }], later);
    await done();
    expect(sends).toEqual([["first"], ["second"]]);
  });

  it("is sent by the request that fills it, at once; its window's end sends nothing more", async () => {
    const { queue, sends } = recordingQueue();
    const { later, done, kept } = requests();
    const many = Array.from({ length: QUEUE_BATCH }, (_, i) => ({ id: `m${i}` }));
    announceSoon(queue, many.slice(0, 60), later);
    announceSoon(queue, many.slice(60), later);
    // The opener waits for the window; the request that filled it sends it.
    expect(kept).toHaveLength(2);
    await kept[1];
    expect(sends).toEqual([many.map((m) => m.id)]);
    // The next message opens another gathering.
    announceSoon(queue, [{ id: "next" }], later);
    expect(kept).toHaveLength(3);
    await done();
    expect(sends).toEqual([many.map((m) => m.id), ["next"]]);
  });

  it("keeps a failed send from failing the request that waited for it", async () => {
    const queue = {
      sendBatch: async () => {
        throw new Error("queue unavailable");
      },
    } as unknown as Queue;
    const { later, done } = requests();
    announceSoon(queue, [{ id: "x" }], later);
    await expect(done()).resolves.toBeDefined();
  });
});
