// The range as people use it, on a phone: a shooter (the demo one, with a verified licence) books
// a lane (the demo range staff made, with its device token) and sees the invoice; the instructor
// starts the session; shots posted as the lane's target system posts them appear on the shooter's
// live target without a reload; the instructor ends it; the session's PDF with its targets is
// made from the shooter's bookings; the statistics page shows the session, and makes its PDF
// report. The desk shows range staff the armoury and lanes, and instructors the schedule only.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { Booking, DeviceToken, Lane } from "../../worker/range/contract";
import { logInAs, PHONE, useBrowser } from "./browser";
import { logIn } from "./http-session";

const browser = useBrowser();
const today = () => new Date().toISOString().slice(0, 10);

/** A lane of quarter hours open round the clock (UTC), so its next slot may be started at once. */
async function quarterLane() {
  const staff = await logIn(inject("baseURL"), "rangestaff@podium.local", "podium-demo");
  const instructor = await logIn(inject("baseURL"), "instructor@podium.local", "podium-demo");
  const lane = await staff.json<Lane>("POST", "/api/range/lanes", {
    range_id: "main",
    name: `E2E ${Date.now()}`,
    discipline: "air_rifle_10m",
    opens_at: 0,
    closes_at: 1440,
    utc_offset_minutes: 0,
    slot_minutes: 15,
    slot_price: 300,
  });
  const device = await staff.json<DeviceToken>("POST", `/api/range/lanes/${lane.id}/tokens`, { label: "E2E" });
  return { instructor, lane, token: device.token ?? "" };
}

async function shoot(laneId: string, token: string, shotId: string, x: number, y: number) {
  const res = await fetch(`${inject("baseURL")}/api/range/lanes/${laneId}/shots`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ shot_id: shotId, x, y, at: new Date().toISOString(), kind: "match" }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function bookFirstSlot(page: Page, lane: Lane) {
  await page.goto("/range");
  await page.getByTestId("day").fill(today());
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: lane.name }) });
  const slot = section.getByTestId("slot").first();
  await slot.locator("select").selectOption({ index: 1 });
  await slot.getByRole("button").click();
  await page.getByTestId("booking").waitFor();
}

describe("the range, on a phone", () => {
  it("a shooter books and sees the invoice, watches shots land live; the statistics show the session", async () => {
    const { instructor, lane, token } = await quarterLane();
    const shooter = await logInAs(browser(), "visitor@podium.local", "podium-demo", { ...PHONE, timezoneId: "UTC" });

    await bookFirstSlot(shooter, lane);
    const card = shooter.getByTestId("booking");
    await card.getByTestId("status").getByText("Confirmed").waitFor();
    await card.getByTestId("invoice").getByText("300").first().waitFor();

    const schedule = await instructor.json<{ items: Booking[] }>(
      "GET",
      `/api/range/schedule?range_id=main&day=${today()}`,
    );
    const booking = schedule.items.find((b) => b.lane.id === lane.id);
    if (!booking) throw new Error("the booking is not on the day's schedule");
    await instructor.json("POST", `/api/range/bookings/${booking.id}/start`);

    await shooter.goto("/range/bookings");
    await shooter.getByRole("link", { name: "Live target" }).first().click();
    await shooter.getByTestId("shots").getByText("0").waitFor();
    await shoot(lane.id, token, "e2e-1", 0, 0);
    await shoot(lane.id, token, "e2e-2", 1.5, -1);
    await shoot(lane.id, token, "e2e-3", -2, 0.5);
    await shooter.getByTestId("shots").getByText("3").waitFor();
    expect(await shooter.getByTestId("shot").count()).toBe(3);
    await shooter.getByTestId("last").getByText("10.1").waitFor();

    await instructor.json("POST", `/api/range/bookings/${booking.id}/end`);
    await shooter.getByText("The session has ended.").waitFor();

    // The session's PDF with its targets, asked for from the booking and made in the background.
    await shooter.goto("/range/bookings");
    const ended = shooter.getByTestId("booking").filter({ hasText: lane.name });
    await ended.getByRole("button", { name: "PDF of this session with its targets" }).click();
    await ended.getByRole("link", { name: "Download the PDF" }).waitFor({ timeout: 20_000 });

    // Statistics are recorded through a queue a moment after the shots: the page shows what is there when opened.
    await expect
      .poll(
        async () => {
          await shooter.goto("/range/stats");
          await shooter.getByTestId("figures").or(shooter.getByText("No shots in this period.")).waitFor();
          return shooter.getByTestId("figures").getByText("3", { exact: true }).count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(1);
    await shooter.getByTestId("sessions").locator("li").first().waitFor();
    // The period's PDF is made in the background; the page follows it until it can be downloaded.
    await shooter.getByRole("button", { name: "PDF report of this period" }).click();
    await shooter.getByRole("link", { name: "Download the PDF" }).waitFor({ timeout: 20_000 });
  });

  it("the desk shows range staff the schedule, the armoury and the lanes with their tokens; instructors the schedule", async () => {
    const { lane } = await quarterLane();
    const desk = await logInAs(browser(), "rangestaff@podium.local", "podium-demo", { ...PHONE, timezoneId: "UTC" });
    await desk.goto("/range/staff");
    await desk.getByRole("heading", { name: "Schedule" }).waitFor();
    await desk.getByTestId("weapon").first().waitFor();
    await desk.getByRole("link", { name: lane.name }).waitFor();

    const instructor = await logInAs(browser(), "instructor@podium.local", "podium-demo", {
      ...PHONE,
      timezoneId: "UTC",
    });
    await instructor.goto("/range/staff");
    await instructor.getByRole("heading", { name: "Schedule" }).waitFor();
    expect(await instructor.getByRole("heading", { name: "Armoury" }).count()).toBe(0);
    expect(await instructor.getByTestId("weapon").count()).toBe(0);
  });
});
