// Standings from published scores (pure): per apparatus and all-around, ranked by the
// competition's tie-break rule. Vault attempts combine by the competition's vault rule.
import {
  type AllAroundResult,
  type ApparatusResult,
  bestApparatusCountFor,
  rankAllAround,
  rankApparatus,
  type TieBreak,
} from "./ranking";
import { mean, type Rounding, type Thousandths, type VaultRule, vaultScore } from "./rules";

export interface PublishedScore {
  athleteId: string;
  apparatus: string;
  attempt: number;
  d: Thousandths;
  e: Thousandths;
  final: Thousandths;
}

export interface StandingsRules {
  discipline: string;
  apparatus: string[];
  rounding: Rounding;
  vaultRule: VaultRule;
  tieBreak: TieBreak;
}

export interface ApparatusStanding {
  apparatus: string;
  ranking: { place: number; athleteId: string; final: Thousandths; e: Thousandths; d: Thousandths }[];
}

export interface Standings {
  apparatus: ApparatusStanding[];
  allAround: {
    place: number;
    athleteId: string;
    total: Thousandths;
    e: Thousandths;
    d: Thousandths;
    apparatusCount: number;
  }[];
}

/** One result per athlete and apparatus: the attempt, or the vaults combined by the vault rule. */
function apparatusResults(
  scores: readonly PublishedScore[],
  apparatus: string,
  rules: StandingsRules,
): ApparatusResult[] {
  const byAthlete = new Map<string, PublishedScore[]>();
  for (const s of scores.filter((s) => s.apparatus === apparatus)) {
    byAthlete.set(s.athleteId, [...(byAthlete.get(s.athleteId) ?? []), s]);
  }
  const results: ApparatusResult[] = [];
  for (const [athleteId, attempts] of byAthlete) {
    const sorted = attempts.sort((a, b) => a.attempt - b.attempt);
    // Two vaults average only when both are in; until then the first stands.
    const rule: VaultRule = rules.vaultRule === "average" && sorted.length >= 2 ? "average" : "first";
    const counted = rule === "first" ? sorted.slice(0, 1) : sorted.slice(0, 2);
    results.push({
      athleteId,
      final: vaultScore(
        counted.map((a) => a.final),
        rule,
        rules.rounding,
      ),
      e: mean(
        counted.map((a) => a.e),
        rules.rounding,
      ),
      d: mean(
        counted.map((a) => a.d),
        rules.rounding,
      ),
    });
  }
  return results;
}

export function standings(scores: readonly PublishedScore[], rules: StandingsRules): Standings {
  const perApparatus = rules.apparatus.map((apparatus) => ({
    apparatus,
    results: apparatusResults(scores, apparatus, rules),
  }));
  const tieBreakOf = (rule: TieBreak): TieBreak => (rule === "none" ? "none" : "apparatus_final");

  const allAround = new Map<string, AllAroundResult>();
  for (const { results } of perApparatus) {
    for (const r of results) {
      const entry = allAround.get(r.athleteId) ?? { athleteId: r.athleteId, apparatus: [] };
      entry.apparatus.push({ final: r.final, e: r.e, d: r.d });
      allAround.set(r.athleteId, entry);
    }
  }

  return {
    apparatus: perApparatus.map(({ apparatus, results }) => ({
      apparatus,
      ranking: rankApparatus(results, tieBreakOf(rules.tieBreak)).map(({ place, entry }) => ({ place, ...entry })),
    })),
    allAround: rankAllAround([...allAround.values()], rules.tieBreak, bestApparatusCountFor(rules.discipline)).map(
      ({ place, entry }) => ({
        place,
        athleteId: entry.athleteId,
        total: entry.totals.total,
        e: entry.totals.e,
        d: entry.totals.d,
        apparatusCount: entry.apparatus.length,
      }),
    ),
  };
}
