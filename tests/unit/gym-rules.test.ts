// The scoring engine's table. Sources:
//   [CoP]  FIG Code of Points 2025–2028, MAG and WAG: final = D + E − neutral deductions; the E
//          score from the E panel's deductions (10 − deduction), highest and lowest dropped
//          with 5 judges, the middle two with 4; scores to three decimals, truncated.
//   [REF]  FIG reference judges (R1, R2) and their tolerance table, as given in issue #4.
//   [TIE]  FIG Technical Regulations: apparatus finals tie-break (E, then D) and all-around
//          tie-break (best 5 of 6 / best 3 of 4, then E, then D), as given in issue #4.
//   [POD]  Podium's own choices where FIG is silent, stated in worker/gym/rules.ts.
import { describe, expect, it } from "vitest";
import { type AllAroundResult, rankAllAround, rankApparatus } from "../../worker/gym/ranking";
import {
  countingMarks,
  dropExtremes,
  figArtistic,
  formatScore,
  mean,
  referenceTolerance,
  vaultScore,
} from "../../worker/gym/rules";

describe("means to three decimals", () => {
  it.each([
    // [CoP] 8.4666… is published as 8.466: truncated, not rounded.
    [[8_500, 8_400, 8_500], "truncate", 8_466],
    [[8_500, 8_400, 8_500], "half_up", 8_467],
    [[9_000, 9_100, 9_200], "truncate", 9_100],
    // [POD] half-up rounds an exact half up.
    [[9_000, 9_001], "truncate", 9_000],
    [[9_000, 9_001], "half_up", 9_001],
    [[9_999, 9_999, 9_998], "truncate", 9_998],
  ] as const)("mean of %j, %s, is %d", (values, rounding, expected) => {
    expect(mean(values, rounding)).toBe(expected);
  });
});

describe("which marks count", () => {
  it.each([
    // [CoP] 5 E judges: the highest and the lowest are dropped, the middle 3 count.
    [
      [9_200, 9_100, 9_100, 9_000, 8_800],
      [9_000, 9_100, 9_100],
      [8_800, 9_200],
    ],
    // [CoP] 4 E judges: the middle 2 count.
    [
      [9_200, 9_100, 9_000, 8_800],
      [9_000, 9_100],
      [8_800, 9_200],
    ],
    // [POD] 3, 2 or 1 (a judge missing): all count.
    [[9_200, 9_100, 9_000], [9_000, 9_100, 9_200], []],
    [[9_200, 9_000], [9_000, 9_200], []],
    [[9_100], [9_100], []],
    // [CoP] equal extremes: only one of each is dropped.
    [
      [8_000, 8_000, 8_500, 9_000, 9_000],
      [8_000, 8_500, 9_000],
      [8_000, 9_000],
    ],
  ])("of %j, %j count and %j are dropped", (marks, counted, dropped) => {
    expect(countingMarks(marks)).toEqual({ counted, dropped });
  });
});

describe("FIG artistic: D + E − neutral deductions", () => {
  it("5 judges: E is the truncated mean of the middle 3 marks [CoP]", () => {
    // deductions 0.8 0.9 0.9 1.0 1.2 → marks 9.2 9.1 9.1 9.0 8.8 → (9.0+9.1+9.1)/3 = 9.0666…
    const score = figArtistic.compute({ d: 5_400, marks: [800, 900, 900, 1_000, 1_200], neutral: 300 }, "truncate");
    expect(score).toMatchObject({ d: 5_400, e: 9_066, neutral: 300, final: 14_166 });
  });

  it("4 judges: the middle 2 [CoP]", () => {
    expect(figArtistic.compute({ d: 4_000, marks: [1_000, 1_300, 1_100, 900] }, "truncate").e).toBe(8_950);
  });

  it("3 judges: all three [CoP]", () => {
    expect(figArtistic.compute({ d: 4_000, marks: [1_000, 1_100, 1_100] }, "truncate").e).toBe(8_933);
  });

  it("a panel down to 2 judges averages both [POD]", () => {
    expect(figArtistic.compute({ d: 3_000, marks: [700, 1_000] }, "truncate").e).toBe(9_150);
  });

  it("half-up rounding where the competition chooses it [POD]", () => {
    expect(figArtistic.compute({ d: 5_400, marks: [800, 900, 900, 1_000, 1_200] }, "half_up").e).toBe(9_067);
  });

  it("the final is never below zero [CoP]", () => {
    expect(figArtistic.compute({ d: 0, marks: [10_000, 10_000, 10_000], neutral: 500 }, "truncate").final).toBe(0);
  });

  it("no E judge at all is an error, not a zero", () => {
    expect(() => figArtistic.compute({ d: 5_000, marks: [] }, "truncate")).toThrow(RangeError);
  });
});

describe("reference judges' tolerance, at the edges of each band [REF]", () => {
  it.each([
    [10_000, 50],
    [9_600, 50],
    [9_599, 100],
    [9_400, 100],
    [9_399, 150],
    [9_000, 150],
    [8_999, 200],
    [8_500, 200],
    [8_499, 300],
    [8_000, 300],
    [7_999, 400],
    [7_500, 400],
    [7_499, 500],
    [0, 500],
  ])("a reference score of %d allows %d", (reference, tolerance) => {
    expect(referenceTolerance(reference)).toBe(tolerance);
  });
});

describe("reference judges applied [REF]", () => {
  // E jury: deductions 0.5 ×3 → 9.500. R1 and R2 decide the reference score.
  const jury = [500, 500, 500, 500, 500];

  it("a difference equal to the tolerance keeps the jury's score", () => {
    // reference 9.400 (tolerance 0.10): |9.500 − 9.400| = 0.100, not more
    const score = figArtistic.compute({ d: 0, marks: jury, references: [600, 600] }, "truncate");
    expect(score.e).toBe(9_500);
    expect(score.reference).toEqual({ score: 9_400, juryScore: 9_500, tolerance: 100, applied: false });
  });

  it("a difference just over the tolerance gives the mean of the two", () => {
    // R1 0.650, R2 0.652 → reference 9.349 (tolerance 0.15): |9.500 − 9.349| = 0.151 > 0.15,
    // so E = (9.500 + 9.349) / 2 = 9.4245, truncated
    const score = figArtistic.compute({ d: 0, marks: jury, references: [650, 652] }, "truncate");
    expect(score.reference).toMatchObject({ score: 9_349, tolerance: 150, applied: true });
    expect(score.e).toBe(9_424);
  });

  it("a jury far above a low reference score is pulled down", () => {
    // reference 7.000 (tolerance 0.50): |9.500 − 7.000| > 0.5 → (9.500 + 7.000) / 2 = 8.250
    expect(figArtistic.compute({ d: 0, marks: jury, references: [3_000, 3_000] }, "truncate").e).toBe(8_250);
  });

  it("a jury below the reference score beyond the tolerance is pulled up", () => {
    // jury 8.000, reference 9.700 (tolerance 0.05) → 8.850
    const score = figArtistic.compute({ d: 0, marks: [2_000, 2_000, 2_000], references: [300, 300] }, "truncate");
    expect(score.e).toBe(8_850);
  });

  it("the reference score itself is a truncated mean of R1 and R2", () => {
    const score = figArtistic.compute({ d: 0, marks: jury, references: [500, 501] }, "truncate");
    expect(score.reference?.score).toBe(9_499);
  });
});

describe("vault [CoP]", () => {
  it("the first vault counts where the competition says so", () => {
    expect(vaultScore([14_233, 13_900], "first", "truncate")).toBe(14_233);
  });

  it("the average of two vaults, truncated", () => {
    expect(vaultScore([14_233, 13_900], "average", "truncate")).toBe(14_066);
  });

  it("the average of two vaults, half up", () => {
    expect(vaultScore([14_233, 13_900], "average", "half_up")).toBe(14_067);
  });

  it("an average needs both vaults", () => {
    expect(() => vaultScore([14_233], "average", "truncate")).toThrow(RangeError);
  });
});

describe("the drop-extremes schema (the original assignment's)", () => {
  it("drops the lowest and the highest mark and averages the rest", () => {
    expect(dropExtremes.compute({ marks: [8_000, 8_500, 9_000, 9_500, 7_000] }, "truncate")).toMatchObject({
      e: 8_500,
      final: 8_500,
      counted: [8_000, 8_500, 9_000],
      dropped: [7_000, 9_500],
    });
  });

  it("with 3 marks, all count [POD]", () => {
    expect(dropExtremes.compute({ marks: [8_000, 8_100, 8_300] }, "truncate").final).toBe(8_133);
  });
});

describe("ranking an apparatus final [TIE]", () => {
  const r = (athleteId: string, final: number, e: number, d: number) => ({ athleteId, final, e, d });

  it("a tie is broken by the higher E", () => {
    const ranked = rankApparatus([r("a", 14_000, 8_500, 5_500), r("b", 14_000, 8_700, 5_300)], "apparatus_final");
    expect(ranked.map((x) => [x.place, x.entry.athleteId])).toEqual([
      [1, "b"],
      [2, "a"],
    ]);
  });

  it("then by the higher D", () => {
    const ranked = rankApparatus([r("a", 14_000, 8_600, 5_300), r("b", 14_000, 8_600, 5_400)], "apparatus_final");
    expect(ranked[0]?.entry.athleteId).toBe("b");
  });

  it("else the place is shared, and the next place is skipped", () => {
    const ranked = rankApparatus(
      [r("a", 14_000, 8_600, 5_400), r("b", 14_000, 8_600, 5_400), r("c", 13_000, 8_000, 5_000)],
      "apparatus_final",
    );
    expect(ranked.map((x) => x.place)).toEqual([1, 1, 3]);
  });

  it('with "no tie-break" equal totals share the place', () => {
    const ranked = rankApparatus([r("a", 14_000, 8_500, 5_500), r("b", 14_000, 8_700, 5_300)], "none");
    expect(ranked.map((x) => x.place)).toEqual([1, 1]);
  });
});

describe("ranking the all-around [TIE]", () => {
  const aa = (athleteId: string, ...apparatus: [number, number, number][]): AllAroundResult => ({
    athleteId,
    apparatus: apparatus.map(([final, e, d]) => ({ final, e, d })),
  });

  it("is by the total first", () => {
    const ranked = rankAllAround([aa("a", [13_000, 8_000, 5_000]), aa("b", [14_000, 8_000, 6_000])], "all_around", 3);
    expect(ranked.map((x) => x.entry.athleteId)).toEqual(["b", "a"]);
  });

  it("a tied total is broken by the best 3 of 4 (women)", () => {
    const a = aa("a", [14_000, 8_000, 6_000], [13_000, 8_000, 5_000], [13_000, 8_000, 5_000], [12_000, 7_000, 5_000]);
    const b = aa("b", [13_500, 8_000, 5_500], [13_500, 8_000, 5_500], [13_500, 8_000, 5_500], [11_500, 7_000, 4_500]);
    const ranked = rankAllAround([a, b], "all_around", 3);
    expect(ranked.map((x) => [x.place, x.entry.athleteId, x.entry.totals.best])).toEqual([
      [1, "b", 40_500],
      [2, "a", 40_000],
    ]);
  });

  it("the best 5 of 6 for men", () => {
    const six = (low: number, high: number): [number, number, number][] => [
      [high, 8_000, high - 8_000],
      ...Array.from({ length: 4 }, (): [number, number, number] => [14_000, 8_000, 6_000]),
      [low, 8_000, low - 8_000],
    ];
    const ranked = rankAllAround([aa("a", ...six(12_000, 15_000)), aa("b", ...six(11_000, 16_000))], "all_around", 5);
    expect(ranked.map((x) => x.entry.athleteId)).toEqual(["b", "a"]);
  });

  it("then the total E", () => {
    const ranked = rankAllAround([aa("a", [14_000, 8_000, 6_000]), aa("b", [14_000, 8_200, 5_800])], "all_around", 3);
    expect(ranked[0]?.entry.athleteId).toBe("b");
  });

  it("then the total D", () => {
    // Equal totals and equal E: only a neutral deduction tells their D apart.
    const ranked = rankAllAround([aa("a", [14_000, 8_000, 6_000]), aa("b", [14_000, 8_000, 6_300])], "all_around", 3);
    expect(ranked[0]?.entry.athleteId).toBe("b");
  });

  it("else shared", () => {
    const ranked = rankAllAround([aa("a", [14_000, 8_000, 6_000]), aa("b", [14_000, 8_000, 6_000])], "all_around", 3);
    expect(ranked.map((x) => x.place)).toEqual([1, 1]);
  });
});

describe("scores as people read them", () => {
  it.each([
    [8_466, "8.466"],
    [10_000, "10.000"],
    [50, "0.050"],
    [14_166, "14.166"],
  ])("%d is %s", (score, text) => {
    expect(formatScore(score)).toBe(text);
  });
});
