import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { type HttpSession, logIn } from "./http-session";

const browser = useBrowser();

/** The head judge and the judge act through the API, as their own apps will. */
async function competitionWithPanel() {
  const base = inject("baseURL");
  const head = await logIn(base, "headjudge@podium.local", "podium-demo");
  const judge = await logIn(base, "judge@podium.local", "podium-demo");
  const competition = await head.json<{ id: string }>("POST", "/api/gym/events", {
    name: `Кубок ${Date.now()}`,
    discipline: "MAG",
  });
  await head.json("PUT", `/api/gym/events/${competition.id}/status`, { action: "start" });
  const athlete = await head.json<{ id: string }>("POST", `/api/gym/events/${competition.id}/athletes`, {
    name: "Никита Нагорный",
    bib: 1,
  });
  for (const position of ["D1", "E1"]) {
    await head.json("POST", `/api/gym/events/${competition.id}/judges`, {
      email: "judge@podium.local",
      apparatus: "floor",
      position,
    });
  }
  return { head, judge, competition, athlete };
}

async function score(head: HttpSession, judge: HttpSession, competitionId: string, athleteId: string) {
  const session = await head.json<{ session_id: string }>("POST", "/api/gym/scoring-sessions", {
    event_id: competitionId,
    athlete_id: athleteId,
    apparatus: "floor",
  });
  for (const [position, value] of [
    ["D1", 5.4],
    ["E1", 0.8],
  ] as const) {
    await judge.json("POST", "/api/gym/scores", {
      session_id: session.session_id,
      position,
      value,
      client_id: crypto.randomUUID(),
    });
  }
  return session.session_id;
}

describe("a spectator's live board, in the browser", () => {
  it("shows who performs, then the new score and the standings, without reloading", async () => {
    const { head, judge, competition, athlete } = await competitionWithPanel();
    const page = await openPage(browser());
    await page.goto(`/gym/${competition.id}`);
    await page.getByText("Nobody is performing right now.").waitFor();

    const sessionId = await score(head, judge, competition.id, athlete.id);
    await page.getByTestId("performing").getByText("Никита Нагорный · Floor").waitFor();

    await head.json("POST", `/api/gym/scoring-sessions/${sessionId}/close`);
    await head.json("POST", `/api/gym/scoring-sessions/${sessionId}/publish`);
    // D 5.4 + E (10 − 0.8) = 14.600
    await page.getByTestId("latest-score").getByTestId("final").getByText("14.600").waitFor();
    // One apparatus of six scored: no all-around place yet, what is missing said instead.
    const standing = page.getByTestId("standing").first();
    await standing.getByText("Никита Нагорный").waitFor();
    expect(await standing.locator("td").first().textContent()).toBe("—");
    await standing.getByText("no score yet: Pommel horse", { exact: false }).waitFor();
    await page.getByRole("tab", { name: "Floor" }).click();
    await standing.getByText("Никита Нагорный").waitFor();
    expect(await standing.locator("td").first().textContent()).toBe("1");
    await page.screenshot({ path: "tests/e2e/artifacts/gym-board.png", fullPage: true });
    await page.context().close();
  });
});
