import { describe, expect, it } from "vitest";
import { payoutOf, refusalOf, settle, statusChange } from "../../worker/betting/rules";
import { toUnits } from "../../worker/lib/decimal";

describe("decimals as integer hundredths, checked as they were sent", () => {
  it.each([
    [1.85, 185],
    [0.29, 29], // 0.29 × 100 is 28.999999999999996 in binary floating point
    [100.5, 10050],
    [0.01, 1],
    [7, 700],
    [1_000_000, 100_000_000],
  ])("%d is %d hundredths", (value, hundredths) => {
    expect(toUnits(value, 2)).toBe(hundredths);
  });

  it.each([0.001, 1.555, 0.105, Math.PI, 0.000000002, 250.000000001, 1e21, -1, Number.NaN])(
    "%d is refused: more than two decimals, or not a plain non-negative decimal",
    (value) => {
      expect(toUnits(value, 2)).toBeNull();
    },
  );

  it("thousandths for gym points", () => {
    expect(toUnits(13.6, 3)).toBe(13_600);
    expect(toUnits(0.3, 3)).toBe(300);
    expect(toUnits(9.1234, 3)).toBeNull();
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
