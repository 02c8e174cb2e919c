// Debian's Chromium driven by playwright-core (no browser download on this machine).
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * One Chromium for the test file: launched before its tests, closed after them. `args` adds
 * switches of its own (e.g. a fake camera showing a file).
 */
export function useBrowser(args: string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: [...CHROMIUM_ARGS, ...args],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is launched in beforeAll; use it inside tests");
    return browser;
  };
}

/** A new browser profile (cookies and all) opened at Podium's address. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject("baseURL"), locale: "en-US", ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

let counter = 0;
export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${++counter}@example.com`;
}

/** A phone's screen, as the issues measured it (an iPhone 12 to 15). */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * Logs an account in (by default a demo one: worker/db/seed.ts), on a page of its own, in any
 * language the options give the browser (the form's fields are found by type, not by label).
 */
export async function logInAs(
  browser: Browser,
  email: string,
  password = "podium-demo",
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await openPage(browser, options);
  await page.goto("/login");
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator("form").getByRole("button").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

/** Registers a new account, logged in on a page of its own. */
export async function registerNew(browser: Browser, name: string): Promise<Page> {
  const page = await openPage(browser);
  await page.goto("/register");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("bettor"));
  await page.getByLabel("Password").fill("e2e password 1");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("account-name").waitFor();
  return page;
}

/**
 * Opens a page, waits for its own content (past "Loading…") and for late layout (charts, fonts),
 * then measures how wide it is: wider than the viewport means it scrolls sideways.
 */
export async function widthOf(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await page.locator("main > *").first().waitFor();
  // Past every "Loading…" (first() moves on to the next one until none is left), then its fonts,
  // then two frames drawn (a chart sizes itself to its box in the frame after its data came).
  await page
    .locator("main")
    .getByText(/^(Loading|Загрузка)…$/)
    .first()
    .waitFor({ state: "hidden" });
  await page.evaluate(
    "document.fonts.ready.then(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))))",
  );
  return page.evaluate<number>("document.documentElement.scrollWidth");
}
