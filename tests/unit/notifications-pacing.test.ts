// A channel's pace: a broadcast through Telegram goes out in waves of at most `perSecond` a second.
import { describe, expect, it } from "vitest";
import { type Clock, inWaves } from "../../worker/notifications/pacing";

/** A clock that moves only when slept on or when the work says it took time. */
function fakeClock() {
  let now = 0;
  const slept: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
  const took = (ms: number) => {
    now += ms;
  };
  return { clock, slept, took };
}

describe("inWaves", () => {
  it("starts at most perSecond items in any second, keeps their order, and does them all", async () => {
    const { clock, slept } = fakeClock();
    const startedAt: number[] = [];
    const results = await inWaves(
      Array.from({ length: 70 }, (_, i) => i),
      25,
      async (i) => {
        startedAt.push(clock.now());
        return i * 2;
      },
      clock,
    );
    expect(results).toEqual(Array.from({ length: 70 }, (_, i) => i * 2));
    for (const t of startedAt) {
      expect(startedAt.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(25);
    }
    expect(slept).toEqual([1000, 1000, 1000]);
  });

  it("waits only for the rest of a second that the wave's own work did not use", async () => {
    const { clock, slept, took } = fakeClock();
    await inWaves([1, 2, 3], 2, async () => took(300), clock);
    // The first wave's two items took 600 ms on this clock, the second's one 300 ms.
    expect(slept).toEqual([400, 700]);
  });

  it("sends everything at once through a channel without a limit", async () => {
    const { clock, slept } = fakeClock();
    const results = await inWaves([1, 2, 3], undefined, async (i) => i, clock);
    expect(results).toEqual([1, 2, 3]);
    expect(slept).toEqual([]);
  });
});
