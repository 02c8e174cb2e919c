// A session's PDF report, end to end in workerd: shots posted as the lane's target system posts
// them reach D1 through the statistics queue; asking for the report gives a job at once; the
// range queue renders it into R2; the PDF opens, reads in the language asked for, with its
// figures, its series of 10 and a target for each. Only the shooter and the club's people may ask.
import { env, exports } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { Booking, DeviceToken, ReportJob } from "../../worker/range/contract";
import { pageTexts } from "../unit/pdf-text";
import { Client, newUser, ORIGIN, problemOf } from "./client";
import { eventually, rows } from "./events-helpers";
import { booked, createLane, createWeapon, newInstructor, newShooter, newStaff, nextQuarter } from "./range-helpers";

/** A booking of a 10 m air rifle lane, started by the club's instructor. */
async function runningSession() {
  const staff = await newStaff();
  const instructor = await newInstructor(staff.rangeId);
  const lane = await createLane(staff, { slot_minutes: 15, name: "Дорожка 7" });
  const weapon = await createWeapon(staff);
  const shooter = await newShooter(staff, "Вера Меткая");
  const booking = await booked(shooter.client, { lane_id: lane.id, weapon_ids: [weapon.id], ...nextQuarter() });
  const device = (await staff.client.post(`/api/range/lanes/${lane.id}/tokens`, { label: "Target" }))
    .body as DeviceToken;
  const started = await instructor.client.post(`/api/range/bookings/${booking.id}/start`);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const shoot = async (shot_id: string, x: number, kind = "match") => {
    const res = await new Client().post(
      `/api/range/lanes/${lane.id}/shots`,
      { shot_id, x, y: 0, at: new Date().toISOString(), kind },
      { authorization: `Bearer ${device.token}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  return { staff, instructor, shooter, booking, shoot };
}

const askReport = (client: Client, bookingId: string, body: unknown = {}) =>
  client.post(`/api/range/bookings/${bookingId}/report`, body);

describe("a session's PDF report", () => {
  // Thirteen shots through the lane, the statistics queue and a PDF: more than the default 5 s on a busy machine.
  it("is asked for, made by the queue into R2, and draws each series of 10 on its target with its totals", {
    timeout: 30_000,
  }, async () => {
    const { instructor, shooter, booking, shoot } = await runningSession();
    problemOf(await askReport(shooter.client, crypto.randomUUID()), 404);
    await shoot("sighter", 3, "sighter");
    // Series 1: ten shots dead centre (10.9 each); series 2: two just outside the ten (9.9 each).
    for (let i = 1; i <= 10; i++) await shoot(`centre-${i}`, 0);
    for (let i = 1; i <= 2; i++) await shoot(`nine-${i}`, 2.51);
    expect((await instructor.client.post(`/api/range/bookings/${booking.id}/end`)).status).toBe(200);
    await eventually("the shots to reach D1", async () => {
      expect(await rows("SELECT shot_id FROM range_shot WHERE booking_id = ?", booking.id)).toHaveLength(13);
    });

    const asked = await askReport(shooter.client, booking.id, { language: "ru" });
    expect(asked.status).toBe(202);
    const job = asked.body as ReportJob;
    expect(job).toMatchObject({
      status: "queued",
      kind: "session",
      booking_id: booking.id,
      language: "ru",
      query: null,
    });
    const done = await eventually("the report to be made", async () => {
      const polled = (await shooter.client.get(`/api/range/my/reports/${job.id}`)).body as ReportJob;
      expect(polled.status).toBe("done");
      return polled;
    });
    expect(done.finished_at).not.toBeNull();

    const stored = await env.DOCUMENTS.get(`range-reports/${shooter.id}/${job.id}.pdf`);
    expect(stored, "the PDF kept in R2").not.toBeNull();
    const bytes = new Uint8Array(await (stored as R2ObjectBody).arrayBuffer());
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const pages = await pageTexts(bytes);
    const [first = [], second = []] = pages;
    expect(first.slice(0, 2)).toEqual([
      "Стрелковая сессия · Пневматическая винтовка, 10 м",
      expect.stringMatching(/^Вера Меткая · Дорожка 7 · \d{4}-\d\d-\d\d \d\d:\d\d$/),
    ]);
    /** The value printed right after a label of the session's table. */
    const printedAfter = (label: string) => first[first.indexOf(label) + 1];
    expect([printedAfter("Зачётные выстрелы"), printedAfter("Пробные"), printedAfter("Сумма")]).toEqual([
      "12",
      "1",
      "128.8 (118)",
    ]);
    // The series table's first row, under its header (whose last column is the spread): number, shots,
    // total, rings, centre, spread.
    const header = first.lastIndexOf("Разброс");
    expect(first.slice(header + 1, header + 7)).toEqual(["1", "10", "109.0", "100", "0.00, 0.00 мм", "0.00 мм"]);
    expect(first).toEqual(expect.arrayContaining(["Мишени", "Все зачётные выстрелы", "1 / 2"]));
    expect(second).toEqual(expect.arrayContaining(["Серия 1", "Серия 2", "2 / 2"]));
    expect(second).toContain("Сумма 19.8 (18) · Центр группы 2.51, 0.00 мм");
    expect(second.find((s) => s.startsWith("Разброс 0.00 мм · масштаб"))).toBeDefined();

    const download = await exports.default.fetch(
      new Request(`${ORIGIN}/api/range/my/reports/${job.id}/pdf`, {
        headers: { cookie: shooter.client.cookieHeader() },
      }),
    );
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="range-session-${booking.id}.pdf"`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it("is the shooter's or the club's people's to ask for, once the session has started; bad input names the field", async () => {
    const staff = await newStaff();
    const lane = await createLane(staff, { slot_minutes: 15 });
    const weapon = await createWeapon(staff);
    const shooter = await newShooter(staff);
    const waiting: Booking = await booked(shooter.client, {
      lane_id: lane.id,
      weapon_ids: [weapon.id],
      ...nextQuarter(),
    });
    expect(problemOf(await askReport(shooter.client, waiting.id), 409)).toMatchObject({ reason: "no_session" });

    const { instructor, staff: desk, shooter: owner, booking } = await runningSession();
    const stranger = await newUser();
    problemOf(await askReport(stranger.client, booking.id), 403);
    problemOf(await askReport(new Client(), booking.id), 401);
    expect(
      problemOf(await askReport(owner.client, booking.id, { language: "de" }), 400).errors?.map((e) => e.path),
    ).toContain("language");
    for (const who of [instructor, desk]) {
      const job = (await askReport(who.client, booking.id)).body as ReportJob;
      expect(job).toMatchObject({ kind: "session", language: "en" });
      // Kept under whoever asked: the shooter does not see the instructor's job, nor the other way round.
      problemOf(await owner.client.get(`/api/range/my/reports/${job.id}`), 404);
      expect((await who.client.get(`/api/range/my/reports/${job.id}`)).status).toBe(200);
    }
  });
});
