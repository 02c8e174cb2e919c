// A whole scoring in browsers: the secretary opens a session from the console; two judges score
// on their phones, one of them offline and reloading before the network comes back; the head
// judge closes and publishes; the hall's board shows the score and place without reloading; the
// audit log shows every step, and the offline mark counted once.
import { describe, expect, inject, it } from "vitest";
import { logInAs, openPage, uniqueEmail, useBrowser } from "./browser";
import { HttpSession, logIn } from "./http-session";

const browser = useBrowser();

async function competitionWithTwoJudges() {
  const base = inject("baseURL");
  const head = await logIn(base, "headjudge@podium.local", "podium-demo");
  const second = { email: uniqueEmail("judge"), password: "e2e judge password" };
  await new HttpSession(base).json("POST", "/api/auth/register", { ...second, displayName: "Ольга Судья" });
  const competition = await head.json<{ id: string }>("POST", "/api/gym/events", {
    name: `Кубок ${Date.now()}`,
    discipline: "MAG",
  });
  await head.json("PUT", `/api/gym/events/${competition.id}/status`, { action: "start" });
  await head.json("POST", `/api/gym/events/${competition.id}/athletes`, { name: "Никита Нагорный", bib: 1 });
  for (const [email, position] of [
    ["judge@podium.local", "D1"],
    [second.email, "E1"],
  ] as const) {
    await head.json("POST", `/api/gym/events/${competition.id}/judges`, { email, apparatus: "floor", position });
  }
  return { competition, second };
}

describe("scoring a routine, in browsers", () => {
  it("secretary opens, two judges score (one offline and reloading), head judge publishes, the hall sees it", async () => {
    const { competition, second } = await competitionWithTwoJudges();
    const console_ = `/gym/${competition.id}/console`;

    const secretary = await logInAs(browser(), "secretary@podium.local");
    await secretary.goto(console_);
    await secretary.getByRole("button", { name: "Open session" }).click();
    const panel = secretary.getByTestId("session");
    await panel.getByText("Missing: D1, E1").waitFor();

    const hall = await openPage(browser());
    await hall.goto(`/gym/${competition.id}/board`);
    await hall.getByText("Никита Нагорный · Floor").waitFor();

    // The D judge, online.
    const dJudge = await logInAs(browser(), "judge@podium.local");
    await dJudge.goto("/gym/judge");
    await dJudge.getByTestId("task").getByText("Никита Нагорный").waitFor();
    for (const key of ["5", ".", "4"]) await dJudge.getByRole("button", { name: key, exact: true }).click();
    await dJudge.getByRole("button", { name: "Send mark" }).click();
    await dJudge.locator('[data-testid="mark"][data-state="confirmed"]').waitFor();
    await panel.getByText("Missing: E1").waitFor();

    // The E judge: the page is installed (service worker), then the Wi-Fi goes.
    const eJudge = await logInAs(browser(), second.email, second.password);
    await eJudge.goto("/gym/judge");
    await eJudge.getByTestId("task").getByText("Никита Нагорный").waitFor();
    await eJudge.evaluate("navigator.serviceWorker.ready.then(() => true)");
    await eJudge.getByTestId("link-state").getByText("Online").waitFor();
    await eJudge.context().setOffline(true);
    await eJudge.getByTestId("link-state").getByText("Offline", { exact: false }).waitFor();
    for (const key of ["0", ".", "8"]) await eJudge.getByRole("button", { name: key, exact: true }).click();
    await eJudge.getByRole("button", { name: "Send mark" }).click();
    await eJudge.locator('[data-testid="mark"][data-state="saved"]').getByText("Saved on phone").waitFor();
    // Marked on the phone, the task is done there at once, even before the mark can leave it.
    await eJudge.getByTestId("no-task").waitFor();

    // Reloading with no network: the shell comes from the service worker, the mark from IndexedDB,
    // the last known tasks too (this one still done: its mark waits in the outbox).
    await eJudge.reload();
    await eJudge.locator('[data-testid="mark"][data-state="saved"]').getByText("0.800").waitFor();
    await eJudge.getByTestId("no-task").waitFor();
    expect(await panel.getByTestId("seat").filter({ hasText: "E1" }).textContent()).toContain("waiting");

    await eJudge.context().setOffline(false);
    await eJudge.locator('[data-testid="mark"][data-state="confirmed"]').waitFor({ timeout: 20_000 });
    await panel.getByText("Every judge has scored.").waitFor();
    await eJudge.getByTestId("no-task").waitFor();

    // The head judge reviews and publishes: D 5.4 + E (10 − 0.8) = 14.600.
    const head = await logInAs(browser(), "headjudge@podium.local");
    await head.goto(console_);
    const review = head.getByTestId("session");
    await review.getByTestId("session-final").getByText("14.600").waitFor();
    await review.getByRole("button", { name: "Close to marks" }).click();
    await review.getByRole("button", { name: "Publish" }).click();
    await review.getByTestId("session-status").getByText("Published").waitFor();

    await hall.getByTestId("board-final").getByText("14.600").waitFor();
    await hall.getByTestId("board-place").getByText("Place 1").waitFor();

    const actions = await review
      .locator('[data-testid="audit-entry"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(actions).toEqual(["open", "mark", "mark", "close", "publish"]);
    await hall.screenshot({ path: "tests/e2e/artifacts/gym-hall-board.png", fullPage: true });
    await eJudge.screenshot({ path: "tests/e2e/artifacts/gym-judge-phone.png", fullPage: true });
    await head.screenshot({ path: "tests/e2e/artifacts/gym-console.png", fullPage: true });
    for (const page of [secretary, hall, dJudge, eJudge, head]) await page.context().close();
  });
});
