// Podium on a 390 × 844 phone: a header of one row with a menu button, every tap target at least
// 44 px tall, and nothing that makes a page scroll sideways (wide tables scroll in their own box).
import { describe, expect, it } from "vitest";
import { logInAs, openPage, PHONE, useBrowser, widthOf } from "./browser";
import { scoredCompetition } from "./competitions";

const browser = useBrowser();

describe("on a phone", () => {
  it.each(["en-US", "ru-RU"])(
    "the header is one row with a menu, its links and language switch at least 44 px tall (%s)",
    async (locale) => {
      const page = await logInAs(browser(), "admin@podium.local", "podium-demo", { ...PHONE, locale });
      const header = page.locator("header");
      expect((await header.boundingBox())?.height).toBeLessThanOrEqual(72);
      for (const target of await header.locator("a, button").all()) {
        if (!(await target.isVisible())) continue;
        expect((await target.boundingBox())?.height, await target.innerText()).toBeGreaterThanOrEqual(44);
      }
      await page.getByTestId("menu-button").click();
      const menu = page.locator("#site-menu");
      const links = await menu.locator("a, button").all();
      expect(links.length).toBeGreaterThanOrEqual(6);
      for (const link of links) {
        expect((await link.boundingBox())?.height, await link.innerText()).toBeGreaterThanOrEqual(44);
      }
      await page.screenshot({ path: `tests/e2e/artifacts/phone-menu-${locale.slice(0, 2)}.png` });
      await menu.getByRole("link", { name: locale === "en-US" ? "Betting" : "Ставки", exact: true }).click();
      await page.waitForURL("**/betting");
      expect(await menu.count()).toBe(0);
      await page.context().close();
    },
  );

  it.each(["en-US", "ru-RU"])("no page scrolls sideways at 390 px, tables included (%s)", async (locale) => {
    const { competition: scored } = await scoredCompetition();
    const lang = locale.slice(0, 2);
    const page = await logInAs(browser(), "admin@podium.local", "podium-demo", { ...PHONE, locale });
    const paths = [
      "/",
      "/gym",
      `/gym/${scored.id}`,
      `/gym/${scored.id}/results`,
      `/gym/${scored.id}/board`,
      `/gym/${scored.id}/console`,
      `/gym/${scored.id}/setup`,
      "/gym/manage",
      "/gym/manage/new",
      "/gym/judge",
      "/betting",
      "/betting/events/demo-zenit-spartak",
      "/betting/bets",
      "/betting/manage",
      "/admin",
      "/profile",
      "/no/such/page",
    ];
    const wide: string[] = [];
    for (const path of paths) {
      const width = await widthOf(page, path);
      if (width > 390) wide.push(`${path}: ${width}px`);
      if (/results|board|console|setup|judge|manage$|betting$/.test(path)) {
        const name = path.replace(scored.id, "competition").replaceAll("/", "-").replace(/^-/, "");
        await page.screenshot({ path: `tests/e2e/artifacts/phone-${lang}-${name}.png`, fullPage: true });
      }
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it("a results table wider than the phone scrolls in its own box", async () => {
    const { competition: scored } = await scoredCompetition();
    const page = await openPage(browser(), { ...PHONE, viewport: { width: 320, height: 640 } });
    await page.goto(`/gym/${scored.id}/results`);
    const table = page.getByTestId("results-table").first();
    await table.waitFor();
    const overflow = 'getComputedStyle(document.querySelector("[data-testid=results-table]").parentElement).overflowX';
    expect(await page.evaluate<string>(overflow)).toBe("auto");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    await page.context().close();
  });
});
