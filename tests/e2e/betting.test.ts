import { describe, expect, it } from "vitest";
import { logInAs, openPage, registerNew, useBrowser } from "./browser";

const browser = useBrowser();

describe("betting, in the browser", () => {
  it("a bookmaker publishes two teams; a bettor backs the first by name, sees the odds change live, then the bet won", async () => {
    const stamp = Date.now();
    const [first, second] = [`Зенит ${stamp}`, `Спартак ${stamp}`];
    const title = `${first} — ${second}`;
    const bookmaker = await logInAs(browser(), "bookmaker@podium.local");
    await bookmaker.goto("/betting/manage");
    const form = bookmaker.getByTestId("publish-event");
    await form.getByLabel("First team").fill(first);
    await form.getByLabel("Second team").fill(second);
    await form.getByLabel("Odds").fill("1.85");
    await form.getByRole("button", { name: "Publish" }).click();
    const row = bookmaker.getByTestId("line-event").filter({ hasText: title });
    await row.waitFor();

    const bettor = await registerNew(browser(), "Пётр Игроков");
    await bettor.goto("/betting");
    await bettor.getByTestId("open-event").filter({ hasText: title }).click();
    await bettor.getByTestId("odds").getByText("1.85").waitFor();
    await bettor.getByTestId("teams").getByText(`${first} against ${second}: bets are on a win of ${first}.`).waitFor();
    await bettor.getByTestId("slip-team").getByText(`Your bet: a win of ${first}`).waitFor();
    await bettor.getByLabel("Stake").fill("100");
    expect(await bettor.getByTestId("potential-payout").textContent()).toBe("185.00");
    await bettor.getByRole("button", { name: "Place bet at 1.85" }).click();
    await bettor.getByText("Bet placed: 100.00 at 1.85.").waitFor();
    await bettor.locator('[data-testid="bet"][data-status="pending"]').waitFor();

    await row.getByRole("textbox").fill("2.10");
    await row.getByRole("button", { name: "Set odds" }).click();
    await bettor.getByTestId("odds").getByText("2.10").waitFor();
    await bettor.getByText("The odds changed from 1.85 to 2.10.").waitFor();

    // Setting the outcome settles every bet: the bookmaker is asked first, the winner named.
    await row.getByRole("button", { name: `${first} won` }).click();
    const question = row.getByRole("alertdialog");
    await question
      .getByText(`Settle this event as “${first} won”? Every bet on it is settled at once`, { exact: false })
      .waitFor();
    await bettor.waitForTimeout(500);
    expect(await bettor.locator('[data-testid="bet"][data-status="pending"]').count()).toBe(1);
    await question.getByRole("button", { name: "Settle the bets" }).click();
    await row.getByTestId("line-status").getByText(`${first} won`).waitFor();

    await bettor.locator('[data-testid="bet"][data-status="won"]').waitFor();
    expect(await bettor.getByTestId("bet").textContent()).toContain("185.00");
    await bettor.getByTestId("event-status").getByText(`${first} won`).waitFor();
    // A settled event no longer counts down: it says how it ended.
    expect(await bettor.getByTestId("countdown").count()).toBe(0);

    await bettor.goto("/betting/bets");
    await bettor.locator('[data-testid="bet"][data-status="won"]').filter({ hasText: title }).waitFor();
    await bettor.screenshot({ path: "tests/e2e/artifacts/my-bets.png", fullPage: true });
    await bookmaker.context().close();
    await bettor.context().close();
  });

  it("a newcomer finds demo events open on the Betting page, one closing within minutes (npm start's seed)", async () => {
    const page = await openPage(browser());
    await page.goto("/betting");
    const soon = page.getByTestId("open-event").filter({ hasText: "Зенит — Спартак" });
    const closesIn = await soon.getByTestId("countdown").textContent();
    expect(closesIn).toMatch(/^Closes in \d{1,2}:\d\d$/);
    expect(await page.getByTestId("open-event").count()).toBeGreaterThanOrEqual(4);
    await page.context().close();
  });
});
