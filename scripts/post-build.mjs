// Runs after `vite build` (npm run build) and finishes web/build, the Worker's static assets:
// 1. copies Scalar's self-contained browser bundle there, so /api/docs loads its script from our
//    own origin, at the version package-lock.json pins, and works without internet at a venue;
// 2. writes web/build/_headers, the security headers Workers Static Assets adds to every file it
//    serves (the Worker's own responses, /api/*, get theirs from hono/secure-headers instead).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "web", "build");

// Served as /vendor/scalar/standalone.js (worker/lib/docs.ts points the docs page at it). The
// zod inside it probes for eval with `Function("")` unless told not to, and under the docs page's
// policy that probe is a reported violation: the one line in front tells it (zod's documented
// `jitless` setting, which it reads from this global).
const scalar = join(root, "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");
mkdirSync(join(build, "vendor", "scalar"), { recursive: true });
writeFileSync(
  join(build, "vendor", "scalar", "standalone.js"),
  `globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };\n${readFileSync(scalar, "utf8")}`,
);

/** Every .html file under dir. */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

// SvelteKit's fallback page boots the app from one inline <script> whose text changes with every
// build, so the policy allows exactly the inline scripts the built pages contain, by hash.
const hashes = new Set();
for (const file of htmlFiles(build)) {
  for (const [, body] of readFileSync(file, "utf8").matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
}

const csp = [
  "default-src 'self'",
  `script-src 'self' ${[...hashes].join(" ")}`,
  // 'self' also allows ws: and wss: to this same host (the /parties sockets).
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  // Stylesheets are files; only style="…" attributes are inline: SvelteKit's route announcer and
  // app.html's wrapper have them (Svelte sets dynamic styles through CSSOM, which CSP allows).
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

// One rule for every path: SPA routes (answered with index.html), the built files, the service
// worker (whose own fetches the policy's connect-src governs) and the vendored docs bundle.
writeFileSync(
  join(build, "_headers"),
  `/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  X-Frame-Options: DENY
  Permissions-Policy: camera=(self), geolocation=(), microphone=()
`,
);
console.log(`web/build: vendor/scalar/standalone.js and _headers written with ${hashes.size} script hash(es)`);
