// States people meet: a competition that does not exist is "not found" on every page of it, and
// "Official results" are linked as such only once they are official. (A settled betting event
// saying how it ended is in betting.test.ts and bet-slip.test.ts.)
import { describe, expect, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { scoredCompetition } from "./competitions";

const browser = useBrowser();

describe("a competition's pages", () => {
  it("say 'not found' for a competition that does not exist, not an empty live page or Loading… for ever", async () => {
    const page = await openPage(browser());
    for (const path of ["", "/board", "/results", "/console", "/setup"]) {
      await page.goto(`/gym/no-such-cup${path}`);
      const notFound = page.getByTestId("error-page");
      await notFound.getByRole("heading", { name: "Not found" }).waitFor();
      await notFound.getByText("There is no such competition.").waitFor();
      expect(await notFound.getAttribute("data-status")).toBe("404");
    }
    await page.context().close();
  });

  it("link 'Official results' only once the results are official", async () => {
    const { head, competition: scored } = await scoredCompetition();
    const page = await openPage(browser());
    await page.goto(`/gym/${scored.id}`);
    await page.getByTestId("results-link").getByText("Results so far (not final)").waitFor();
    expect(await page.getByRole("link", { name: "Official results" }).count()).toBe(0);

    await head.json("POST", "/api/gym/finalize", { event_id: scored.id });
    await page.reload();
    await page.getByTestId("results-link").getByText("Official results").click();
    await page.getByTestId("official").getByText("Official results").waitFor();
    await page.context().close();
  });
});
