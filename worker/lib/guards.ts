// Checks every request passes before any route sees it: where a state-changing request comes
// from (cross-site request forgery), and what its body is (JSON only).
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { forbidden, Problem } from "./problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change state, judged by where the browser says it comes from, as Go's
 * net/http CrossOriginProtection does: browsers send Sec-Fetch-Site (all current ones) or at least
 * Origin on a cross-site write; a request with neither is not from a browser (curl, a target
 * system, a webhook), so no one's cookies ride on it and there is nothing to forge.
 */
export function isSameOriginOrNotBrowser(headers: Headers, url: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = headers.get("origin");
  return origin === null || origin === new URL(url).origin;
}

export const crossOriginProtection = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !isSameOriginOrNotBrowser(c.req.raw.headers, c.req.url)) {
    throw forbidden("This request came from another site. Podium accepts changes only from its own pages.");
  }
  await next();
});

/** application/json and every +json type, with any parameters and the whitespace RFC 9110 allows. */
const JSON_MEDIA_TYPE = /^\s*application\/([a-z0-9!#$&^_.-]+\+)?json\s*(;.*)?$/i;

export const unsupportedMediaType = (sent: string | undefined) =>
  new Problem(
    415,
    "unsupported-media-type",
    "Unsupported media type",
    `Send the body as JSON with Content-Type: application/json${sent ? `, not ${sent}` : ""}.`,
    { accepted: ["application/json"] },
  );

/**
 * A request that carries a body must say it is JSON; a bodyless one (logout, publish) need not.
 * A JSON type written in another valid way (`application/json ; charset=utf-8`) is passed on as
 * plain `application/json`, since the routes' own validators know only the common spellings.
 */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type");
  const hasBody = c.req.header("transfer-encoding") !== undefined || Number(c.req.header("content-length") ?? 0) > 0;
  if (!SAFE_METHODS.has(c.req.method) && (hasBody || type !== undefined)) {
    if (!(type && JSON_MEDIA_TYPE.test(type))) throw unsupportedMediaType(type);
    if (type !== "application/json") {
      const headers = new Headers(c.req.raw.headers);
      headers.set("content-type", "application/json");
      c.req.raw = new Request(c.req.raw, { headers });
    }
  }
  await next();
});
