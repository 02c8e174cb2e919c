// Competitions set up through the API, as a head judge's own pages would, for tests about what
// happens next: who judges where, who competes, which sessions are open.
import { inject } from "vitest";
import { uniqueEmail } from "./browser";
import { HttpSession, logIn } from "./http-session";

export interface Judge {
  email: string;
  password: string;
}

/** A new account, to be seated as a judge. */
export async function newJudge(name: string): Promise<Judge> {
  const judge = { email: uniqueEmail("judge"), password: "e2e judge password" };
  await new HttpSession(inject("baseURL")).json("POST", "/api/auth/register", { ...judge, displayName: name });
  return judge;
}

/** A competition by the demo head judge, with these athletes and judges, running unless told not to. */
export async function competition(options: {
  athletes: string[];
  seats: [email: string, apparatus: string, position: string][];
  running?: boolean;
  discipline?: string;
}) {
  const head = await logIn(inject("baseURL"), "headjudge@podium.local", "podium-demo");
  const created = await head.json<{ id: string; name: string }>("POST", "/api/gym/events", {
    name: `Кубок ${Date.now()}`,
    discipline: options.discipline ?? "MAG",
  });
  const athletes = [];
  for (const [i, name] of options.athletes.entries()) {
    athletes.push(
      await head.json<{ id: string; name: string }>("POST", `/api/gym/events/${created.id}/athletes`, {
        name,
        bib: i + 1,
      }),
    );
  }
  for (const [email, apparatus, position] of options.seats) {
    await head.json("POST", `/api/gym/events/${created.id}/judges`, { email, apparatus, position });
  }
  if (options.running ?? true) await head.json("PUT", `/api/gym/events/${created.id}/status`, { action: "start" });
  const open = (athleteId: string, apparatus = "floor") =>
    head.json<{ session_id: string }>("POST", "/api/gym/scoring-sessions", {
      event_id: created.id,
      athlete_id: athleteId,
      apparatus,
    });
  return { head, competition: created, athletes, open };
}

/** A competition the demo judge scored at floor D1 (5.4) and E1 (0.8), closed and published: 14.600. */
export async function scoredCompetition() {
  const setup = await competition({
    athletes: ["Никита Нагорный"],
    seats: [
      ["judge@podium.local", "floor", "D1"],
      ["judge@podium.local", "floor", "E1"],
    ],
  });
  const judge = await logIn(inject("baseURL"), "judge@podium.local", "podium-demo");
  const { session_id } = await setup.open(setup.athletes[0]?.id ?? "");
  for (const [position, value] of [
    ["D1", 5.4],
    ["E1", 0.8],
  ] as const) {
    await judge.json("POST", "/api/gym/scores", { session_id, position, value, client_id: crypto.randomUUID() });
  }
  for (const step of ["close", "publish"])
    await setup.head.json("POST", `/api/gym/scoring-sessions/${session_id}/${step}`);
  return setup;
}
