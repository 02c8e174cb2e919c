// Money, odds and points arrive as JSON numbers and are kept as integers (kopecks, hundredths,
// thousandths: ARCHITECTURE rule 6). A number is checked as it was sent, never rounded into
// validity: 250.000000001 has nine decimals and is refused, 2e-9 is not a plain decimal at all.
import { z } from "@hono/zod-openapi";

/**
 * The number as an integer count of 10^-places, or null if it is not a plain non-negative decimal
 * with at most `places` decimals. `String(value)` is the shortest text that reads back as the very
 * number sent, so `0.29` stays "0.29" (never 0.28999…) and the check needs no tolerance.
 */
export function toUnits(value: number, places: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!match) return null;
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > places) return null;
  const units = Number(whole) * 10 ** places + Number(fraction.padEnd(places, "0") || "0");
  return Number.isSafeInteger(units) ? units : null;
}

/** The integer count of 10^-places as the number the API shows (185 hundredths → 1.85). */
export const fromUnits = (units: number, places: number): number => units / 10 ** places;

export interface DecimalRule {
  /** What the field is, for messages: "The amount". */
  what: string;
  places: number;
  /** Bounds in units (e.g. kopecks); both inclusive. */
  min: number;
  max: number;
}

/**
 * A JSON number with at most `places` decimals within [min, max], parsed into integer units.
 * Bounds are checked on the units, after the decimals, so nothing is rounded on the way.
 */
export function decimal({ what, places, min, max }: DecimalRule) {
  const shown = (units: number) => fromUnits(units, places).toFixed(places);
  return z
    .number({ error: `${what} must be a number.` })
    .transform((value, ctx) => {
      const units = toUnits(value, places);
      if (units === null && !(value < 0)) {
        ctx.addIssue({
          code: "custom",
          message: `${what} must be a plain decimal with at most ${places} decimals.`,
          params: { code: "decimals", limit: places },
        });
        return z.NEVER;
      }
      if (units === null || units < min) {
        ctx.addIssue({
          code: "too_small",
          origin: "number",
          minimum: fromUnits(min, places),
          inclusive: true,
          input: value,
          message: `${what} must be at least ${shown(min)}.`,
        });
        return z.NEVER;
      }
      if (units > max) {
        ctx.addIssue({
          code: "too_big",
          origin: "number",
          maximum: fromUnits(max, places),
          inclusive: true,
          input: value,
          message: `${what} must be at most ${shown(max)}.`,
        });
        return z.NEVER;
      }
      return units;
    })
    .openapi({
      type: "number",
      minimum: fromUnits(min, places),
      maximum: fromUnits(max, places),
      description: `At most ${places} decimals, sent as a plain decimal.`,
    });
}
