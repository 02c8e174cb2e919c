// The API reference at /api/docs: Scalar's UI, loaded from this origin rather than a CDN (so it
// is the version package-lock.json pins, and it works at a venue without internet), under a
// content security policy that lets only that script and the page's own nonced config run.
import { Scalar } from "@scalar/hono-api-reference";
import { NONCE, secureHeaders } from "hono/secure-headers";

/** @scalar/api-reference's UMD bundle, put into the static assets by scripts/post-build.mjs. */
export const SCALAR_SCRIPT = "/vendor/scalar/standalone.js";

/**
 * The docs page's own policy; the app-wide secureHeaders (worker/app.ts) keeps it. Scripts: only
 * the nonced ones. Styles: Scalar's bundle injects <style> elements (only one of them nonced) and
 * renders style="…" attributes, so 'unsafe-inline' for styles (with a nonce it would be ignored).
 */
export const docsHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: [NONCE],
    styleSrc: ["'self'", "'unsafe-inline'"],
    // The OpenAPI document and the "Test request" client: this API only.
    connectSrc: ["'self'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "strict-origin-when-cross-origin",
  xFrameOptions: "DENY",
});

/** Renders the reference page; docsHeaders must run first, it makes the nonce. */
export const docsPage = Scalar((c) => ({
  url: "/api/openapi.json",
  pageTitle: "Podium API",
  // A cdn URL selects the single-file UMD build (`<script src>`, then an inline nonced init).
  cdn: SCALAR_SCRIPT,
  nonce: c.get("secureHeadersNonce"),
  // Nothing that would reach the internet: Scalar's web fonts, telemetry, its AI agent.
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: "never",
}));
