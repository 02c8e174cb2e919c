// The door on a phone, through a venue's Wi-Fi: a check-in made with no network is kept on the
// phone, said to be so, and sent when the network is back, exactly once; and a ticket's QR code
// held up to the camera (Chromium's fake camera showing it) checks its visitor in.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { drawQr } from "../../web/src/lib/events/qr";
import type { CheckInsReport } from "../../worker/events/report-contract";
import { logInAs, PHONE, useBrowser } from "./browser";
import { publishedEvent, registered, registrationsOf } from "./events-fixtures";

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
    const door = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
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
    const door = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
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
});
