import { describe, expect, it } from "vitest";
import { logInAs, registerNew, useBrowser } from "./browser";

const browser = useBrowser();

describe("betting, in the browser", () => {
  it("a bookmaker publishes; a bettor bets, sees the odds change live, then sees the bet won", async () => {
    const title = `Зенит — Спартак ${Date.now()}`;
    const bookmaker = await logInAs(browser(), "bookmaker@podium.local");
    await bookmaker.goto("/betting/manage");
    await bookmaker.getByLabel("Teams").fill(title);
    await bookmaker.getByLabel("Odds").fill("1.85");
    await bookmaker.getByRole("button", { name: "Publish" }).click();
    const row = bookmaker.getByTestId("line-event").filter({ hasText: title });
    await row.waitFor();

    const bettor = await registerNew(browser(), "Пётр Игроков");
    await bettor.goto("/betting");
    await bettor.getByTestId("open-event").filter({ hasText: title }).click();
    await bettor.getByTestId("odds").getByText("1.85").waitFor();
    await bettor.getByLabel("Stake").fill("100");
    expect(await bettor.getByTestId("potential-payout").textContent()).toBe("185.00");
    await bettor.getByRole("button", { name: "Place bet at 1.85" }).click();
    await bettor.getByText("Bet placed: 100.00 at 1.85.").waitFor();
    await bettor.locator('[data-testid="bet"][data-status="pending"]').waitFor();

    await row.getByRole("textbox").fill("2.10");
    await row.getByRole("button", { name: "Set odds" }).click();
    await bettor.getByTestId("odds").getByText("2.10").waitFor();
    await bettor.getByText("The odds changed from 1.85 to 2.10.").waitFor();

    await bookmaker
      .getByTestId("line-event")
      .filter({ hasText: title })
      .getByRole("button", { name: "First team won" })
      .click();
    await bettor.locator('[data-testid="bet"][data-status="won"]').waitFor();
    expect(await bettor.getByTestId("bet").textContent()).toContain("185.00");
    await bettor.getByTestId("event-status").getByText("First team won").waitFor();

    await bettor.goto("/betting/bets");
    await bettor.locator('[data-testid="bet"][data-status="won"]').filter({ hasText: title }).waitFor();
    await bettor.screenshot({ path: "tests/e2e/artifacts/my-bets.png", fullPage: true });
    await bookmaker.context().close();
    await bettor.context().close();
  });
});
