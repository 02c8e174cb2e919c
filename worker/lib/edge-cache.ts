// Public, briefly stale answers from the edge cache, for reads far more frequent than changes.
import type { Context } from "hono";

/** Serves the cached answer for this URL if fresh, else makes it, caches it and serves it. */
export async function cachedFor<R extends Response>(c: Context, seconds: number, make: () => Promise<R>): Promise<R> {
  const cache = await caches.open("podium");
  const key = new Request(c.req.url, { method: "GET" });
  const hit = await cache.match(key);
  // A hit is the very response `make` gave before, so it has R's body. Its headers are immutable:
  // a copy lets the middleware after it (security headers) add theirs.
  if (hit) return new Response(hit.body, hit) as R;
  const response = await make();
  if (response.ok) {
    response.headers.set("cache-control", `public, max-age=${seconds}`);
    c.executionCtx.waitUntil(cache.put(key, response.clone()));
  }
  return response;
}
