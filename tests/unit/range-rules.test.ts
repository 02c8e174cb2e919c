// The range's pure rules: ISSF scoring at the ring edges of each target face, licences, slots,
// the refund policy, and the figures of a group of shots.
import { describe, expect, it } from "vitest";
import {
  FACES,
  groupFigures,
  licenceRefusal,
  percentile,
  refundOnCancel,
  scoreShot,
  seriesTotals,
  slotRefusal,
} from "../../worker/range/rules";

/** Score of a shot on the x axis, `mm100` hundredths of a millimetre out. */
const at = (face: keyof typeof FACES, mm100: number) => scoreShot(FACES[face], mm100, 0);

describe("ISSF scoring, at the ring edges (hundredths of a millimetre)", () => {
  // Per face: where the bullet (its calibre) just touches the 10 ring, a ring's width, the inner ten's reach.
  const table = [
    { face: "air_rifle_10m", touchesTen: 250, width: 250, inner: 200 },
    { face: "air_pistol_10m", touchesTen: 800, width: 800, inner: 475 },
    { face: "rifle_50m", touchesTen: 800, width: 800, inner: 530 },
    { face: "pistol_25m", touchesTen: 2780, width: 2500, inner: 1530 },
  ] as const;

  for (const { face, touchesTen, width, inner } of table) {
    it(`${face}: 10.9 at the centre, 10.0 touching the 10 ring, 9.9 just outside, 1.0 at the edge, 0 beyond`, () => {
      expect(at(face, 0)).toEqual({ ring: 10, decimal: 109, innerTen: true });
      expect(at(face, touchesTen)).toMatchObject({ ring: 10, decimal: 100 });
      expect(at(face, touchesTen + 1)).toMatchObject({ ring: 9, decimal: 99 });
      expect(at(face, touchesTen + width / 10)).toMatchObject({ ring: 9, decimal: 99 });
      expect(at(face, touchesTen + width)).toMatchObject({ ring: 9, decimal: 90 });
      expect(at(face, touchesTen + width + 1)).toMatchObject({ ring: 8, decimal: 89 });
      expect(at(face, touchesTen + 9 * width)).toMatchObject({ ring: 1, decimal: 10 });
      expect(at(face, touchesTen + 9 * width + 1)).toEqual({ ring: 0, decimal: 0, innerTen: false });
      expect(at(face, inner).innerTen).toBe(true);
      expect(at(face, inner + 1).innerTen).toBe(false);
    });
  }

  it("scores by the distance from the centre in any direction", () => {
    expect(scoreShot(FACES.air_rifle_10m, 150, -200)).toMatchObject({ ring: 10, decimal: 100 });
    expect(scoreShot(FACES.air_rifle_10m, -300, 400)).toMatchObject({ ring: 9, decimal: 90 });
  });
});

describe("licences", () => {
  const year = 365 * 86_400_000;
  const valid = { category: "air" as const, expiresAt: 2 * year, verifiedAt: 1 };
  it("needs one of the category, verified, valid through the slot", () => {
    expect(licenceRefusal([], "air", year)).toBe("licence_missing");
    expect(licenceRefusal([{ ...valid, category: "pistol" }], "air", year)).toBe("licence_category");
    expect(licenceRefusal([{ ...valid, verifiedAt: null }], "air", year)).toBe("licence_unverified");
    expect(licenceRefusal([valid], "air", 3 * year)).toBe("licence_expires");
    expect(licenceRefusal([valid, { ...valid, category: "pistol" }], "air", year)).toBeNull();
  });
});

describe("slots", () => {
  const lane = { opensAt: 600, closesAt: 1260, utcOffsetMinutes: 180, slotMinutes: 60 };
  const now = Date.parse("2026-12-01T00:00:00Z");
  // 10:00 in Moscow is 07:00 UTC.
  const at = (utc: string, minutes = 60) => [Date.parse(utc), Date.parse(utc) + minutes * 60_000] as const;
  it("run from slot boundary to boundary within the day's hours, ahead, within 14 days, 4 hours at most", () => {
    expect(slotRefusal(lane, ...at("2026-12-02T07:00:00Z"), now)).toBeNull();
    expect(slotRefusal(lane, ...at("2026-12-02T07:00:00Z", 240), now)).toBeNull();
    expect(slotRefusal(lane, ...at("2026-12-02T07:30:00Z"), now)).toBe("not_a_slot");
    expect(slotRefusal(lane, ...at("2026-12-02T06:00:00Z"), now)).toBe("not_a_slot");
    expect(slotRefusal(lane, ...at("2026-12-02T17:00:00Z"), now)).toBeNull();
    expect(slotRefusal(lane, ...at("2026-12-02T18:00:00Z"), now)).toBe("not_a_slot");
    expect(slotRefusal(lane, ...at("2026-12-02T07:00:00Z", 300), now)).toBe("too_long");
    expect(slotRefusal(lane, ...at("2026-11-30T07:00:00Z"), now)).toBe("in_the_past");
    expect(slotRefusal(lane, ...at("2026-12-16T07:00:00Z"), now)).toBe("too_far_ahead");
  });
});

describe("the refund policy", () => {
  const start = Date.parse("2026-12-10T10:00:00Z");
  it("all back a day ahead or more, half later, nothing from the start", () => {
    expect(refundOnCancel(1001, start, start - 24 * 3_600_000 - 1)).toBe(1001);
    expect(refundOnCancel(1001, start, start - 24 * 3_600_000)).toBe(500);
    expect(refundOnCancel(1001, start, start - 1)).toBe(500);
    expect(refundOnCancel(1001, start, start)).toBe(0);
  });
});

describe("a group's figures", () => {
  it("average, shares, mean point of impact and radial spread from sums alone", () => {
    // Four shots at (±1 mm, ±1 mm) around (2 mm, 0): tens of 10.5 and 9.5.
    const xs = [300, 300, 100, 100];
    const ys = [100, -100, 100, -100];
    const figures = groupFigures({
      shots: 4,
      decimalSum: 105 + 105 + 95 + 95,
      tens: 2,
      innerTens: 1,
      sumX: xs.reduce((a, b) => a + b, 0),
      sumY: 0,
      sumXx: xs.reduce((a, b) => a + b * b, 0),
      sumYy: ys.reduce((a, b) => a + b * b, 0),
    });
    expect(figures).toEqual({
      shots: 4,
      averageDecimal: 10,
      tensShare: 0.5,
      innerTensShare: 0.25,
      centre: { x: 2, y: 0 },
      spread: Math.round(Math.SQRT2 * 100) / 100,
    });
    expect(
      groupFigures({ shots: 0, decimalSum: 0, tens: 0, innerTens: 0, sumX: 0, sumY: 0, sumXx: 0, sumYy: 0 })
        .averageDecimal,
    ).toBeNull();
  });

  it("series of 10 and a percentile among shooters", () => {
    const shots = Array.from({ length: 15 }, (_, i) => ({ matchNumber: i + 1, decimal: 100 }));
    expect(seriesTotals(shots)).toEqual([1000, 500]);
    expect(percentile(9.5, [9, 9.2, 9.8, 10])).toBe(50);
    expect(percentile(9.5, [])).toBeNull();
  });
});
