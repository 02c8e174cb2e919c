// The judge's keypad says what it wants, shows what an E judge's deduction makes of the score,
// asks before sending an unusually large deduction, and takes a keyboard's digits and Enter.
import { describe, expect, inject, it } from "vitest";
import { logInAs, uniqueEmail, useBrowser } from "./browser";
import { HttpSession, logIn } from "./http-session";

const browser = useBrowser();

/** A running competition with a new judge at floor E1 and a session open for them. */
async function oneOpenSession() {
  const base = inject("baseURL");
  const head = await logIn(base, "headjudge@podium.local", "podium-demo");
  const judge = { email: uniqueEmail("ejudge"), password: "e2e judge password" };
  await new HttpSession(base).json("POST", "/api/auth/register", { ...judge, displayName: "Эдуард Судья" });
  const competition = await head.json<{ id: string }>("POST", "/api/gym/events", {
    name: "Keypad Cup",
    discipline: "WAG",
  });
  await head.json("PUT", `/api/gym/events/${competition.id}/status`, { action: "start" });
  const athlete = await head.json<{ id: string }>("POST", `/api/gym/events/${competition.id}/athletes`, {
    name: "Ангелина Мельникова",
    bib: 3,
  });
  for (const [email, position] of [
    ["judge@podium.local", "D1"],
    [judge.email, "E1"],
  ] as const) {
    await head.json("POST", `/api/gym/events/${competition.id}/judges`, { email, apparatus: "floor", position });
  }
  await head.json("POST", "/api/gym/scoring-sessions", {
    event_id: competition.id,
    athlete_id: athlete.id,
    apparatus: "floor",
  });
  return judge;
}

describe("the judge's keypad", () => {
  it("an E judge typing 9.3 on a keyboard sees the execution score it leaves and is asked before it goes", async () => {
    const judge = await oneOpenSession();
    const page = await logInAs(browser(), judge.email, judge.password);
    await page.goto("/gym/judge");
    const task = page.getByTestId("task");
    await task.getByText("Ангелина Мельникова").waitFor();
    await task.getByText("not the execution score").waitFor();

    await page.keyboard.type("9.3");
    await page.getByTestId("execution-preview").getByText("Execution score: 0.700").waitFor();
    await page.keyboard.press("Enter");
    const question = page.getByRole("alertdialog");
    await question.getByText("A deduction of 9.3 leaves an execution score of 0.700").waitFor();
    expect(await page.getByTestId("mark").count()).toBe(0);

    // Meant 0.7: change it, type again, and Enter sends a usual deduction at once.
    await question.getByRole("button", { name: "Change it" }).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("0,7");
    await page.getByTestId("execution-preview").getByText("Execution score: 9.300").waitFor();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="mark"][data-state="confirmed"]').getByText("0.700").waitFor();
    await page.context().close();
  });
});
