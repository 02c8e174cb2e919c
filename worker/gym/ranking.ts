// Ranking with ties, by the competition's tie-break rule. Places are shared as in sport
// ("1, 2, 2, 4"): athletes still equal after every tie-break share the higher place.
import type { Thousandths } from "./rules";

export type TieBreak = "apparatus_final" | "all_around" | "none";

export interface ApparatusResult {
  athleteId: string;
  final: Thousandths;
  e: Thousandths;
  d: Thousandths;
}

export interface AllAroundResult {
  athleteId: string;
  /** Each apparatus's final, E and D. */
  apparatus: { final: Thousandths; e: Thousandths; d: Thousandths }[];
}

export interface Ranked<T> {
  place: number;
  entry: T;
}

/** Sorts by the keys, highest first, and gives equal keys the same place. */
function rankBy<T>(entries: readonly T[], keys: (entry: T) => number[]): Ranked<T>[] {
  const keyed = entries.map((entry) => ({ entry, key: keys(entry) }));
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) {
      const difference = (b[i] ?? 0) - (a[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  keyed.sort((a, b) => compare(a.key, b.key));
  return keyed.map((k, i) => {
    let first = i;
    while (first > 0 && compare((keyed[first - 1] as (typeof keyed)[number]).key, k.key) === 0) first--;
    return { place: first + 1, entry: k.entry };
  });
}

/** Apparatus finals as at recent World Championships: higher E, then higher D, else shared. */
export function rankApparatus<T extends ApparatusResult>(results: readonly T[], tieBreak: TieBreak): Ranked<T>[] {
  return rankBy(results, (r) => (tieBreak === "none" ? [r.final] : [r.final, r.e, r.d]));
}

/** How many of an all-arounder's best apparatus scores break a tie: 3 of 4 (WAG), else 5 of 6 (MAG). */
export const bestApparatusCountFor = (discipline: string) => (discipline === "WAG" ? 3 : 5);

export interface AllAroundTotals {
  total: Thousandths;
  best: Thousandths;
  e: Thousandths;
  d: Thousandths;
}

export function allAroundTotals(result: AllAroundResult, bestCount: number): AllAroundTotals {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const finals = result.apparatus.map((a) => a.final).sort((a, b) => b - a);
  return {
    total: sum(finals),
    best: sum(finals.slice(0, bestCount)),
    e: sum(result.apparatus.map((a) => a.e)),
    d: sum(result.apparatus.map((a) => a.d)),
  };
}

/**
 * All-around: by the total; ties broken by the sum of the best 5 (men) or 3 (women) apparatus
 * scores, then the total E, then the total D, else shared.
 */
export function rankAllAround(
  results: readonly AllAroundResult[],
  tieBreak: TieBreak,
  bestCount: number,
): Ranked<AllAroundResult & { totals: AllAroundTotals }>[] {
  const withTotals = results.map((r) => ({ ...r, totals: allAroundTotals(r, bestCount) }));
  return rankBy(withTotals, ({ totals: t }) => (tieBreak === "none" ? [t.total] : [t.total, t.best, t.e, t.d]));
}
