// The app as a judge's phone keeps it open all day: a new build loads by itself when nothing is
// waiting to be sent (SvelteKit's version check, on return to the screen), and a logout made
// with no network says it is still waiting and reaches the server when the network is back.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { logInAs, PHONE, useBrowser } from "./browser";
import { competition, newJudge } from "./competitions";

const browser = useBrowser();

/**
 * Makes the next version check (and only it) see a newer build than the one loaded. On the
 * context, not the page: the service worker fetches it, and a page's routes do not see that.
 */
async function deployNewBuild(page: Page) {
  await page.context().route("**/_app/version.json", (route) => route.fulfill({ json: { version: "a-newer-build" } }), {
    times: 1,
  });
}

/** The phone's screen comes back on: SvelteKit checks for a new deployment then. */
const returnToScreen = (page: Page) =>
  page.evaluate('document.dispatchEvent(new Event("visibilitychange", { bubbles: true }))');

/** Counts the page's loads from now on (a reload is one). */
function countLoads(page: Page): () => number {
  let loads = 0;
  page.on("load", () => loads++);
  return () => loads;
}

describe("an app left open", () => {
  it("loads a new build by itself when the phone comes back to the screen", async () => {
    const page = await logInAs(browser(), "judge@podium.local", "podium-demo", PHONE);
    await page.goto("/gym");
    await page.getByTestId("account-name").waitFor({ state: "attached" }); // the app has started: it listens from then on
    const loads = countLoads(page);
    await deployNewBuild(page);
    const reloaded = page.waitForEvent("load");
    await returnToScreen(page);
    await reloaded;
    await page.getByTestId("account-name").waitFor({ state: "attached" });
    expect(loads()).toBe(1);
    await page.context().close();
  });

  it("waits while a mark is half typed, offers to update, and loads once the mark is confirmed", async () => {
    const judge = await newJudge("Ульяна Обновлённая");
    const setup = await competition({ athletes: ["Виктория Листунова"], seats: [[judge.email, "floor", "E1"]] });
    await setup.open(setup.athletes[0]?.id ?? "");
    const page = await logInAs(browser(), judge.email, judge.password, PHONE);
    await page.goto("/gym/judge");
    await page.getByTestId("task").waitFor();
    const loads = countLoads(page);

    await page.keyboard.type("0.5");
    await deployNewBuild(page);
    await returnToScreen(page);
    await page.getByTestId("app-update").getByText("A new version of Podium is ready").waitFor();
    await page.waitForTimeout(1_500);
    expect(loads(), "a half-typed mark holds the old build").toBe(0);

    const reloaded = page.waitForEvent("load");
    await page.keyboard.press("Enter");
    await reloaded;
    expect(loads()).toBe(1);
    // The mark went before the reload, and the new build shows it confirmed.
    await page.locator('[data-testid="mark"][data-state="confirmed"]').getByText("0.500").waitFor();
    await page.context().close();
  });
});

describe("a logout with no network", () => {
  it("is out on the phone at once, says the server is not told yet, and tells it when the network is back", async () => {
    const page = await logInAs(browser(), "judge@podium.local", "podium-demo", {
      viewport: { width: 1280, height: 800 },
    });
    await page.goto("/");
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    const me = async () => (await page.request.get("/api/me")).status();

    await page.context().setOffline(true);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByTestId("logout-pending").waitFor();
    expect(await page.getByTestId("account-name").count()).toBe(0);
    expect(await me(), "the server has not heard the logout: the cookie still works").toBe(200);

    // A reload with no network (the app from the service worker) still does not pretend.
    await page.reload();
    await page.getByTestId("logout-pending").waitFor();

    await page.context().setOffline(false);
    await page.getByRole("link", { name: "Log in" }).waitFor();
    expect(await page.getByTestId("logout-pending").count()).toBe(0);
    expect(await me(), "the session ended on the server").toBe(401);
    await page.context().close();
  });
});
