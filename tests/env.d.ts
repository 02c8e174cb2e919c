import type { D1Migration } from "cloudflare:test";

// The tests' extra binding (vitest.config.ts), on both names the Env type goes by.
interface TestBindings {
  TEST_MIGRATIONS: D1Migration[];
}

declare global {
  interface Env extends TestBindings {}
  namespace Cloudflare {
    interface Env extends TestBindings {}
  }
}
