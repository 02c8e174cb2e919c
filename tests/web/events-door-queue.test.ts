// The door phone's check-ins over IndexedDB (fake-indexeddb in Node, the API the phone's browser
// has), sent through the judges' outbox flush: nothing lost offline, each sent until answered and
// then never again, each event's check-ins apart, and what the server said kept with them.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { DoorQueue } from "../../web/src/lib/events/door-queue";
import { type Delivery, flush } from "../../web/src/lib/gym/outbox";

let doors = 0;
const freshQueue = (eventId = "ev1") => DoorQueue.open(`door-${++doors}`, eventId);

describe("the door phone's queue", () => {
  it("keeps a check-in made offline and sends it, with the same client id, once the network is back", async () => {
    const queue = await freshQueue();
    const saved = await queue.save("4821-0937", "4821-0937");
    let online = false;
    const sent: string[] = [];
    const send = async (c: { clientId: string }): Promise<Delivery> => {
      sent.push(c.clientId);
      return online ? { kind: "ack" } : { kind: "offline" };
    };
    expect(await flush(queue, send)).toBe(1);
    expect((await queue.all()).map((c) => c.state)).toEqual(["saved"]);
    online = true;
    expect(await flush(queue, send)).toBe(0);
    expect(await flush(queue, send)).toBe(0);
    expect(sent).toEqual([saved.clientId, saved.clientId]);
    expect((await queue.all()).map((c) => c.state)).toEqual(["confirmed"]);
  });

  it("keeps what the server answered: whose ticket, when it was checked in, or why it was refused", async () => {
    const queue = await freshQueue();
    const fine = await queue.save("PODIUM-TICKET:ev1:1111-2222", "1111-2222");
    const twice = await queue.save("3333-4444", "3333-4444");
    await flush(queue, async (c) => {
      if (c.clientId === fine.clientId) {
        await queue.answer(c.clientId, { visitor: "Анна Гостева", checkedInAt: "2026-12-01T18:02:00.000Z" });
        return { kind: "ack" };
      }
      await queue.answer(c.clientId, { checkedInAt: "2026-12-01T17:55:00.000Z" });
      return { kind: "rejected", problem: "already_checked_in" };
    });
    expect(await queue.all()).toMatchObject([
      { clientId: fine.clientId, state: "confirmed", visitor: "Анна Гостева", checkedInAt: "2026-12-01T18:02:00.000Z" },
      {
        clientId: twice.clientId,
        state: "rejected",
        problem: "already_checked_in",
        checkedInAt: "2026-12-01T17:55:00.000Z",
      },
    ]);
  });

  it("survives a reload and keeps each event's check-ins apart", async () => {
    const owner = `door-reload-${++doors}`;
    const first = await DoorQueue.open(owner, "ev1");
    await first.save("1111-2222", "1111-2222");
    first.close();
    const again = await DoorQueue.open(owner, "ev1");
    expect((await again.unconfirmed()).map((c) => c.number)).toEqual(["1111-2222"]);
    expect(await (await DoorQueue.open(owner, "ev2")).all()).toEqual([]);
  });
});
