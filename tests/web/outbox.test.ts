// The judge's outbox over IndexedDB (fake-indexeddb in Node: the same API the phone's browser
// has; the e2e test runs it in Chromium). What matters: nothing is lost, nothing overtakes.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { type Delivery, flush, Outbox, type OutboxMark, oneAtATime } from "../../web/src/lib/gym/outbox";

let owners = 0;
const freshOutbox = () => Outbox.open(`judge-${++owners}`);
const mark = (clientId: string, position = "E1", value = 800, sessionId = "c.a.floor.1") => ({
  clientId,
  sessionId,
  position,
  value,
  label: "Никита · floor",
});

/** A server that answers each mark as told, recording what it was sent. */
function server(answer: (m: OutboxMark) => Delivery = () => ({ kind: "ack" })) {
  const sent: string[] = [];
  return {
    sent,
    send: async (m: OutboxMark) => {
      sent.push(m.clientId);
      return answer(m);
    },
  };
}

const states = async (outbox: Outbox) => (await outbox.all()).map((m) => [m.clientId, m.state]);

describe("the judge's outbox", () => {
  it("keeps a mark until the server acknowledges it, then sends it no more", async () => {
    const outbox = await freshOutbox();
    await outbox.save(mark("m1"));
    const api = server();
    expect(await flush(outbox, api.send)).toBe(0);
    expect(await states(outbox)).toEqual([["m1", "confirmed"]]);
    await flush(outbox, api.send);
    expect(api.sent).toEqual(["m1"]);
  });

  it("offline, a mark stays saved on the phone and goes with the same id once the network is back", async () => {
    const outbox = await freshOutbox();
    await outbox.save(mark("m1"));
    await outbox.save(mark("m2", "E2"));
    let online = false;
    const api = server(() => (online ? { kind: "ack" } : { kind: "offline" }));
    expect(await flush(outbox, api.send)).toBe(2);
    expect(await states(outbox)).toEqual([
      ["m1", "saved"],
      ["m2", "saved"],
    ]);
    online = true;
    expect(await flush(outbox, api.send)).toBe(0);
    expect(api.sent).toEqual(["m1", "m1", "m2"]);
    expect(await states(outbox)).toEqual([
      ["m1", "confirmed"],
      ["m2", "confirmed"],
    ]);
  });

  it("a mark that may have arrived stays 'sent' and is resent with the same id (the server dedupes)", async () => {
    const outbox = await freshOutbox();
    await outbox.save(mark("m1"));
    let answers = 0;
    const api = server(() => (++answers === 1 ? { kind: "retry" } : { kind: "ack" }));
    expect(await flush(outbox, api.send)).toBe(1);
    expect(await states(outbox)).toEqual([["m1", "sent"]]);
    await flush(outbox, api.send);
    expect(api.sent).toEqual(["m1", "m1"]);
    expect(await states(outbox)).toEqual([["m1", "confirmed"]]);
  });

  it("a correction never overtakes the mark it corrects; an unsent mark is simply replaced", async () => {
    const outbox = await freshOutbox();
    await outbox.save(mark("first", "E1", 800));
    await flush(outbox, server(() => ({ kind: "retry" })).send); // it may have arrived
    await outbox.save(mark("second", "E1", 900));
    await outbox.save(mark("third", "E1", 1_000)); // replaces "second", which never left
    const api = server();
    await flush(outbox, api.send);
    expect(api.sent).toEqual(["first", "third"]);
    expect((await outbox.all()).map((m) => m.value)).toEqual([800, 1_000]);
  });

  it("a mark the server refuses for good is shown with the reason and not resent; the rest still go", async () => {
    const outbox = await freshOutbox();
    await outbox.save(mark("late"));
    await outbox.save(mark("fine", "E2"));
    const api = server((m) =>
      m.clientId === "late" ? { kind: "rejected", problem: "Session closed" } : { kind: "ack" },
    );
    expect(await flush(outbox, api.send)).toBe(0);
    expect(await outbox.all()).toMatchObject([
      { clientId: "late", state: "rejected", problem: "Session closed" },
      { clientId: "fine", state: "confirmed" },
    ]);
    await flush(outbox, api.send);
    expect(api.sent).toEqual(["late", "fine"]);
  });

  it("survives a reload (the database is opened again) and keeps each person's marks apart", async () => {
    const first = await Outbox.open("reload-judge");
    await first.save(mark("kept"));
    await first.remember("tasks", ["task-1"]);
    first.close();
    const again = await Outbox.open("reload-judge");
    expect(await states(again)).toEqual([["kept", "saved"]]);
    expect(await again.recall("tasks")).toEqual(["task-1"]);
    expect(await (await Outbox.open("someone-else")).all()).toEqual([]);
  });
});

describe("flushing one at a time", () => {
  it("runs once more after the current flush when asked meanwhile, however often, and never two at once", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const flushOnce = oneAtATime(async () => {
      most = Math.max(most, ++running);
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    });
    await Promise.all([flushOnce(), flushOnce(), flushOnce()]);
    expect([runs, most]).toEqual([2, 1]);
    await flushOnce();
    expect(runs).toBe(3);
  });
});
