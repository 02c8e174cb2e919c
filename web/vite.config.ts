import { paraglideVitePlugin } from "@inlang/paraglide-js";
import adapter from "@sveltejs/adapter-static";
import { sveltekit } from "@sveltejs/kit/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// The SPA is built into web/build, which the Worker serves as static assets (wrangler.toml).
export default defineConfig({
  plugins: [
    tailwindcss(),
    paraglideVitePlugin({
      project: "./project.inlang",
      outdir: "./src/lib/paraglide",
      // A chosen language is remembered in a cookie; otherwise the browser's, else English.
      strategy: ["cookie", "preferredLanguage", "baseLocale"],
    }),
    // A phone left open all day learns of a new build within a minute (lib/app-update.svelte.ts).
    sveltekit({ adapter: adapter({ fallback: "index.html" }), version: { pollInterval: 60_000 } }),
  ],
  build: {
    rolldownOptions: {
      output: {
        // Paraglide makes a module of every message; those shared by several pages became ~90
        // chunks of a few hundred bytes each, fetched one by one on a page's first load (a phone
        // on venue Wi-Fi paid a round trip for each). They travel as one chunk instead.
        codeSplitting: { groups: [{ name: "messages", test: /paraglide[\\/]messages/, minShareCount: 2 }] },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8787", "/parties": { target: "ws://127.0.0.1:8787", ws: true } } },
});
