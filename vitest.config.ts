import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Three projects: everything inside workerd (unit rules, the API, Durable Objects); the web
// app's own logic in Node (tests/web); and the end-to-end tests in Node driving Chromium
// against `wrangler dev` (tests/e2e/server.ts).
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, AUTH_SECRET: "test-secret-not-used-outside-tests-0123456789" },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["tests/{unit,api,do}/**/*.test.ts"],
            setupFiles: ["tests/apply-migrations.ts"],
            // Two test processes share CI's two cores with workerd itself: a test that takes a
            // second here can take several there. A hang still fails, just later.
            testTimeout: 20_000,
          },
        },
        { test: { name: "web", include: ["tests/web/**/*.test.ts"] } },
        {
          test: {
            name: "e2e",
            include: ["tests/e2e/**/*.test.ts"],
            globalSetup: ["tests/e2e/server.ts"],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
