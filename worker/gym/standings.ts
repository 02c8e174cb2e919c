// Standings from published scores (pure): per apparatus and all-around, ranked by the
// competition's tie-break rule. Vault attempts combine by the competition's vault rule. An
// all-around total exists only with a score on every apparatus of the competition: an athlete
// missing one is listed after the ranked ones, without a place, with what is missing.
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
  /** The head judge set the final in place of the computed one: D + E − ND no longer adds up. */
  overridden?: boolean;
}

/** The secretary's record that an athlete will not compete on an apparatus. */
export interface DidNotStart {
  athleteId: string;
  apparatus: string;
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
  ranking: {
    place: number;
    athleteId: string;
    final: Thousandths;
    e: Thousandths;
    d: Thousandths;
    overridden: boolean;
  }[];
}

/** Why an athlete has no all-around total: an apparatus they did not start, or have no score on yet. */
export interface MissingApparatus {
  apparatus: string;
  reason: "did_not_start" | "no_score";
}

export interface Standings {
  apparatus: ApparatusStanding[];
  /** Whether the competition has an all-around at all (more than one apparatus). */
  hasAllAround: boolean;
  allAround: {
    place: number;
    athleteId: string;
    total: Thousandths;
    e: Thousandths;
    d: Thousandths;
    apparatusCount: number;
  }[];
  /** Athletes with scores on some apparatus but not all: no total, no place; what they have so far. */
  allAroundUnranked: { athleteId: string; subtotal: Thousandths; missing: MissingApparatus[] }[];
}

type Purpose = "apparatus" | "all_around";

/**
 * How the vaults count for a purpose: "first" and "average" serve both (two vaults average only
 * once both are in); "qualification" is FIG's: the first vault for the all-around, the mean of
 * two for the vault final's ranking, which leaves out an athlete with one vault.
 */
function vaultsFor(rule: VaultRule, purpose: Purpose, vaults: number): { rule: "first" | "average" } | null {
  if (rule === "qualification") {
    if (purpose === "all_around") return { rule: "first" };
    return vaults >= 2 ? { rule: "average" } : null;
  }
  return { rule: rule === "average" && vaults >= 2 ? "average" : "first" };
}

type Result = ApparatusResult & { overridden: boolean };

/** One result per athlete on an apparatus: the attempt, or the vaults combined for the purpose. */
function apparatusResults(
  scores: readonly PublishedScore[],
  apparatus: string,
  rules: StandingsRules,
  purpose: Purpose,
): Result[] {
  const byAthlete = new Map<string, PublishedScore[]>();
  for (const s of scores.filter((s) => s.apparatus === apparatus)) {
    byAthlete.set(s.athleteId, [...(byAthlete.get(s.athleteId) ?? []), s]);
  }
  const results: Result[] = [];
  for (const [athleteId, attempts] of byAthlete) {
    const sorted = attempts.sort((a, b) => a.attempt - b.attempt);
    const counting = vaultsFor(rules.vaultRule, purpose, sorted.length);
    if (!counting) continue;
    const counted = counting.rule === "first" ? sorted.slice(0, 1) : sorted.slice(0, 2);
    const meanOf = (values: number[]) => mean(values, rules.rounding);
    results.push({
      athleteId,
      final: vaultScore(
        counted.map((a) => a.final),
        counting.rule,
        rules.rounding,
      ),
      e: meanOf(counted.map((a) => a.e)),
      d: meanOf(counted.map((a) => a.d)),
      overridden: counted.some((a) => a.overridden === true),
    });
  }
  return results;
}

export function standings(
  scores: readonly PublishedScore[],
  rules: StandingsRules,
  didNotStart: readonly DidNotStart[] = [],
): Standings {
  const tieBreakOf = (rule: TieBreak): TieBreak => (rule === "none" ? "none" : "apparatus_final");
  const hasAllAround = rules.apparatus.length > 1;

  const totals = new Map<string, AllAroundResult>();
  for (const apparatus of rules.apparatus) {
    for (const r of apparatusResults(scores, apparatus, rules, "all_around")) {
      const entry = totals.get(r.athleteId) ?? { athleteId: r.athleteId, apparatus: [] };
      entry.apparatus.push({ final: r.final, e: r.e, d: r.d });
      totals.set(r.athleteId, entry);
    }
  }
  const missingOf = (athleteId: string): MissingApparatus[] =>
    rules.apparatus
      .filter((apparatus) => !scores.some((s) => s.athleteId === athleteId && s.apparatus === apparatus))
      .map((apparatus) => ({
        apparatus,
        reason: didNotStart.some((d) => d.athleteId === athleteId && d.apparatus === apparatus)
          ? "did_not_start"
          : "no_score",
      }));
  const entries = hasAllAround ? [...totals.values()] : [];
  const complete = entries.filter((e) => e.apparatus.length === rules.apparatus.length);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  return {
    apparatus: rules.apparatus.map((apparatus) => ({
      apparatus,
      ranking: rankApparatus(apparatusResults(scores, apparatus, rules, "apparatus"), tieBreakOf(rules.tieBreak)).map(
        ({ place, entry }) => ({ place, ...entry }),
      ),
    })),
    hasAllAround,
    allAround: rankAllAround(complete, rules.tieBreak, bestApparatusCountFor(rules.discipline)).map(
      ({ place, entry }) => ({
        place,
        athleteId: entry.athleteId,
        total: entry.totals.total,
        e: entry.totals.e,
        d: entry.totals.d,
        apparatusCount: entry.apparatus.length,
      }),
    ),
    allAroundUnranked: entries
      .filter((e) => e.apparatus.length < rules.apparatus.length)
      .map((e) => ({
        athleteId: e.athleteId,
        subtotal: sum(e.apparatus.map((a) => a.final)),
        missing: missingOf(e.athleteId),
      }))
      .sort((a, b) => b.subtotal - a.subtotal || a.athleteId.localeCompare(b.athleteId)),
  };
}
