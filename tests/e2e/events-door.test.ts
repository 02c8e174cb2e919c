// The door on a phone, through a venue's Wi-Fi: a check-in made with no network is kept on the
// phone, said to be so, and sent when the network is back, exactly once; and a ticket's QR code
// held up to the camera (Chromium's fake camera showing it) checks its visitor in. Door staff
// (the role door) find their events from the menu; an organizer adds someone to an event's door
// by email from the event's page, and takes them off it again.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { drawQr } from "../../web/src/lib/events/qr";
import type { CheckInsReport } from "../../worker/events/report-contract";
import { logInAs, PHONE, uniqueEmail, useBrowser } from "./browser";
import { publishedEvent, registered, registrationsOf } from "./events-fixtures";
import { HttpSession } from "./http-session";

/** What the fake camera shows: a video file written by the test before the camera opens. */
const CAMERA = join(tmpdir(), `podium-door-camera-${process.pid}.y4m`);
const browser = useBrowser([
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  `--use-file-for-fake-video-capture=${CAMERA}`,
]);

/** One frame of 4:2:0 video (YUV4MPEG2) showing the QR code of `payload`, black on white. */
function filmQr(payload: string) {
  const qr = drawQr(payload);
  const side = 480;
  const scale = Math.floor(side / qr.size);
  const offset = Math.floor((side - qr.size * scale) / 2);
  const dark = new Set([...qr.path.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => `${Number(x)},${Number(y)}`));
  const luma = Buffer.alloc(side * side, 255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const module = `${Math.floor((x - offset) / scale)},${Math.floor((y - offset) / scale)}`;
      if (x >= offset && y >= offset && dark.has(module)) luma[y * side + x] = 0;
    }
  }
  const chroma = Buffer.alloc((side / 2) * (side / 2) * 2, 128);
  const header = `YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\nFRAME\n`;
  writeFileSync(CAMERA, Buffer.concat([Buffer.from(header), luma, chroma]));
}

describe("the door phone", () => {
  it("a check-in made offline is saved on the phone, sent when the network is back, exactly once", async () => {
    const { organizer, event } = await publishedEvent();
    const ticket = await registered(event.id, "Оффлайнова");
    const door = await logInAs(browser(), "door@podium.local", "podium-demo", PHONE);
    const answers: number[] = [];
    door.on("response", (response) => {
      if (response.url().endsWith(`/api/events/${event.id}/check-ins`)) answers.push(response.status());
    });
    await door.goto(`/events/${event.id}/check-in`);
    const link = door.getByTestId("door-link");
    await link.getByText("Online").waitFor();

    await door.context().setOffline(true);
    await link.getByText("Offline").waitFor();
    await door.getByTestId("door-form").getByLabel("Ticket number").fill(ticket.number);
    await door.getByTestId("door-form").getByRole("button", { name: "Check in" }).click();
    const line = door.locator(`[data-testid="check-in"][data-number="${ticket.number}"]`);
    await line.and(door.locator('[data-state="saved"]')).getByText("Saved on this phone").waitFor();
    await door.getByTestId("door-waiting").getByText("Waiting to be sent: 1").waitFor();
    await door.screenshot({ path: "tests/e2e/artifacts/events-door-offline.png", fullPage: true });
    expect((await registrationsOf(organizer, event.id)).map((r) => r.status)).toEqual(["confirmed"]);

    await door.context().setOffline(false);
    await line.and(door.locator('[data-state="confirmed"]')).getByText("Анна Оффлайнова").waitFor();
    expect(await door.getByTestId("door-waiting").count()).toBe(0);
    const [checkedIn] = await registrationsOf(organizer, event.id);
    expect(checkedIn?.status).toBe("checked_in");

    // Nothing more goes out: not on the phone's retry timer, not after a reload.
    await door.waitForTimeout(6_000);
    await door.reload();
    await line.and(door.locator('[data-state="confirmed"]')).waitFor();
    await door.waitForTimeout(1_000);
    expect(answers).toEqual([200]);
    const report = await organizer.json<CheckInsReport>("GET", `/api/events/${event.id}/reports/check-ins`);
    expect(report.series.reduce((sum, s) => sum + s.count, 0)).toBe(1);
    await door.context().close();
  });

  it("the camera reads a ticket's QR code and checks its visitor in", async () => {
    const { event } = await publishedEvent();
    const ticket = await registered(event.id, "Сканова");
    filmQr(ticket.qr);
    const door = await logInAs(browser(), "door@podium.local", "podium-demo", PHONE);
    await door.goto(`/events/${event.id}/check-in`);
    await door.getByTestId("door-form").getByRole("button", { name: "Scan QR" }).click();
    await door
      .locator(`[data-testid="check-in"][data-state="confirmed"][data-number="${ticket.number}"]`)
      .getByText("Анна Сканова")
      .waitFor({ timeout: 20_000 });
    // Still in front of the camera, the same code is not checked in again.
    await door.waitForTimeout(1_500);
    expect(await door.getByTestId("check-in").count()).toBe(1);
    await door.context().close();
  });

  it("door staff everywhere find the event from the menu and open its door, but none of the organizer's pages", async () => {
    const { event } = await publishedEvent();
    const door = await logInAs(browser(), "door@podium.local", "podium-demo", PHONE);
    await door.goto("/");
    await door.getByTestId("menu-button").click();
    await door.getByRole("link", { name: "Door check-in" }).click();
    await door.waitForURL("**/events/door");
    const listed = door.locator(`[data-testid="door-event"][data-event-id="${event.id}"]`);
    await listed.getByRole("link", { name: "Open the check-in" }).click();
    await door.waitForURL(`**/events/${event.id}/check-in`);
    await door.getByTestId("door-form").waitFor();
    for (const path of ["/events/manage", `/events/manage/${event.id}`, `/events/manage/${event.id}/reports`]) {
      await door.goto(path);
      await door.getByTestId("not-allowed").waitFor();
    }
    await door.context().close();
  });

  it("an organizer adds someone to the door by email, they check a ticket in, and once removed they cannot", async () => {
    const { event } = await publishedEvent();
    const ticket = await registered(event.id, "Дверная");
    const later = await registered(event.id, "Поздняя");
    const email = uniqueEmail("door");
    const password = "e2e password 1";
    await new HttpSession(inject("baseURL")).json("POST", "/api/auth/register", {
      email,
      password,
      displayName: "Контролёр Входов",
    });
    const keeper = await logInAs(browser(), email, password, PHONE);
    await keeper.goto(`/events/${event.id}/check-in`);
    await keeper.getByTestId("not-allowed").waitFor();

    const organizer = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
    await organizer.goto(`/events/manage/${event.id}`);
    const staff = organizer.getByTestId("door-staff");
    await staff.getByText("Nobody yet", { exact: false }).waitFor();
    await staff.getByLabel("Email of their Podium account").fill("nobody-at-all@example.com");
    await staff.getByRole("button", { name: "Add to the door" }).click();
    await staff.getByText("Nobody has a Podium account with this email", { exact: false }).waitFor();
    await staff.getByLabel("Email of their Podium account").fill(email);
    await staff.getByRole("button", { name: "Add to the door" }).click();
    await staff.getByText("Контролёр Входов can check tickets in now.").waitFor();
    const member = staff.locator(`[data-testid="door-staff-member"][data-email="${email}"]`);
    await member.waitFor();
    expect(await organizer.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await organizer.screenshot({ path: "tests/e2e/artifacts/events-door-staff.png", fullPage: true });

    // Their next page load knows the new role: the door opens, and a ticket goes in.
    await keeper.goto(`/events/${event.id}/check-in`);
    const form = keeper.getByTestId("door-form");
    await form.getByLabel("Ticket number").fill(ticket.number);
    await form.getByRole("button", { name: "Check in" }).click();
    await keeper
      .locator(`[data-testid="check-in"][data-state="confirmed"][data-number="${ticket.number}"]`)
      .getByText("Анна Дверная")
      .waitFor();
    await keeper.goto(`/events/manage/${event.id}`);
    await keeper.getByTestId("not-allowed").waitFor();

    await member.getByRole("button", { name: "Remove Контролёр Входов from the door" }).click();
    await staff.getByText("Контролёр Входов no longer checks tickets in here.").waitFor();
    await staff.getByText("Nobody yet", { exact: false }).waitFor();
    // A new login of theirs has no door at once (the old one's pass lasts its minute, as README says).
    const again = await logInAs(browser(), email, password, PHONE);
    await again.goto(`/events/${event.id}/check-in`);
    await again.getByTestId("not-allowed").waitFor();
    const refused = await again.evaluate(
      async ([id, code]) =>
        (
          await fetch(`/api/events/${id}/check-ins`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ code, client_id: "e2e-removed-door-1" }),
          })
        ).status,
      [event.id, later.number],
    );
    expect(refused).toBe(403);
    for (const page of [keeper, organizer, again]) await page.context().close();
  });
});
