// A running MAG competition with a full floor panel, and the calls judges and head judges make.

import type { Athlete, Competition } from "../../worker/gym/contract";
import type { SessionView } from "../../worker/gym/protocol";
import { type Client, newUser } from "../api/client";
import { grant } from "../api/grants";

export const FIG_SEATS = ["D1", "D2", "E1", "E2", "E3", "E4", "E5", "R1", "R2"];

/** A running MAG competition with one athlete and a full floor panel, each judge logged in. */
export async function floorPanel() {
  const head = await newUser("Head Judge");
  await grant(head.id, "head_judge");
  const competition = (await head.client.post("/api/gym/events", { name: "Кубок", discipline: "MAG" }))
    .body as Competition;
  await head.client.send("PUT", `/api/gym/events/${competition.id}/status`, { action: "start" });
  const athlete = (await head.client.post(`/api/gym/events/${competition.id}/athletes`, { name: "Никита", bib: 7 }))
    .body as Athlete;
  const judges: Record<string, Client> = {};
  for (const position of FIG_SEATS) {
    const judge = await newUser(`Judge ${position}`);
    await head.client.post(`/api/gym/events/${competition.id}/judges`, {
      email: judge.email,
      apparatus: "floor",
      position,
    });
    judges[position] = judge.client;
  }
  return { head, competition, athlete, judges };
}

export type FloorPanel = Awaited<ReturnType<typeof floorPanel>>;

export async function openFloor(panel: FloorPanel, deadlineSeconds = 120, athleteId = panel.athlete.id) {
  const res = await panel.head.client.post("/api/gym/scoring-sessions", {
    event_id: panel.competition.id,
    athlete_id: athleteId,
    apparatus: "floor",
    deadline_seconds: deadlineSeconds,
  });
  if (res.status !== 200) throw new Error(`opening failed: ${JSON.stringify(res.body)}`);
  return res.body as SessionView;
}

export const judgeOf = (panel: FloorPanel, position: string) => panel.judges[position] as Client;

export function mark(client: Client, session: string, position: string, value: number, clientId = crypto.randomUUID()) {
  return client.post("/api/gym/scores", { session_id: session, position, value, client_id: clientId });
}

// D 5.4 (D1 and D2 agree); E deductions 0.8 0.9 0.9 1.0 1.2 → E 9.066; references 0.9 0.9 → 9.100.
export const MARKS: Record<string, number> = {
  D1: 5.4,
  D2: 5.4,
  E1: 0.8,
  E2: 0.9,
  E3: 0.9,
  E4: 1.0,
  E5: 1.2,
  R1: 0.9,
  R2: 0.9,
};
