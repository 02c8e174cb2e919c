import { describe, expect, it } from "vitest";
import { type PublishedScore, type StandingsRules, standings } from "../../worker/gym/standings";

const rules: StandingsRules = {
  discipline: "WAG",
  apparatus: ["vault", "floor"],
  rounding: "truncate",
  vaultRule: "average",
  tieBreak: "all_around",
};
const score = (athleteId: string, apparatus: string, final: number, attempt = 1): PublishedScore => ({
  athleteId,
  apparatus,
  attempt,
  d: 5_000,
  e: final - 5_000,
  final,
});

describe("standings", () => {
  it("averages two vaults where the rule says so, and the first stands until the second is in", () => {
    const table = standings(
      [score("a", "vault", 14_233), score("a", "vault", 13_900, 2), score("b", "vault", 14_000)],
      rules,
    );
    expect(table.apparatus[0]?.ranking.map((r) => [r.athleteId, r.final])).toEqual([
      ["a", 14_066],
      ["b", 14_000],
    ]);
  });

  it("counts the first vault only where the rule says so", () => {
    const table = standings([score("a", "vault", 14_233), score("a", "vault", 13_900, 2)], {
      ...rules,
      vaultRule: "first",
    });
    expect(table.apparatus[0]?.ranking[0]?.final).toBe(14_233);
  });

  it("sums the apparatus into the all-around and ranks it", () => {
    const table = standings(
      [
        score("a", "vault", 14_000),
        score("a", "floor", 13_000),
        score("b", "vault", 13_500),
        score("b", "floor", 13_600),
      ],
      rules,
    );
    expect(table.allAround.map((r) => [r.place, r.athleteId, r.total, r.apparatusCount])).toEqual([
      [1, "b", 27_100, 2],
      [2, "a", 27_000, 2],
    ]);
  });

  it("an apparatus nobody has done yet has an empty ranking", () => {
    expect(standings([score("a", "vault", 14_000)], rules).apparatus[1]).toEqual({ apparatus: "floor", ranking: [] });
  });
});

describe("the all-around needs a score on every apparatus", () => {
  const wag: StandingsRules = { ...rules, apparatus: ["vault", "uneven_bars", "balance_beam", "floor"] };
  const four = ["vault", "uneven_bars", "balance_beam", "floor"];

  it("14.000 on three apparatus and no floor is not ranked above 10.000 on all four", () => {
    const scores = [
      ...four.slice(0, 3).map((a) => score("three", a, 14_000)),
      ...four.map((a) => score("four", a, 10_000)),
    ];
    const table = standings(scores, wag, [{ athleteId: "three", apparatus: "floor" }]);
    expect(table.allAround.map((r) => [r.place, r.athleteId, r.total])).toEqual([[1, "four", 40_000]]);
    expect(table.allAroundUnranked).toEqual([
      { athleteId: "three", subtotal: 42_000, missing: [{ apparatus: "floor", reason: "did_not_start" }] },
    ]);
  });

  it("an apparatus not yet scored is missing as 'no score yet', not as did-not-start", () => {
    const table = standings([score("a", "vault", 14_000)], wag);
    expect(table.allAroundUnranked[0]?.missing).toEqual([
      { apparatus: "uneven_bars", reason: "no_score" },
      { apparatus: "balance_beam", reason: "no_score" },
      { apparatus: "floor", reason: "no_score" },
    ]);
    expect(table.allAround).toEqual([]);
  });

  it("a competition of one apparatus has no all-around at all", () => {
    const table = standings([score("a", "floor", 13_000)], { ...rules, apparatus: ["floor"] });
    expect(table).toMatchObject({ hasAllAround: false, allAround: [], allAroundUnranked: [] });
    expect(table.apparatus[0]?.ranking).toHaveLength(1);
  });
});

describe("vault for two purposes (FIG qualification)", () => {
  const qualification: StandingsRules = { ...rules, vaultRule: "qualification" };

  it("the first vault counts for the all-around, the mean of two ranks the vault; one vault stays out of that ranking", () => {
    const table = standings(
      [
        score("two", "vault", 14_000),
        score("two", "vault", 13_000, 2),
        score("two", "floor", 12_000),
        score("one", "vault", 14_500),
        score("one", "floor", 12_000),
      ],
      qualification,
    );
    expect(table.apparatus[0]?.ranking.map((r) => [r.place, r.athleteId, r.final])).toEqual([[1, "two", 13_500]]);
    expect(table.allAround.map((r) => [r.place, r.athleteId, r.total])).toEqual([
      [1, "one", 26_500],
      [2, "two", 26_000],
    ]);
  });
});

describe("a final set by the head judge", () => {
  it("is marked as such in the apparatus ranking", () => {
    const table = standings([{ ...score("a", "floor", 13_000), overridden: true }, score("b", "floor", 12_000)], rules);
    expect(table.apparatus[1]?.ranking.map((r) => [r.athleteId, r.overridden])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });
});
