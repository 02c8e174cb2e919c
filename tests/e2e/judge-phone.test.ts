// A judge's phone, as a judge meets it: a mark confirmed turns its task into done at once and the
// next takes its place; "score again" shows only when the head judge asked; a competition started
// after the app was opened still reaches it; and its pill says "Offline" only when it is.
import { describe, expect, it } from "vitest";
import { logInAs, PHONE, useBrowser } from "./browser";
import { competition, newJudge } from "./competitions";

const browser = useBrowser();

describe("the judge's phone", () => {
  it("a confirmed mark turns the task into done at once, the next takes its place; 'score again' only when asked", async () => {
    const judge = await newJudge("Эльвира Судья");
    const { head, athletes, open } = await competition({
      athletes: ["Никита Нагорный", "Артур Далалоян"],
      seats: [[judge.email, "floor", "E1"]],
    });
    const [first, second] = athletes;
    if (!first || !second) throw new Error("two athletes were registered");
    const firstSession = await open(first.id);
    await open(second.id);

    const page = await logInAs(browser(), judge.email, judge.password, PHONE);
    await page.goto("/gym/judge");
    const task = page.getByTestId("task");
    await task.getByText("Никита Нагорный").waitFor();
    await page.keyboard.type("0.8");
    await page.keyboard.press("Enter");

    // Confirmed, said where it shows without scrolling, and announced.
    const last = page.getByTestId("last-mark");
    await last.locator('[data-state="confirmed"]').getByText("Confirmed").waitFor();
    expect(await last.getAttribute("aria-live")).toBe("polite");
    expect(await page.evaluate<number>("window.scrollY")).toBe(0);
    const box = await last.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);

    // The next athlete takes the place of the one scored, with no false "score again".
    await task.getByText("Артур Далалоян").waitFor();
    expect(await page.getByTestId("rescore").count()).toBe(0);
    await page.keyboard.type("0.5");
    await page.keyboard.press("Enter");
    await page.getByTestId("no-task").getByText("Waiting for the next athlete").waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId("task").count()).toBe(0);

    // The head judge really asks: the task comes back, saying so, until the judge scores again.
    await head.json("POST", `/api/gym/scoring-sessions/${firstSession.session_id}/rescore`, { position: "E1" });
    await task.getByText("Никита Нагорный").waitFor();
    await page.getByTestId("rescore").getByText("The head judge asks you to score again").waitFor();
    await page.screenshot({ path: "tests/e2e/artifacts/judge-phone-rescore.png" });
    await page.keyboard.type("0.7");
    await page.keyboard.press("Enter");
    await page.getByTestId("no-task").waitFor();
    expect(await page.getByTestId("rescore").count()).toBe(0);
    await last.locator('[data-state="confirmed"]').getByText("0.700").waitFor();
    await page.context().close();
  });

  it("says in words that no competition runs, 'Offline' only when offline, and gets a competition started later", async () => {
    const judge = await newJudge("Олег Судья");
    const {
      head,
      competition: created,
      athletes,
      open,
    } = await competition({
      athletes: ["Давид Белявский"],
      seats: [[judge.email, "floor", "D1"]],
      running: false,
    });
    const page = await logInAs(browser(), judge.email, judge.password, { ...PHONE, locale: "ru-RU" });
    await page.goto("/gym/judge");
    const pill = page.getByTestId("link-state");
    await pill.getByText("Соревнований нет").waitFor();
    await page.getByTestId("no-task").getByText("не идёт ни одно соревнование", { exact: false }).waitFor();

    await page.context().setOffline(true);
    await pill.getByText("Нет сети").waitFor();
    await page.context().setOffline(false);
    await pill.getByText("Соревнований нет").waitFor();
    await page.screenshot({ path: "tests/e2e/artifacts/judge-phone-no-competition.png" });

    // Started after the app was opened: its tasks still arrive, without a reload.
    await head.json("PUT", `/api/gym/events/${created.id}/status`, { action: "start" });
    await open(athletes[0]?.id ?? "");
    await page.getByTestId("task").getByText("Давид Белявский").waitFor({ timeout: 30_000 });
    // The socket to the new competition may take a retry (a jittered delay, then up to 10 s to
    // open: web/src/lib/reconnect.ts) when the machine is busy; the tasks come over HTTP anyway.
    await pill.getByText("В сети").waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});
