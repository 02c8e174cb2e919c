// The headers of what the Worker does not answer itself: web/build/_headers (scripts/post-build.mjs)
// as Workers Static Assets serve it, and the API reference page, which must work offline.
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";

const browser = useBrowser();

/** The CSP's directives by name, e.g. { "script-src": ["'self'"] }. */
function directives(csp: string | null): Record<string, string[]> {
  if (csp === null) throw new Error("the response has no Content-Security-Policy");
  return Object.fromEntries(
    csp.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

async function get(path: string) {
  const res = await fetch(`${inject("baseURL")}${path}`);
  expect(res.status, `GET ${path}`).toBe(200);
  return res;
}

// Runs in the page (a string: this project's TypeScript has no DOM types).
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.cspViolations.push(e.violatedDirective + " blocked " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber),
  );`;

/** Records CSP violations and every request the page makes, from before its first script runs. */
async function watch(page: Page) {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.addInitScript({ content: RECORD_VIOLATIONS });
  return {
    violations: () => page.evaluate<string[]>("window.cspViolations"),
    offsite: () =>
      requests.filter((url) => /^(https?|wss?):/.test(url) && new URL(url).host !== new URL(inject("baseURL")).host),
  };
}

describe("the web app's static files carry the security headers", () => {
  it.each(["/", "/gym/judge", "/favicon.svg", "/service-worker.js"])("%s", async (path) => {
    const res = await get(path);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("permissions-policy")).toBe("camera=(self), geolocation=(), microphone=()");
    const csp = directives(res.headers.get("content-security-policy"));
    expect(csp).toMatchObject({
      "default-src": ["'self'"],
      "connect-src": ["'self'"],
      "style-src": ["'self'"],
      "frame-ancestors": ["'none'"],
      "object-src": ["'none'"],
    });
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  });

  it("allows exactly the inline scripts of the served index.html, by hash", async () => {
    const res = await get("/");
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, body = ""]) => body);
    expect(inline.length).toBeGreaterThan(0);
    const hashes = inline.map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    expect(directives(res.headers.get("content-security-policy"))["script-src"]).toEqual(["'self'", ...hashes]);
  });

  it("runs the app in the browser without a single violation", async () => {
    const page = await openPage(browser());
    const seen = await watch(page);
    await page.goto("/login");
    await page.getByLabel("Email").waitFor();
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    expect(await seen.violations()).toEqual([]);
    expect(seen.offsite()).toEqual([]);
    await page.context().close();
  });
});

describe("the API reference page (/api/docs)", () => {
  it("loads its scripts from this origin only, and the bundle is served as JavaScript", async () => {
    const base = inject("baseURL");
    const html = await (await get("/api/docs")).text();
    const sources = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]*)"/g)].map(([, src = ""]) => new URL(src, base));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(src.origin).toBe(new URL(base).origin);
      const script = await get(src.pathname);
      expect(script.headers.get("content-type")).toMatch(/^(text|application)\/javascript\b/);
      expect(await script.text()).toContain("createApiReference");
    }
  });

  it("renders the Podium API's operations with nothing fetched from elsewhere and no violation", async () => {
    const page = await openPage(browser());
    const seen = await watch(page);
    await page.goto("/api/docs");
    await page.getByText("/api/health").first().waitFor();
    await page.getByText("Gym: live scoring").first().waitFor();
    expect(await seen.violations()).toEqual([]);
    expect(seen.offsite()).toEqual([]);
    await page.context().close();
  });
});
