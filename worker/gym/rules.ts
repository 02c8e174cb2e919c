// The gymnastics scoring engine: pure and exact. Every score is an integer count of
// thousandths of a point (8.466 is 8466); no floating point anywhere. A competition picks a
// schema (how a panel's marks become a score) and a rounding of means (FIG truncates).

export type Thousandths = number;
export type Rounding = "truncate" | "half_up";

export const MAX_SCORE: Thousandths = 10_000;
/** E judges deduct, and neutral deductions are given, in steps of 0.1. */
export const DEDUCTION_STEP: Thousandths = 100;

/** The mean of whole thousandths, to whole thousandths: truncated as FIG does, or half up. */
export function mean(values: readonly Thousandths[], rounding: Rounding): Thousandths {
  if (values.length === 0) throw new RangeError("the mean of no values");
  const sum = values.reduce((a, b) => a + b, 0);
  const n = values.length;
  // All values are non-negative, so flooring is truncating; half-up adds half a unit first.
  return rounding === "truncate" ? Math.floor(sum / n) : Math.floor((2 * sum + n) / (2 * n));
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/**
 * Which of a panel's marks count: with 4 or more, the highest and the lowest are dropped (with
 * 5 the middle 3 count, with 4 the middle 2); with 3 or fewer, all count. FIG panels have 4 or
 * 5 E judges; a panel reduced to 3, 2 or 1 (a judge missing) averages what it has, because
 * dropping extremes from 2 marks would leave nothing.
 */
export function countingMarks(marks: readonly Thousandths[]): { counted: Thousandths[]; dropped: Thousandths[] } {
  const sorted = ascending(marks);
  if (sorted.length < 4) return { counted: sorted, dropped: [] };
  return { counted: sorted.slice(1, -1), dropped: [sorted[0] as number, sorted.at(-1) as number] };
}

/** The tolerance between the E jury's score and the reference score, by the reference score's range. */
export function referenceTolerance(reference: Thousandths): Thousandths {
  if (reference >= 9_600) return 50;
  if (reference >= 9_400) return 100;
  if (reference >= 9_000) return 150;
  if (reference >= 8_500) return 200;
  if (reference >= 8_000) return 300;
  if (reference >= 7_500) return 400;
  return 500;
}

export interface PanelMarks {
  /** The D score the D panel agreed on (FIG); absent in schemas without one. */
  d?: Thousandths | null;
  /** One value per judge: an E deduction (FIG) or a mark out of 10 (drop-extremes schema). */
  marks: Thousandths[];
  /** Reference judges' E deductions (R1, R2), where the panel has them. */
  references?: Thousandths[];
  /** The sum of neutral deductions (out of bounds, time, attire…). */
  neutral?: Thousandths;
}

export interface ScoreBreakdown {
  d: Thousandths;
  e: Thousandths;
  neutral: Thousandths;
  final: Thousandths;
  /** Marks as scores out of 10, the ones that counted and the ones dropped. */
  counted: Thousandths[];
  dropped: Thousandths[];
  /** Where reference judges were present: their score, the tolerance, and whether it applied. */
  reference?: { score: Thousandths; juryScore: Thousandths; tolerance: Thousandths; applied: boolean };
}

export interface Schema {
  id: string;
  /** Whether the panel has a D score. */
  hasD: boolean;
  /** What a judge's value means: a deduction from 10, or the mark itself. */
  judgeValue: "deduction" | "mark";
  compute(marks: PanelMarks, rounding: Rounding): ScoreBreakdown;
}

const finalScore = (d: Thousandths, e: Thousandths, neutral: Thousandths) => Math.max(0, d + e - neutral);

/**
 * FIG artistic gymnastics (MAG and WAG): final = D + E − neutral deductions. Each E judge
 * deducts; the E jury's score is the mean of the counting marks (10 − deduction). With reference
 * judges, if the jury's score differs from the reference score (the mean of R1 and R2) by more
 * than the tolerance for the range the reference score falls in, E is the mean of the two.
 */
export const figArtistic: Schema = {
  id: "fig_artistic",
  hasD: true,
  judgeValue: "deduction",
  compute({ d, marks, references = [], neutral = 0 }, rounding) {
    if (marks.length === 0) throw new RangeError("an E score needs at least one E judge");
    const executionMarks = marks.map((deduction) => MAX_SCORE - deduction);
    const { counted, dropped } = countingMarks(executionMarks);
    const juryScore = mean(counted, rounding);
    let e = juryScore;
    let reference: ScoreBreakdown["reference"];
    if (references.length > 0) {
      const score = mean(
        references.map((deduction) => MAX_SCORE - deduction),
        rounding,
      );
      const tolerance = referenceTolerance(score);
      const applied = Math.abs(juryScore - score) > tolerance;
      if (applied) e = mean([juryScore, score], rounding);
      reference = { score, juryScore, tolerance, applied };
    }
    const dScore = d ?? 0;
    return {
      d: dScore,
      e,
      neutral,
      final: finalScore(dScore, e, neutral),
      counted,
      dropped,
      ...(reference && { reference }),
    };
  },
};

/** The simple schema: judges give marks out of 10; drop the lowest and highest, average the rest. */
export const dropExtremes: Schema = {
  id: "drop_extremes",
  hasD: false,
  judgeValue: "mark",
  compute({ marks, neutral = 0 }, rounding) {
    if (marks.length === 0) throw new RangeError("a score needs at least one mark");
    const { counted, dropped } = countingMarks(marks);
    const e = mean(counted, rounding);
    return { d: 0, e, neutral, final: finalScore(0, e, neutral), counted, dropped };
  },
};

/** Every schema a competition may choose. A new discipline adds its schema here, nothing else. */
export const SCHEMAS = { fig_artistic: figArtistic, drop_extremes: dropExtremes } as const;
export type SchemaId = keyof typeof SCHEMAS;

/**
 * Which vaults count: the first, the mean of two, or both in a FIG qualification (the first for
 * the all-around, the mean of two to rank for the vault final: standings.ts).
 */
export type VaultRule = "first" | "average" | "qualification";

/**
 * The vault score from each vault's final score: in qualification and the all-around the first
 * vault counts ("first"); where two vaults are required, their mean ("average").
 */
export function vaultScore(vaults: readonly Thousandths[], rule: "first" | "average", rounding: Rounding): Thousandths {
  const [first, second] = vaults;
  if (first === undefined) throw new RangeError("no vault scored");
  if (rule === "first") return first;
  if (second === undefined) throw new RangeError("the average of two vaults needs two vaults");
  return mean([first, second], rounding);
}

/** Thousandths as the decimal people read: 8466 → "8.466". */
export function formatScore(score: Thousandths): string {
  return `${Math.floor(score / 1000)}.${String(score % 1000).padStart(3, "0")}`;
}
