// The judge's phone: their tasks, their marks and the link to the hall. Marks go through the
// IndexedDB outbox (outbox.ts) and are flushed whenever the phone may be back online: the
// socket reopening, the browser's "online" event, and a slow timer while anything is unconfirmed.
// Tasks arrive over each running competition's Scoreboard socket; the list itself comes from
// GET /gym/scores/pending and is remembered for a reload with no network. Which competitions run
// is asked again every little while and whenever the judge comes back to the app, so that one
// started after the app was opened reaches the judge too. A task the phone has marked is done at
// once (judge-tasks.ts); it comes back only when the head judge asks that seat to score again.
import type PartySocket from "partysocket";
import type { JudgeAssignment } from "../../../../worker/gym/contract";
import type { PendingTask, ServerMessage } from "../../../../worker/gym/protocol";
import type { ProblemBody } from "../../../../worker/lib/problem";
import { ApiProblem, api } from "../api";
import { liveSocket } from "../live-socket";
import { m } from "../paraglide/messages";
import { clearedSince, isAskedAgain, openTasks, seatKey } from "./judge-tasks";
import { apparatusName } from "./names";
import { type Delivery, flush, Outbox, type OutboxMark, oneAtATime } from "./outbox";

const RETRY_MS = 5_000;
/** How often the running competitions and the tasks are asked again; a socket brings tasks sooner. */
const REFRESH_MS = 15_000;

/** The link to the hall as the status pill tells it. */
export type LinkState = "offline" | "no-competition" | "connecting" | "online";

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
  return { kind: "rejected", problem: refusalWords(problem) ?? problem?.detail ?? `HTTP ${response.status}` };
}

/** Why a mark was refused, in the judge's language, for the refusals a judge meets. */
function refusalWords(problem: ProblemBody | null): string | undefined {
  if (problem?.type === "urn:podium:problem:session-closed") return m.judge_refused_closed();
  if (problem?.status === 403) return m.judge_refused_seat();
  return undefined;
}

export class JudgeDesk {
  #tasks = $state.raw<PendingTask[]>([]);
  /** Every mark on this phone, oldest first. */
  #marks = $state.raw<OutboxMark[]>([]);
  /** When (by this phone's clock) the head judge asked each seat to score again. */
  #asked = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** The running competitions where this judge sits; null until first known. */
  #competitions = $state.raw<string[] | null>(null);
  #openSockets = $state(0);
  #networkUp = $state(navigator.onLine);
  #ready = $state(false);
  #open = $derived(openTasks(this.#tasks, this.#marks, this.#asked));
  #outbox: Outbox | null = null;
  #sockets = new Map<string, PartySocket>();
  #timers: ReturnType<typeof setInterval>[] = [];
  #onOnline = () => {
    this.#networkUp = true;
    this.#refresh();
  };
  #onOffline = () => (this.#networkUp = false);
  #onReturn = () => {
    if (document.visibilityState === "visible") this.#refresh();
  };

  constructor(private readonly owner: string) {}

  /** The tasks still to do, soonest deadline first. */
  get tasks() {
    return this.#open;
  }
  /** Every mark on this phone, newest first. */
  get marks() {
    return this.#marks.toReversed();
  }
  /** The mark saved last: what the judge wants to see confirmed. */
  get lastMark(): OutboxMark | undefined {
    return this.#marks.at(-1);
  }
  get link(): LinkState {
    if (!this.#networkUp) return "offline";
    if (this.#openSockets > 0) return "online";
    return this.#competitions?.length === 0 ? "no-competition" : "connecting";
  }
  get ready() {
    return this.#ready;
  }

  /** The head judge asked this seat to score again, and the judge has not yet. */
  askedAgain(task: PendingTask): boolean {
    return isAskedAgain(task, this.#marks, this.#asked);
  }

  async start() {
    this.#outbox = await Outbox.open(this.owner);
    this.#tasks = (await this.#outbox.recall<PendingTask[]>("tasks")) ?? [];
    this.#asked = new Map(await this.#outbox.recall<[string, number][]>("asked"));
    await this.#showMarks();
    this.#ready = true;
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    document.addEventListener("visibilitychange", this.#onReturn);
    this.#timers = [
      setInterval(() => {
        if (this.#marks.some((m) => m.state === "saved" || m.state === "sent")) this.#flush();
      }, RETRY_MS),
      setInterval(() => this.#networkUp && this.#refresh(), REFRESH_MS),
    ];
    await this.#refresh();
  }

  stop() {
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    document.removeEventListener("visibilitychange", this.#onReturn);
    for (const timer of this.#timers) clearInterval(timer);
    for (const socket of this.#sockets.values()) socket.close();
    this.#outbox?.close();
  }

  /** Saves the mark on the phone first (the task is done from then on), then tries to send it. */
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

  /** Which competitions run, a socket to each (and none to those that stopped), then the tasks. */
  async #refresh() {
    await this.#flush();
    const assignments = await this.#fetchOr(() => api<JudgeAssignment[]>("GET", "/gym/events/active"), "competitions");
    if (assignments) {
      const running = assignments.map((a) => a.competition.id);
      for (const id of running) if (!this.#sockets.has(id)) this.#link(id);
      for (const [id, socket] of this.#sockets) {
        if (!running.includes(id)) {
          socket.close();
          this.#sockets.delete(id);
        }
      }
      this.#countOpen();
      this.#competitions = running;
    }
    await this.#refreshTasks();
  }

  #link(competitionId: string) {
    const socket = liveSocket("scoreboard", competitionId);
    socket.addEventListener("open", () => {
      this.#countOpen();
      this.#flush().then(() => this.#refreshTasks());
    });
    socket.addEventListener("close", () => this.#countOpen());
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data) as ServerMessage;
      if (!("action" in message)) return;
      // A new task, or a re-score of one seat; the pending list says which seats are this judge's.
      if (message.position) this.#askAgain([seatKey(message.session_id, message.position)]);
      this.#refreshTasks();
    });
    this.#sockets.set(competitionId, socket);
  }

  #countOpen() {
    this.#openSockets = [...this.#sockets.values()].filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  #askAgain(keys: string[]) {
    if (keys.length === 0) return;
    const asked = new Map(this.#asked);
    for (const key of keys) asked.set(key, Date.now());
    this.#asked = asked;
    this.#outbox?.remember("asked", [...asked]);
  }

  async #refreshTasks() {
    const confirmed = new Set(this.#marks.filter((m) => m.state === "confirmed").map((m) => m.clientId));
    const tasks = await this.#fetchOr(() => api<PendingTask[]>("GET", "/gym/scores/pending"), "tasks");
    if (!tasks) return;
    this.#askAgain(clearedSince(tasks, confirmed, this.#marks, this.#asked));
    this.#tasks = tasks;
  }

  /**
   * A fresh answer (remembered for later), the remembered one when the network is not there, or
   * nothing new when the server refuses for now (a session that expired: the page asks to log in).
   */
  async #fetchOr<T>(load: () => Promise<T>, key: string): Promise<T | null> {
    try {
      const value = await load();
      await this.#outbox?.remember(key, value);
      return value;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      return error.status === 0 ? ((await this.#outbox?.recall<T>(key)) ?? null) : null;
    }
  }

  /** One flush at a time; asked again meanwhile (a new mark), it runs once more when done. */
  #flush = oneAtATime(async () => {
    if (!this.#outbox) return;
    await flush(this.#outbox, deliver, () => this.#showMarks());
    await this.#showMarks();
  });

  async #showMarks() {
    this.#marks = (await this.#outbox?.all()) ?? [];
  }
}
