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
