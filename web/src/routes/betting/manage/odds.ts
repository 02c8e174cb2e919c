import type { DecimalRule } from "#lib/decimal-input.ts";
import { MAX_ODDS_HUNDREDTHS, MIN_ODDS_HUNDREDTHS } from "../../../../../worker/betting/rules";

/** Odds as the line takes them: hundredths from 1.01. */
export const ODDS: DecimalRule = { places: 2, min: MIN_ODDS_HUNDREDTHS, max: MAX_ODDS_HUNDREDTHS };
