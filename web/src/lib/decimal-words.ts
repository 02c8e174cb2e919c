// What is wrong with a typed number (decimal-input.ts), in the reader's language, with the bounds
// shown as the field shows its values (money as money, odds as odds).
import type { DecimalRule, Reading } from "./decimal-input";
import { m } from "./paraglide/messages";

/** The message for a reading that is not a number to send; undefined for one that is, or for nothing typed. */
export function decimalProblem(
  reading: Reading,
  rule: DecimalRule,
  shown: (value: number) => string,
): string | undefined {
  if (reading.ok) return undefined;
  const bound = (units: number) => shown(units / 10 ** rule.places);
  switch (reading.problem) {
    case "empty":
      return undefined;
    case "not_a_number":
      return m.number_not_plain();
    case "decimals":
      return m.number_decimals({ places: rule.places });
    case "too_small":
      return m.number_too_small({ min: bound(rule.min) });
    case "too_big":
      return m.number_too_big({ max: bound(rule.max) });
  }
}
