// Demo betting events for a local Podium, so that the Betting page has matches for a newcomer, one
// of them closing within minutes. An event lives in its EventLine object, which SQL cannot create:
// this starts the Worker for a moment (`wrangler dev` on spare ports, over the local state seed.ts
// has just filled), publishes the events through the API as the demo bookmaker would from the
// Bookmaking page, and stops it. Run again, it moves the deadline of each event still open
// forward, so "closing within minutes" stays true; an event someone settled is left as it is.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Listed in README: keep the two in step. */
export const DEMO_BETTING_EVENTS = [
  { id: "demo-zenit-spartak", first_team: "Зенит", second_team: "Спартак", odds: 1.85, opensFor: 10 * MINUTE },
  { id: "demo-ak-bars-ska", first_team: "Ак Барс", second_team: "СКА", odds: 2.4, opensFor: 2 * DAY },
  { id: "demo-cska-lokomotiv", first_team: "ЦСКА", second_team: "Локомотив", odds: 2.1, opensFor: 3 * DAY },
  { id: "demo-dynamo-krasnodar", first_team: "Динамо", second_team: "Краснодар", odds: 1.65, opensFor: 7 * DAY },
];

const quiet = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The local Worker, answering at the address returned until `stop` is called. */
async function startWorker(wranglerArgs: readonly string[]) {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector)];
  const worker = spawn("wrangler", [...args, "--show-interactive-dev-session=false", ...wranglerArgs], {
    env: quiet,
    detached: true,
    stdio: "ignore",
  });
  const stop = () => worker.pid && process.kill(-worker.pid, "SIGTERM");
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && worker.exitCode === null) {
    if (
      await fetch(`${baseURL}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { baseURL, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`the local Worker did not start (wrangler dev exited with ${worker.exitCode})`);
}

/**
 * Waits until D1's catalogue (what the Betting page lists) shows each event with its deadline: the
 * lines write through a moment after they answer, and the Worker must not stop before.
 */
async function catalogued(baseURL: string, deadlines: Map<string, string>) {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const page = (await (await fetch(`${baseURL}/api/betting/line/events?limit=100`)).json()) as {
      items: { id: string; deadline: string }[];
    };
    const listed = new Map(page.items.map((e) => [e.id, Date.parse(e.deadline)]));
    if ([...deadlines].every(([id, deadline]) => listed.get(id) === Date.parse(deadline))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the demo events did not reach the catalogue in 10 s");
}

/** Publishes the demo events (or moves forward the deadlines of those still open); returns how many are open. */
export async function seedBettingEvents(
  wranglerArgs: readonly string[],
  bookmaker: { email: string; password: string },
) {
  const { baseURL, stop } = await startWorker(wranglerArgs);
  try {
    const login = await fetch(`${baseURL}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(bookmaker),
    });
    if (!login.ok) throw new Error(`logging in as ${bookmaker.email} failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${baseURL}/api${path}`, {
        method,
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const open = new Map<string, string>();
    for (const { opensFor, ...event } of DEMO_BETTING_EVENTS) {
      const deadline = new Date(Date.now() + opensFor).toISOString();
      const published = await send("POST", "/betting/line/events", { ...event, deadline });
      if (published.status === 409) {
        const current = (await (await fetch(`${baseURL}/api/betting/line/events/${event.id}`)).json()) as {
          status: string;
        };
        if (current.status !== "not_finished") continue;
        const moved = await send("PATCH", `/betting/line/events/${event.id}`, { deadline });
        if (!moved.ok) throw new Error(`moving the deadline of ${event.id} failed: ${await moved.text()}`);
      } else if (!published.ok) {
        throw new Error(`publishing ${event.id} failed: ${await published.text()}`);
      }
      open.set(event.id, deadline);
    }
    await catalogued(baseURL, open);
    return open.size;
  } finally {
    stop();
  }
}
