// The judge's phone: their tasks, their marks and the link to the hall. Marks go through the
// IndexedDB outbox (outbox.ts) and are flushed whenever the phone may be back online: the
// socket reopening, the browser's "online" event, and a slow timer while anything is unconfirmed.
// Tasks arrive over the competition's Scoreboard socket; the list itself comes from
// GET /gym/scores/pending and is remembered for a reload with no network.
import type PartySocket from "partysocket";
import type { JudgeAssignment } from "../../../../worker/gym/contract";
import type { PendingTask } from "../../../../worker/gym/protocol";
import type { ProblemBody } from "../../../../worker/lib/problem";
import { ApiProblem, api } from "../api";
import { liveSocket } from "../live-socket";
import { apparatusName } from "./names";
import { type Delivery, flush, Outbox, type OutboxMark } from "./outbox";

const RETRY_MS = 5_000;

async function deliver(mark: OutboxMark): Promise<Delivery> {
  let response: Response;
  try {
    response = await fetch("/api/gym/scores", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        session_id: mark.sessionId,
        position: mark.position,
        value: mark.value / 1000,
        client_id: mark.clientId,
      }),
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.ok) return { kind: "ack" };
  // Logged out, throttled or a server fault: the mark is still good, try again later.
  if (response.status === 401 || response.status === 429 || response.status >= 500) return { kind: "retry" };
  const problem = (await response.json().catch(() => null)) as ProblemBody | null;
  return { kind: "rejected", problem: problem?.detail ?? `HTTP ${response.status}` };
}

export class JudgeDesk {
  #tasks = $state.raw<PendingTask[]>([]);
  #marks = $state.raw<OutboxMark[]>([]);
  #linked = $state(false);
  #networkUp = $state(navigator.onLine);
  #ready = $state(false);
  #outbox: Outbox | null = null;
  #sockets: PartySocket[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> | null = null;
  #again = false;
  #onOnline = () => {
    this.#networkUp = true;
    this.#sync();
  };
  #onOffline = () => (this.#networkUp = false);

  constructor(private readonly owner: string) {}

  /** The open tasks, soonest deadline first. */
  get tasks() {
    return this.#tasks;
  }
  /** Every mark on this phone, newest first. */
  get marks() {
    return this.#marks;
  }
  /** Connected to the hall right now: the network is up and the socket open. */
  get online() {
    return this.#linked && this.#networkUp;
  }
  get ready() {
    return this.#ready;
  }

  /** The latest mark this phone holds for a task's seat. */
  markFor(task: PendingTask): OutboxMark | undefined {
    return this.#marks.find((m) => m.sessionId === task.session_id && m.position === task.position);
  }

  async start() {
    this.#outbox = await Outbox.open(this.owner);
    this.#tasks = (await this.#outbox.recall<PendingTask[]>("tasks")) ?? [];
    await this.#showMarks();
    this.#ready = true;
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    this.#timer = setInterval(() => {
      if (this.#marks.some((m) => m.state === "saved" || m.state === "sent")) this.#flush();
    }, RETRY_MS);
    const competitions =
      (await this.#fetchOr(() => api<JudgeAssignment[]>("GET", "/gym/events/active"), "competitions")) ?? [];
    for (const { competition } of competitions) this.#link(competition.id);
    await this.#sync();
  }

  stop() {
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    clearInterval(this.#timer);
    for (const socket of this.#sockets) socket.close();
    this.#outbox?.close();
  }

  /** Saves the mark on the phone first, then tries to send it. */
  async submit(task: PendingTask, value: number) {
    if (!this.#outbox) return;
    await this.#outbox.save({
      clientId: crypto.randomUUID(),
      sessionId: task.session_id,
      position: task.position,
      value,
      label: `${task.athlete.name} · ${apparatusName(task.apparatus)}`,
    });
    await this.#showMarks();
    await this.#flush();
  }

  #link(competitionId: string) {
    const socket = liveSocket("scoreboard", competitionId);
    socket.addEventListener("open", () => {
      this.#linked = true;
      this.#sync();
    });
    socket.addEventListener("close", () => (this.#linked = this.#sockets.some((s) => s.readyState === WebSocket.OPEN)));
    socket.addEventListener("message", (event) => {
      // A new task (or a re-score): the pending list says which seat it is for.
      if ((JSON.parse(event.data) as { action?: string }).action === "new_scoring") this.#refreshTasks();
    });
    this.#sockets.push(socket);
  }

  /** After (re)connecting: send what waits, then ask what is open now. */
  async #sync() {
    await this.#flush();
    await this.#refreshTasks();
  }

  async #refreshTasks() {
    const tasks = await this.#fetchOr(() => api<PendingTask[]>("GET", "/gym/scores/pending"), "tasks");
    if (tasks) this.#tasks = tasks;
  }

  /** A fresh answer (remembered for later), or null when the network is not there. */
  async #fetchOr<T>(load: () => Promise<T>, key: string): Promise<T | null> {
    try {
      const value = await load();
      await this.#outbox?.remember(key, value);
      return value;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 0) return (await this.#outbox?.recall<T>(key)) ?? null;
      throw error;
    }
  }

  /** One flush at a time; asked again meanwhile (a new mark), it runs once more when done. */
  #flush(): Promise<void> {
    const outbox = this.#outbox;
    if (!outbox) return Promise.resolve();
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      do {
        this.#again = false;
        await flush(outbox, deliver, () => this.#showMarks());
      } while (this.#again);
      await this.#showMarks();
    })().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #showMarks() {
    this.#marks = ((await this.#outbox?.all()) ?? []).reverse();
  }
}
