// The bet slip takes money exactly as typed or not at all, closes at the deadline by the line's
// clock whatever the phone's clock says, and a voided event says the stake came back.
import { describe, expect, inject, it } from "vitest";
import { logInAs, openPage, registerNew, useBrowser } from "./browser";
import { logIn } from "./http-session";

const browser = useBrowser();

/** An event published through the API, its deadline `seconds` away. */
async function publish(seconds = 3_600) {
  const bookmaker = await logIn(inject("baseURL"), "bookmaker@podium.local", "podium-demo");
  const stamp = `${Date.now()}${Math.round(Math.random() * 1000)}`;
  const event = await bookmaker.json<{ id: string; title: string }>("POST", "/api/betting/line/events", {
    first_team: `Рубин ${stamp}`,
    second_team: `Ахмат ${stamp}`,
    odds: 2,
    deadline: new Date(Date.now() + seconds * 1000).toISOString(),
  });
  return { bookmaker, event };
}

describe("the bet slip's stake", () => {
  it("is a plain decimal or nothing: 2e2, 0x20 and too many decimals are refused, the limit said in money", async () => {
    const { event } = await publish();
    const bettor = await registerNew(browser(), "Семён Ставкин");
    await bettor.goto(`/betting/events/${event.id}`);
    const stake = bettor.getByLabel("Stake");
    const problem = bettor.getByTestId("stake-problem");
    const place = bettor.getByRole("button", { name: "Place bet at 2.00" });
    for (const typed of ["2e2", "0x20", "1.2.3", "-5"]) {
      await stake.fill(typed);
      await problem.getByText("Type digits, with one point or comma before the decimals.").waitFor();
      expect(await place.isDisabled()).toBe(true);
      expect(await bettor.getByTestId("potential-payout").textContent()).toBe("—");
    }
    await stake.fill("250.001");
    await problem.getByText("At most 2 digits after the decimal point.").waitFor();
    await stake.fill("1000000.01");
    await problem.getByText("At most 1,000,000.00.").waitFor();
    expect(await place.isDisabled()).toBe(true);

    await stake.fill("0,5");
    expect(await problem.count()).toBe(0);
    await place.click();
    await bettor.getByText("Bet placed: 0.50 at 2.00.").waitFor();
    expect(await bettor.getByTestId("bet").count()).toBe(1);
    await bettor.context().close();
  });
});

describe("the bet slip's deadline", () => {
  it("closes at the deadline by the line's clock on a phone whose clock is an hour behind or ahead", async () => {
    const skews = [-3_600_000, 3_600_000];
    const phones = await Promise.all(skews.map((skew) => registerNew(browser(), `Игрок ${skew}`)));
    const { event } = await publish(15);
    const deadline = Date.now() + 15_000;
    for (const [i, phone] of phones.entries()) {
      const skew = skews[i] ?? 0;
      await phone.clock.install({ time: Date.now() + skew });
      await phone.clock.resume();
      await phone.goto(`/betting/events/${event.id}`);
      // The phone's own clock is an hour off, one way or the other.
      expect(Math.abs((await phone.evaluate(() => Date.now())) - Date.now() - skew)).toBeLessThan(60_000);
    }
    for (const phone of phones) {
      await phone.getByLabel("Stake").waitFor();
      expect(await phone.getByTestId("slip-closed").count()).toBe(0);
    }
    expect(Date.now()).toBeLessThan(deadline - 1_000);
    for (const phone of phones) {
      await phone.getByTestId("slip-closed").getByText("This event takes no more bets.").waitFor({ timeout: 20_000 });
      // Closed at the deadline, not an hour early or late.
      expect(Date.now()).toBeGreaterThanOrEqual(deadline - 1_000);
      expect(Date.now()).toBeLessThan(deadline + 3_000);
      expect(await phone.getByLabel("Stake").count()).toBe(0);
    }
    for (const phone of phones) await phone.context().close();
  });
});

describe("a voided event", () => {
  it("is voided by the bookmaker with a reason after a question; the bettor sees 'void — stake returned'", async () => {
    const { event } = await publish();
    const bettor = await registerNew(browser(), "Вера Возвратова");
    await bettor.goto(`/betting/events/${event.id}`);
    await bettor.getByLabel("Stake").fill("100");
    await bettor.getByRole("button", { name: "Place bet at 2.00" }).click();
    await bettor.locator('[data-testid="bet"][data-status="pending"]').waitFor();

    const bookmaker = await logInAs(browser(), "bookmaker@podium.local");
    await bookmaker.goto("/betting/manage");
    const row = bookmaker.locator(`[data-testid="line-event"][data-event-id="${event.id}"]`);
    await row.getByRole("button", { name: "Void…" }).click();
    const question = row.getByRole("alertdialog");
    await question.getByText("Void this event? Every bet on it is settled void and its stake returned.").waitFor();
    await question.getByRole("button", { name: "Void the event" }).click();
    await question.getByText("Required.").waitFor();
    await question.getByLabel("Reason (kept in the audit log)").fill("Матч отменён");
    await question.getByRole("button", { name: "Void the event" }).click();
    await row.getByTestId("line-status").getByText("Void — stakes returned").waitFor();

    const bet = bettor.locator('[data-testid="bet"][data-status="void"]');
    await bet.getByText("Void — stake returned").waitFor();
    expect(await bet.textContent()).toContain("Payout: 100.00");
    await bettor.getByTestId("event-status").getByText("Void — stakes returned").waitFor();
    expect(await bettor.getByTestId("countdown").count()).toBe(0);
    await bettor.goto("/betting/bets");
    await bettor.locator('[data-testid="bet"][data-status="void"]').getByText("Void — stake returned").waitFor();
    for (const page of [bettor, bookmaker]) await page.context().close();
  });
});

describe("a stranger's view of an event", () => {
  it("names both teams without logging in", async () => {
    const { event } = await publish();
    const page = await openPage(browser());
    await page.goto(`/betting/events/${event.id}`);
    await page.getByTestId("teams").getByText("bets are on a win of Рубин", { exact: false }).waitFor();
    await page.context().close();
  });
});
