// Global setup of the e2e project: a fresh `wrangler dev` on its own port and its own local
// D1, migrated from migrations/, serving the built web app (npm test builds it first).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const PORT = Number(process.env.E2E_PORT ?? 8790);
const BASE_URL = `http://127.0.0.1:${PORT}`;

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  AUTH_SECRET: randomBytes(32).toString("hex"),
};

async function waitForHealth(server: ChildProcess, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${BASE_URL}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${BASE_URL}/api/health within ${timeoutMs} ms:\n${log()}`);
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), "podium-e2e-"));
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    env: quiet,
    stdio: "ignore",
  });
  // The demo accounts (README), so that tests can act as a bookmaker or an admin.
  execFileSync("tsx", ["worker/db/seed.ts", "--persist-to", state], { env: quiet, stdio: "ignore" });
  const server = spawn(
    "wrangler",
    ["dev", "--ip", "127.0.0.1", "--port", String(PORT), "--persist-to", state, "--show-interactive-dev-session=false"],
    { env: quiet, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  await waitForHealth(server, () => output);
  project.provide("baseURL", BASE_URL);

  return () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    rmSync(state, { recursive: true, force: true });
  };
}
