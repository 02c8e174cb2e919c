// Debian's Chromium driven by playwright-core (no browser download on this machine).
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
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
