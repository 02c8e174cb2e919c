import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates the SQL; wrangler applies it (locally, remotely and in tests).
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
