import { describe, expect, it } from "vitest";
import { payoutOf, refusalOf, settle, statusChange, toHundredths } from "../../worker/betting/rules";

describe("decimals as integer hundredths", () => {
  it.each([
    [1.85, 185],
    [0.29, 29], // 0.29 × 100 is 28.999999999999996 in binary floating point
    [100.5, 10050],
    [0.01, 1],
    [1_000_000, 100_000_000],
  ])("%d is %d hundredths", (value, hundredths) => {
    expect(toHundredths(value)).toBe(hundredths);
  });

  it.each([0.001, 1.555, 0.105, Math.PI])("%d has more than two decimals", (value) => {
    expect(toHundredths(value)).toBeNull();
  });
});

describe("payouts", () => {
  it("are amount × odds, truncated to whole kopecks", () => {
    expect(payoutOf(10050, 185)).toBe(18592); // 185.925 → 185.92
    expect(payoutOf(1, 185)).toBe(1);
    expect(payoutOf(1000, 300)).toBe(3000);
  });

  it("a first-team win pays, a second-team win does not", () => {
    expect(settle("first_team_won", 1000, 250)).toEqual({ status: "won", payout: 2500 });
    expect(settle("second_team_won", 1000, 250)).toEqual({ status: "lost", payout: 0 });
  });
});

describe("when a bet is refused", () => {
  const open = { status: "not_finished" as const, deadline: 1_000, odds: 185 };

  it("strictly before the deadline it is accepted; at or after it is refused", () => {
    expect(refusalOf(open, 999)).toBeNull();
    expect(refusalOf(open, 1_000)?.reason).toBe("deadline_passed");
    expect(refusalOf(open, 1_001)?.reason).toBe("deadline_passed");
  });

  it("a finished event refuses, even before its deadline", () => {
    expect(refusalOf({ ...open, status: "first_team_won" }, 0)?.reason).toBe("finished");
  });

  it("expected odds that changed refuse with the current odds", () => {
    expect(refusalOf(open, 0, 185)).toBeNull();
    expect(refusalOf(open, 0, 190)).toEqual({ reason: "odds_changed", detail: expect.any(String), currentOdds: 185 });
  });
});

describe("status changes", () => {
  it.each([
    ["not_finished", "not_finished", "none"],
    ["not_finished", "first_team_won", "finish"],
    ["first_team_won", "second_team_won", "correct"],
    ["second_team_won", "not_finished", "reopen"],
  ] as const)("%s → %s is %s", (from, to, kind) => {
    expect(statusChange(from, to)).toBe(kind);
  });
});
