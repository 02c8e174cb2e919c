import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SCALAR_SCRIPT } from "../../worker/lib/docs";
import { Client, ORIGIN } from "./client";

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

describe("API responses carry the security headers", () => {
  it.each([
    ["a JSON answer", "/api/health", 200],
    ["a problem+json error", "/api/no-such-route", 404],
  ])("%s", async (_, path, status) => {
    const res = await new Client().get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(directives(res.headers.get("content-security-policy"))).toEqual({
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
  });
});

describe("the API reference page (/api/docs)", () => {
  it("keeps its own policy: only its nonced scripts, the same-origin bundle first", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/docs`));
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get("content-security-policy"));
    const [nonceSource = "", ...others] = csp["script-src"] ?? [];
    expect(others).toEqual([]);
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(nonceSource)?.[1];
    expect(nonce, `script-src should be one nonce, got ${nonceSource}`).toBeDefined();
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);

    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map(([, attributes = ""]) => attributes);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    const sources = scripts.flatMap((attributes) => /\ssrc="([^"]*)"/.exec(attributes)?.[1] ?? []);
    expect(sources).toEqual([SCALAR_SCRIPT]);
    // A second request gets a fresh nonce.
    const again = await exports.default.fetch(new Request(`${ORIGIN}/api/docs`));
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });
});
