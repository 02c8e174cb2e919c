// What a judge's value means at each seat, which values are valid there, and how a panel's
// marks become a score by the competition's schema (pure). "N" stands for the head judge's
// neutral deductions, checked like a seat's value.
import { type Refused, refuse } from "../lib/rpc";
import { DEDUCTION_STEP, type Rounding, SCHEMAS, type SchemaId, type ScoreBreakdown, type Thousandths } from "./rules";

export type SeatKind = "difficulty" | "execution" | "reference" | "mark" | "neutral";

export function seatKind(position: string): SeatKind {
  switch (position[0]) {
    case "D":
      return "difficulty";
    case "E":
      return "execution";
    case "R":
      return "reference";
    case "N":
      return "neutral";
    default:
      return "mark";
  }
}

/** The largest value each kind of seat may give: a D score has no cap of 10. */
const MAX_VALUE: Record<SeatKind, Thousandths> = {
  difficulty: 20_000,
  execution: 10_000,
  reference: 10_000,
  mark: 10_000,
  neutral: 10_000,
};

/** Why a value cannot stand at this seat, or null: within range and in steps of 0.1. */
export function invalidValue(position: string, value: Thousandths): Refused | null {
  const max = MAX_VALUE[seatKind(position)];
  if (!Number.isInteger(value) || value < 0 || value > max) {
    return refuse(400, "validation", "Invalid mark", `A ${position} value is between 0 and ${max / 1000}.`, {
      errors: [{ path: "value", code: "out_of_range", message: `Between 0 and ${max / 1000}.` }],
    });
  }
  if (value % DEDUCTION_STEP !== 0) {
    return refuse(400, "validation", "Invalid mark", "Marks are given in steps of 0.1.", {
      errors: [{ path: "value", code: "step", message: "In steps of 0.1." }],
    });
  }
  return null;
}

export interface SeatMark {
  position: string;
  value: Thousandths;
}

/** The D panel's agreed value: every D judge's value, when they agree; null while they do not. */
export function agreedDifficulty(marks: readonly SeatMark[]): Thousandths | null {
  const values = new Set(marks.filter((m) => seatKind(m.position) === "difficulty").map((m) => m.value));
  return values.size === 1 ? ([...values][0] as number) : null;
}

/**
 * The score the marks give by the schema, with the neutral deductions applied; null while they
 * give none: no judged mark yet, or (with a D panel) no value the D judges agree on. `agreedD` is
 * a D score entered for the panel (by the head judge when the D judges differ, or after an
 * inquiry); it stands in place of theirs.
 */
export function scoreOf(
  schema: SchemaId,
  rounding: Rounding,
  marks: readonly SeatMark[],
  neutral: Thousandths,
  agreedD: Thousandths | null = null,
): ScoreBreakdown | null {
  const engine = SCHEMAS[schema];
  const d = engine.hasD ? (agreedD ?? agreedDifficulty(marks)) : null;
  const judged = judgedValues(schema, marks);
  if ((engine.hasD && d === null) || judged.length === 0) return null;
  return engine.compute({ d, marks: judged, references: valuesOf(marks, "reference"), neutral }, rounding);
}

const valuesOf = (marks: readonly SeatMark[], kind: SeatKind) =>
  marks.filter((m) => seatKind(m.position) === kind).map((m) => m.value);

const judgedValues = (schema: SchemaId, marks: readonly SeatMark[]) =>
  valuesOf(marks, SCHEMAS[schema].judgeValue === "deduction" ? "execution" : "mark");

/**
 * Why the marks give no score yet, in words the head judge can act on; empty when they give one.
 * Values are in points ("6.100").
 */
export function whyNoScore(schema: SchemaId, marks: readonly SeatMark[], agreedD: Thousandths | null): string[] {
  const reasons: string[] = [];
  if (SCHEMAS[schema].hasD && agreedD === null && agreedDifficulty(marks) === null) {
    const ds = marks.filter((m) => seatKind(m.position) === "difficulty");
    reasons.push(
      ds.length === 0
        ? "no D score yet"
        : `the D judges differ (${ds.map((m) => `${m.position} ${(m.value / 1000).toFixed(3)}`).join(", ")}): enter the agreed D`,
    );
  }
  if (judgedValues(schema, marks).length === 0) reasons.push("no execution mark yet");
  return reasons;
}

/** A session's score: as the marks give it, or as the head judge overrode it (with the reason). */
export type SessionScore = ScoreBreakdown & { override?: { computed: Thousandths; reason: string } };

export function withOverride(
  score: ScoreBreakdown | null,
  override: { value: Thousandths; reason: string } | null,
): SessionScore | null {
  if (!score || !override) return score;
  return { ...score, final: override.value, override: { computed: score.final, reason: override.reason } };
}
