// Helpers of the range tests: a club's staff, lanes, weapons and licences made through the real
// Worker, shooters with a verified licence, bookings, and the slot times they use.
import type { Booking, Lane, Licence, Weapon } from "../../worker/range/contract";
import { type Client, newUser, type Sent } from "./client";
import { grant } from "./grants";

export const DAY = 86_400_000;

/** Range staff (`range_staff`) of a club of their own: its armoury, lanes, tokens and licences. */
export async function newStaff(rangeId = `club-${crypto.randomUUID().slice(0, 8)}`) {
  const staff = await newUser("Range Staff");
  await grant(staff.id, "range_staff", `range:${rangeId}`);
  return { ...staff, rangeId };
}

/** An instructor of the club (`instructor` on it): runs its sessions. */
export async function newInstructor(rangeId: string) {
  const instructor = await newUser("Инструктор");
  await grant(instructor.id, "instructor", `range:${rangeId}`);
  return { ...instructor, rangeId };
}

type Staff = Awaited<ReturnType<typeof newStaff>>;

/** A lane open round the clock (UTC), in slots of `slot_minutes`, 500.00 a slot unless told otherwise. */
export async function createLane(staff: Staff, fields: Record<string, unknown> = {}): Promise<Lane> {
  const res = await staff.client.post("/api/range/lanes", {
    range_id: staff.rangeId,
    name: `Lane ${crypto.randomUUID().slice(0, 4)}`,
    discipline: "air_rifle_10m",
    opens_at: 0,
    closes_at: 1440,
    utc_offset_minutes: 0,
    slot_minutes: 60,
    slot_price: 500,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`creating a lane failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Lane;
}

export async function createWeapon(staff: Staff, fields: Record<string, unknown> = {}): Promise<Weapon> {
  const res = await staff.client.post("/api/range/weapons", {
    range_id: staff.rangeId,
    model: "Walther LG400",
    discipline: "air_rifle_10m",
    calibre: "4.5 mm",
    serial: `SN-${crypto.randomUUID()}`,
    licence_category: "air",
    ...fields,
  });
  if (res.status !== 201) throw new Error(`adding a weapon failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Weapon;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function recordLicence(staff: Staff, userId: string, fields: Record<string, unknown> = {}) {
  const res = await staff.client.post("/api/range/licences", {
    user_id: userId,
    number: `L-${crypto.randomUUID().slice(0, 12)}`,
    category: "air",
    issued_on: isoDay(Date.now() - 365 * DAY),
    expires_on: isoDay(Date.now() + 365 * DAY),
    ...fields,
  });
  if (res.status !== 201) throw new Error(`recording a licence failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Licence;
}

/** A shooter holding a verified air licence. */
export async function newShooter(staff: Staff, name = "Стрелок") {
  const shooter = await newUser(name);
  await recordLicence(staff, shooter.id);
  return shooter;
}

/** The start of the whole hour `hours` from now (UTC), as a slot of a round-the-clock lane. */
export function slotIn(hours: number, minutes = 60) {
  let start = Math.floor(Date.now() / 3_600_000) * 3_600_000 + hours * 3_600_000;
  // A booking lies within one day of the lane (UTC here): one that would run past midnight
  // starts at that midnight instead, so that no test depends on the hour it runs at.
  const midnight = Math.ceil((start + 1) / DAY) * DAY;
  if (start + minutes * 60_000 > midnight) start = midnight;
  return { starts_at: new Date(start).toISOString(), ends_at: new Date(start + minutes * 60_000).toISOString() };
}

/** The next quarter-hour boundary: a slot of a 15-minute lane that may be started at once. */
export function nextQuarter() {
  const start = Math.ceil((Date.now() + 1) / 900_000) * 900_000;
  return { starts_at: new Date(start).toISOString(), ends_at: new Date(start + 900_000).toISOString() };
}

export function book(client: Client, body: Record<string, unknown>, key: string = crypto.randomUUID()): Promise<Sent> {
  return client.post("/api/range/bookings", body, { "idempotency-key": key });
}

export async function booked(client: Client, body: Record<string, unknown>): Promise<Booking> {
  const res = await book(client, body);
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Booking;
}
