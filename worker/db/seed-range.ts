// Demo range for a local Podium (worker/db/seed.ts runs this; never in production): the club
// "main" with four lanes, one per discipline, open 09:00–21:00 Moscow time, an armoury to match,
// and a verified air licence for Вера (visitor@podium.local), so she can book a lane at once
// (verified by the demo range staff, rangestaff@podium.local, who keeps the desk; the demo
// instructor, instructor@podium.local, runs the sessions). Both hold their role everywhere.
// Fixed ids and INSERT OR IGNORE: running it again changes nothing.
import type { Discipline, LicenceCategory } from "../range/rules";

const CLUB = "main";
const YEAR = 365 * 86_400_000;

const LANES: [id: string, name: string, discipline: Discipline, slotMinutes: number, kopecks: number][] = [
  ["demo-lane-1", "1 · 10 м винтовка", "air_rifle_10m", 60, 600_00],
  ["demo-lane-2", "2 · 10 м пистолет", "air_pistol_10m", 60, 600_00],
  ["demo-lane-3", "3 · 25 м пистолет", "pistol_25m", 60, 900_00],
  ["demo-lane-4", "4 · 50 м винтовка", "rifle_50m", 120, 1_500_00],
];

const WEAPONS: [model: string, discipline: Discipline, calibre: string, category: LicenceCategory][] = [
  ["Walther LG400", "air_rifle_10m", "4.5 мм", "air"],
  ["Feinwerkbau 800", "air_rifle_10m", "4.5 мм", "air"],
  ["Morini 162EI", "air_pistol_10m", "4.5 мм", "air"],
  ["Steyr EVO 10", "air_pistol_10m", "4.5 мм", "air"],
  ["Pardini SP", "pistol_25m", ".22 LR", "pistol"],
  ["Anschütz 1913", "rifle_50m", ".22 LR", "rifled"],
];

export function demoRange(now: number, quote: (value: string) => string): string[] {
  return [
    ...LANES.map(
      ([id, name, discipline, slot, price]) =>
        `INSERT OR IGNORE INTO range_lane (id, range_id, name, discipline, opens_at, closes_at, utc_offset_minutes, slot_minutes, slot_price, created_at) VALUES (${quote(id)}, '${CLUB}', ${quote(name)}, '${discipline}', 540, 1260, 180, ${slot}, ${price}, ${now});`,
    ),
    ...WEAPONS.map(
      ([model, discipline, calibre, category], i) =>
        `INSERT OR IGNORE INTO range_weapon (id, range_id, model, discipline, calibre, serial, licence_category, state, created_at) VALUES ('demo-weapon-${i + 1}', '${CLUB}', ${quote(model)}, '${discipline}', ${quote(calibre)}, 'DEMO-${1000 + i}', '${category}', 'available', ${now});`,
    ),
    `INSERT OR IGNORE INTO range_licence (id, user_id, number, category, issued_at, expires_at, verified_by, verified_at, created_at) VALUES ('demo-licence-visitor', 'demo-visitor', 'ЛОа 0000001', 'air', ${now - YEAR}, ${now + 4 * YEAR}, 'demo-rangestaff', ${now}, ${now});`,
  ];
}
