// The web app's one reading of typed numbers: a plain decimal exactly as typed, or why not.
import { describe, expect, it } from "vitest";
import { type DecimalRule, readDecimal } from "../../web/src/lib/decimal-input";

const STAKE: DecimalRule = { places: 2, min: 1, max: 1_000_000_00 };

describe("reading a typed number", () => {
  it.each([
    ["100", 10_000, 100],
    ["100.5", 10_050, 100.5],
    ["0,29", 29, 0.29],
    [" 250.00 ", 25_000, 250],
    ["1000000", 1_000_000_00, 1_000_000],
  ])("%j is %i kopecks, sent as %d", (typed, units, value) => {
    expect(readDecimal(typed, STAKE)).toEqual({ ok: true, units, value });
  });

  it.each([
    ["2e2", "not_a_number"],
    ["0x20", "not_a_number"],
    ["Infinity", "not_a_number"],
    ["-5", "not_a_number"],
    ["1.2.3", "not_a_number"],
    ["1,5.0", "not_a_number"],
    ["5.", "not_a_number"],
    [".5", "not_a_number"],
    ["100 000", "not_a_number"],
    ["250.001", "decimals"],
    ["0.000000002", "decimals"],
    ["0", "too_small"],
    ["0.00", "too_small"],
    ["1000000.01", "too_big"],
    ["99999999999999999999", "too_big"],
    ["", "empty"],
    ["  ", "empty"],
  ])("%j is refused: %s", (typed, problem) => {
    expect(readDecimal(typed, STAKE)).toEqual({ ok: false, problem });
  });

  it("keeps to a rule's places: tenths for a judge's mark, thousandths for a score", () => {
    expect(readDecimal("9.3", { places: 1, min: 0, max: 100 })).toEqual({ ok: true, units: 93, value: 9.3 });
    expect(readDecimal("9.35", { places: 1, min: 0, max: 100 })).toEqual({ ok: false, problem: "decimals" });
    expect(readDecimal("13.466", { places: 3, min: 0, max: 100_000 })).toEqual({
      ok: true,
      units: 13_466,
      value: 13.466,
    });
  });
});
