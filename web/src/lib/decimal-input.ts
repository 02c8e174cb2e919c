// Numbers people type (a stake, odds, a deduction, a score): a plain decimal only, i.e. digits with
// one "." or "," and at most the allowed decimals, read into integer units exactly as typed and
// checked against the same bounds as the API's (worker/lib/decimal.ts). Number() would read
// "2e2" as 200 and "0x20" as 32: neither is what anyone means by typing them.

export interface DecimalRule {
  places: number;
  /** Bounds in units (e.g. kopecks), both inclusive. */
  min: number;
  max: number;
}

export type Reading =
  | { ok: true; units: number /** As the API takes it: units ÷ 10^places. */; value: number }
  | { ok: false; problem: "empty" | "not_a_number" | "decimals" | "too_small" | "too_big" };

const PLAIN_DECIMAL = /^(\d+)(?:[.,](\d+))?$/;

export function readDecimal(text: string, rule: DecimalRule): Reading {
  const typed = text.trim();
  if (typed === "") return { ok: false, problem: "empty" };
  const match = PLAIN_DECIMAL.exec(typed);
  if (!match) return { ok: false, problem: "not_a_number" };
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > rule.places) return { ok: false, problem: "decimals" };
  const units = Number(whole) * 10 ** rule.places + Number(fraction.padEnd(rule.places, "0") || "0");
  if (!Number.isSafeInteger(units) || units > rule.max) return { ok: false, problem: "too_big" };
  if (units < rule.min) return { ok: false, problem: "too_small" };
  return { ok: true, units, value: units / 10 ** rule.places };
}
