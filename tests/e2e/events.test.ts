// The events area as people use it, on phones: an organizer creates and publishes an event; a
// visitor finds it in the catalogue, registers and gets a ticket with its QR code; the organizer
// checks them in at the door by typing the number (a second check-in is refused, saying when the
// first was) and opens the reports' CSV and PDF, in the page's language. A registration whose
// answer never arrived is sent again with the same Idempotency-Key, and makes one registration.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { logInAs, openPage, PHONE, useBrowser } from "./browser";
import { demoOrganizer, publishedEvent, registered, registrationsOf } from "./events-fixtures";

const browser = useBrowser();

/** Whether poppler's pdftotext is on this machine (the PDF is then read, not only recognised). */
function hasPdfToText(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Clicks a report's download link and returns the file's bytes. */
async function download(page: Page, report: string, format: "csv" | "pdf"): Promise<Buffer> {
  const link = page.getByTestId("report").filter({ hasText: report }).locator(`[data-format="${format}"]`);
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await file.path();
  if (!path) throw new Error(`the ${format} of «${report}» was not saved`);
  return readFileSync(path);
}

let visitors = 0;

async function fillDetails(page: Page, lastName: string) {
  const form = page.getByTestId("registration-form");
  await form.getByLabel("First name").fill("Анна");
  await form.getByLabel("Last name").fill(lastName);
  await form.getByLabel("Email").fill(`visitor-${Date.now()}-${++visitors}@example.com`);
  await form.getByLabel("Phone").fill("8 916 123-45-67");
  return form;
}

describe("events, on phones", () => {
  it("an organizer publishes an event, a visitor registers and gets a QR ticket, the door checks them in once, the reports download", async () => {
    const title = `Лекция о гимнастике ${Date.now()}`;
    const organizer = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
    await organizer.goto("/events/manage");
    await organizer.getByTestId("new-event").click();
    const form = organizer.getByTestId("event-form");
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Place").fill("Москва, Лужники");
    await form.getByLabel("Visitor limit").fill("10");
    await form.getByLabel("Price, ₽").fill("500");
    await form.getByRole("button", { name: "Publish" }).click();
    // Its organizer's pages open next, at its own address.
    await organizer.getByTestId("managed-title").getByText(title).waitFor();
    const eventId = new URL(organizer.url()).pathname.split("/").at(-1) ?? "";
    await organizer.locator('[data-testid="status"][data-status="published"]').first().waitFor();
    expect(await organizer.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);

    // A visitor finds it in the catalogue and registers, seeing the price and refunds first.
    const visitor = await openPage(browser(), PHONE);
    await visitor.goto("/events");
    // The catalogue's first answer, then the search: CI once took over 10 s for the two in a fresh
    // browser context (its first page of the run), so the search gets the room of a cold start.
    await visitor.getByTestId("catalogue-event").first().waitFor({ timeout: 30_000 });
    await visitor.getByTestId("catalogue-search").fill(title);
    await visitor
      .getByTestId("catalogue-event")
      .filter({ hasText: title })
      .getByRole("link")
      .click({ timeout: 30_000 });
    const registration = await fillDetails(visitor, "Смирнова");
    const terms = registration.getByTestId("registration-terms");
    await terms.getByText("You pay ₽500.00.").waitFor();
    await terms.getByText("Cancel at least 48 h before the start to get everything back", { exact: false }).waitFor();
    await registration.getByRole("button", { name: "Confirm registration" }).click();
    await visitor.waitForURL(/\/events\/tickets\/[\w-]+$/);
    const ticket = visitor.getByTestId("ticket");
    await ticket.locator('[data-testid="status"][data-status="confirmed"]').waitFor();
    const number = (await visitor.getByTestId("ticket-number").textContent())?.trim() ?? "";
    expect(number).toMatch(/^\d{4}-\d{4}$/);
    const qr = visitor.getByTestId("ticket-qr");
    expect(await qr.getAttribute("data-payload")).toBe(`PODIUM-TICKET:${eventId}:${number}`);
    expect((await qr.locator("path").getAttribute("d"))?.length).toBeGreaterThan(500);
    expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(200);
    await visitor.screenshot({ path: "tests/e2e/artifacts/events-ticket.png", fullPage: true });

    // The door: the number typed, the visitor named; typed again, refused with the time of the first.
    await organizer.goto(`/events/${eventId}/check-in`);
    const door = organizer.getByTestId("door-form");
    await door.getByLabel("Ticket number").fill(number);
    await door.getByRole("button", { name: "Check in" }).click();
    const line = organizer.locator(`[data-testid="check-in"][data-number="${number}"]`);
    await line.and(organizer.locator('[data-state="confirmed"]')).getByText("Анна Смирнова").waitFor();
    await door.getByLabel("Ticket number").fill(number.replace("-", ""));
    await door.getByRole("button", { name: "Check in" }).click();
    await door
      .getByTestId("door-refusal")
      .getByText(/^Already checked in at /)
      .waitFor();
    // Another door phone (door staff's) is refused by the server, which says when the first check-in was.
    const otherDoor = await logInAs(browser(), "door@podium.local", "podium-demo", PHONE);
    await otherDoor.goto(`/events/${eventId}/check-in`);
    await otherDoor.getByTestId("door-form").getByLabel("Ticket number").fill(number);
    await otherDoor.getByTestId("door-form").getByRole("button", { name: "Check in" }).click();
    await otherDoor
      .locator(`[data-testid="check-in"][data-state="rejected"][data-number="${number}"]`)
      .getByText(/^Already checked in at \w+ \d+, \d{4}/)
      .waitFor();
    await otherDoor.screenshot({ path: "tests/e2e/artifacts/events-door-refused.png", fullPage: true });
    await visitor.reload();
    await visitor.locator('[data-testid="ticket"][data-status="checked_in"]').waitFor();

    // The reports: the CSV (UTF-8 with a BOM) and the PDF, opened, in the page's language.
    await organizer.goto(`/events/manage/${eventId}/reports`);
    await organizer.getByTestId("status-counts").first().waitFor();
    const csv = await download(organizer, "Visitors by status", "csv");
    expect(csv.toString("utf8")).toContain("Number,Visitor,Email,Phone,Status,Registered");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.toString("utf8").split(/\r?\n/);
    expect(rows.find((row) => row.includes(number))).toContain("Анна Смирнова");
    const pdf = await download(organizer, "Visitors by status", "pdf");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (hasPdfToText()) {
      const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
      expect(text).toContain("Анна Смирнова");
    }
    const finances = await download(organizer, "Money", "csv");
    expect(finances.toString("utf8")).toContain("500.00");
    expect(finances.toString("utf8")).toContain("Billed,Refunded,Net,Costs,Profit");
    await organizer.screenshot({ path: "tests/e2e/artifacts/events-reports.png", fullPage: true });
    for (const page of [organizer, visitor, otherDoor]) await page.context().close();
  });

  it("the reports download in the page's language: Russian headings and words from a Russian page", async () => {
    const { organizer, event } = await publishedEvent();
    const ticket = await registered(event.id, "Русская");
    await organizer.json("POST", `/api/events/${event.id}/check-ins`, {
      code: ticket.number,
      client_id: `e2e-${ticket.id}`,
    });
    const page = await logInAs(browser(), "organizer@podium.local", "podium-demo", { ...PHONE, locale: "ru-RU" });
    await page.goto(`/events/manage/${event.id}/reports`);
    await page.getByTestId("status-counts").first().waitFor();
    const visitors = "Посетители по статусам";
    const link = page.getByTestId("report").filter({ hasText: visitors }).locator('[data-format="csv"]');
    expect(await link.getAttribute("href")).toContain("lang=ru");
    const csv = (await download(page, visitors, "csv")).toString("utf8");
    expect(csv).toContain("По статусам");
    expect(csv).toContain("Номер,Посетитель,Эл. почта,Телефон,Статус,Регистрация");
    expect(csv.split(/\r?\n/).find((row) => row.includes(ticket.number))).toContain("На месте");
    const pdf = await download(page, visitors, "pdf");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (hasPdfToText()) {
      const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
      expect(text).toContain("Посетитель");
      expect(text).toContain("Анна Русская");
    }
    await page.context().close();
  });

  it("a registration whose answer was lost is sent again with the same key: one registration, and the ticket", async () => {
    const { event } = await publishedEvent({ visitor_limit: 5 });
    const visitor = await openPage(browser(), PHONE);
    // The first answer never reaches the phone (the request did reach the server).
    let dropped = false;
    await visitor.route(`**/api/events/${event.id}/registrations`, async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await visitor.goto(`/events/${event.id}`);
    const form = await fillDetails(visitor, "Кузнецова");
    await form.getByRole("button", { name: "Confirm registration" }).click();
    await form.getByText("The connection dropped before the answer came.", { exact: false }).waitFor();
    await form.getByRole("button", { name: "Confirm registration" }).click();
    await visitor.waitForURL(/\/events\/tickets\/[\w-]+$/);
    const organizer = await demoOrganizer();
    const registrations = await registrationsOf(organizer, event.id);
    expect(registrations.map((r) => r.visitor.last_name)).toEqual(["Кузнецова"]);
    expect(new URL(visitor.url()).pathname).toBe(`/events/tickets/${registrations[0]?.id}`);
    await visitor.context().close();
  });
});
