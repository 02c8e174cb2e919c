// A fresh `wrangler dev` on its own port with its own local D1 (migrated, with the demo accounts),
// serving the built web app: for the end-to-end tests and the benchmarks.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

export interface DevServer {
  baseURL: string;
  /** Where the local D1 and Durable Object storage live. */
  state: string;
  stop: () => void;
}

const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  AUTH_SECRET: randomBytes(32).toString("hex"),
};

async function waitForHealth(baseURL: string, server: ChildProcess, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${baseURL}/api/health within ${timeoutMs} ms:\n${log()}`);
}

/** A server on `port`; its state (thrown away at stop) in a new folder under `stateIn`. */
export async function startDevServer(port: number, { stateIn = tmpdir() } = {}): Promise<DevServer> {
  const baseURL = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(stateIn, "podium-dev-"));
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    env: quiet,
    stdio: "ignore",
  });
  execFileSync("tsx", ["worker/db/seed.ts", "--persist-to", state], { env: quiet, stdio: "ignore" });
  const server = spawn(
    "wrangler",
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, "--show-interactive-dev-session=false"],
    { env: quiet, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  await waitForHealth(baseURL, server, () => output);
  return {
    baseURL,
    state,
    stop: () => {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * The server's local D1, opened directly as the SQLite file it is: for benchmarks to check what
 * landed, or to write bulk data faster than the API could. Waits up to 30 s for the server's locks.
 */
export function openLocalD1(server: DevServer, { readOnly = true } = {}): DatabaseSync {
  const dir = join(server.state, "v3/d1/miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return new DatabaseSync(join(dir, file), { readOnly, timeout: 30_000 });
}
