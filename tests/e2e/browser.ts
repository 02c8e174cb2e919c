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

/** One Chromium for the test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
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

/** Logs an account in (by default a demo one: worker/db/seed.ts), on a page of its own. */
export async function logInAs(browser: Browser, email: string, password = "podium-demo"): Promise<Page> {
  const page = await openPage(browser);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("account-name").waitFor();
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
