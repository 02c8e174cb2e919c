// What comes after registering, on phones: a logged-in visitor registers as themself and cancels
// from "My registrations", seeing the refund first; an organizer cancels one registration with a
// partial refund (the first in line moves up), finds a visitor and corrects them, and cancels a
// whole event, told first that everyone will be refunded.
import { describe, expect, it } from "vitest";
import { logInAs, PHONE, useBrowser } from "./browser";
import { publishedEvent, registered, registrationsOf } from "./events-fixtures";

const browser = useBrowser();

describe("after registering", () => {
  it("a logged-in visitor registers as themself, then cancels from My registrations, told the refund first", async () => {
    const { event } = await publishedEvent({ price: 800, visitor_limit: 5 });
    const visitor = await logInAs(browser(), "visitor@podium.local", "podium-demo", PHONE);
    await visitor.goto(`/events/${event.id}`);
    const form = visitor.getByTestId("registration-form");
    await form.getByText("You register as visitor@podium.local.").waitFor();
    expect(await form.getByLabel("First name").inputValue()).toBe("Вера");
    expect(await form.getByLabel("Last name").inputValue()).toBe("Зрителева");
    expect(await form.getByLabel("Email").count()).toBe(0);
    await form.getByRole("button", { name: "Confirm registration" }).click();
    await visitor.locator('[data-testid="ticket"][data-status="confirmed"]').waitFor();

    await visitor.goto("/events/my");
    const mine = visitor.getByTestId("my-ticket").filter({ hasText: event.title });
    await mine.getByTestId("cancel-ticket").click();
    const question = mine.getByTestId("confirm");
    await question.getByTestId("refund-preview").getByText("You will get back ₽800.00.").waitFor();
    await visitor.screenshot({ path: "tests/e2e/artifacts/events-my-cancel.png", fullPage: true });
    await question.getByRole("button", { name: "Cancel the registration" }).click();
    await mine.locator('[data-testid="status"][data-status="cancelled"]').waitFor();
    await mine.getByRole("link", { name: "Open the ticket" }).click();
    await visitor.locator('[data-testid="ticket"][data-status="cancelled"]').waitFor();
    await visitor.getByTestId("ticket-money").getByText("₽800.00").first().waitFor();
    await visitor.context().close();
  });

  it("an organizer cancels one registration with a partial refund, and the first in line moves up", async () => {
    const { organizer, event } = await publishedEvent({ price: 1000, visitor_limit: 1 });
    const first = await registered(event.id, "Первая");
    await registered(event.id, "Вторая");
    const page = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
    await page.goto(`/events/manage/${event.id}/registrations`);
    const row = page.locator(`[data-testid="registration"][data-number="${first.number}"]`);
    await row.getByRole("button", { name: "Cancel and refund" }).click();
    const refund = row.getByTestId("confirm").getByLabel("Refund (paid ₽1,000.00)");
    expect(await refund.inputValue()).toBe("1000");
    await refund.fill("1500");
    await row.getByText("At most ₽1,000.00", { exact: false }).waitFor();
    await refund.fill("600");
    await row.getByTestId("confirm").getByRole("button", { name: "Cancel and refund" }).click();
    await row.locator('[data-testid="status"][data-status="cancelled"]').waitFor();
    // The one who moved up is charged by the settlements queue, a moment later.
    await expect
      .poll(
        async () =>
          (await registrationsOf(organizer, event.id)).map((r) => [r.visitor.last_name, r.status, r.refund_due]),
        {
          timeout: 15_000,
        },
      )
      .toEqual([
        ["Первая", "cancelled", 600],
        ["Вторая", "confirmed", 0],
      ]);
    await page.context().close();
  });

  it("an organizer finds a visitor, corrects their phone and sees their history", async () => {
    const { event } = await publishedEvent();
    const ticket = await registered(event.id, `Иванова${Date.now()}`);
    const page = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
    await page.goto("/events/manage/visitors");
    await page.getByTestId("visitor-search").fill(ticket.visitor.last_name);
    await page.getByTestId("visitor").filter({ hasText: ticket.visitor.last_name }).getByRole("link").click();
    const form = page.getByTestId("visitor-form");
    await form.getByLabel("Phone").fill("12");
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByText("Give a phone number, e.g.", { exact: false }).waitFor();
    await form.getByLabel("Phone").fill("8 (903) 555-12-34");
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByText("Saved.").waitFor();
    expect(await form.getByLabel("Phone").inputValue()).toBe("8 (903) 555-12-34");
    const history = page.getByTestId("report").filter({ hasText: "History" });
    await history.getByTestId("history-counts").getByText("Registered: 1. Attended: 0.").waitFor();
    await history.getByText(event.title).waitFor();
    await page.context().close();
  });

  it("an organizer cancelling an event is told everyone will be refunded, and then how many were", async () => {
    const { organizer, event } = await publishedEvent({ price: 300 });
    await registered(event.id);
    await registered(event.id);
    const page = await logInAs(browser(), "organizer@podium.local", "podium-demo", PHONE);
    await page.goto(`/events/manage/${event.id}`);
    await page.getByTestId("cancel-event").click();
    const question = page.getByTestId("confirm");
    await question.getByText(`Cancel «${event.title}»? Registrations: 2.`).waitFor();
    await question.getByText("everyone gets back all they paid", { exact: false }).waitFor();
    await page.screenshot({ path: "tests/e2e/artifacts/events-cancel-event.png", fullPage: true });
    await question.getByRole("button", { name: "Cancel the event and refund everyone" }).click();
    await page
      .getByTestId("cancel-outcome")
      .getByText("Registrations cancelled: 2. Refunds: 2, ₽600.00 in all", { exact: false })
      .waitFor();
    await page.locator('[data-testid="status"][data-status="cancelled"]').first().waitFor();
    expect((await registrationsOf(organizer, event.id)).map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    await page.getByRole("link", { name: "Messages" }).click();
    await page.getByTestId("message").filter({ hasText: "Event cancelled" }).first().waitFor();
    await page.context().close();
  });
});
