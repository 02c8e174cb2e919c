// One language per page, and words instead of codes: labels that point at their own inputs in
// Russian, an audit log that says what happened and credits each mark to its seat, roles' scopes
// by competition and seat, no stray English or Russian, and Podium's own "not found".
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { logInAs, openPage, useBrowser } from "./browser";
import { competition, scoredCompetition } from "./competitions";

const browser = useBrowser();
const RU = { locale: "ru-RU" };

/** Clicks every label on the page; each must focus its own input (ids are unique). */
async function labelsFocusTheirInputs(page: Page) {
  const labels = await page.locator("label[for]").all();
  expect(labels.length).toBeGreaterThan(0);
  const ids = await page.locator("input[id], select[id], textarea[id]").evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(ids).size).toBe(ids.length);
  for (const label of labels) {
    const target = await label.getAttribute("for");
    if (!(await label.isVisible())) continue;
    await label.click();
    expect(await page.evaluate<string>("document.activeElement.id"), `label «${await label.textContent()}»`).toBe(
      target,
    );
  }
}

describe("one language per page", () => {
  it("in Russian each label points at its own input: «Пароль» focuses the password, on login, register, profile, bookmaking", async () => {
    const page = await openPage(browser(), RU);
    for (const path of ["/login", "/register"]) {
      await page.goto(path);
      await page.getByLabel("Пароль", { exact: true }).waitFor();
      await page.getByText("Пароль", { exact: true }).click();
      expect(await page.evaluate<string>("document.activeElement.type")).toBe("password");
      await labelsFocusTheirInputs(page);
    }
    await page.context().close();
    const bookmaker = await logInAs(browser(), "bookmaker@podium.local", "podium-demo", RU);
    for (const path of ["/profile", "/betting/manage"]) {
      await bookmaker.goto(path);
      await bookmaker.locator("label[for]").first().waitFor();
      await labelsFocusTheirInputs(bookmaker);
    }
    // The English form's examples are English too.
    await bookmaker.getByRole("button", { name: "en", exact: true }).click();
    await bookmaker.getByLabel("First team").waitFor();
    const placeholders = await bookmaker
      .locator("input[placeholder]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("placeholder") ?? ""));
    expect(placeholders.filter((p) => /[а-яё]/i.test(p))).toEqual([]);
    await bookmaker.context().close();
  });

  it("the audit log says what happened in words and credits each mark to its seat, not to the judge's last seat", async () => {
    const { competition: created } = await scoredCompetition();
    const head = await logInAs(browser(), "headjudge@podium.local", "podium-demo", RU);
    await head.goto(`/gym/${created.id}/console`);
    await head.getByText("Журнал соревнования", { exact: false }).click();
    const marks = head.locator('[data-testid="audit-entry"][data-action="mark"]');
    await marks.first().waitFor();
    const rows = await marks.allInnerTexts();
    expect(rows.map((r) => r.split("\t").slice(1).join(" | "))).toEqual([
      "Юлия Судейкина | Оценка · Место D1 5.400",
      "Юлия Судейкина | Оценка · Место E1 0.800",
    ]);
    const log = await head.getByTestId("audit").first().innerText();
    expect(log).toContain("Приём оценок закрыт");
    expect(log).not.toMatch(/\b(mark|close|publish|open)\b|→ closed|\(E1\)/);
    await head.screenshot({ path: "tests/e2e/artifacts/audit-log-ru.png", fullPage: true });

    // The results sheet is asked for in the page's language.
    await head.goto(`/gym/${created.id}/results`);
    expect(await head.getByRole("link", { name: "Итоги в PDF" }).getAttribute("href")).toMatch(/pdf\?lang=ru$/);
    await head.context().close();
  });

  it("admin shows scopes as the competition's name and the seat, and pages say everything in Russian", async () => {
    const { competition: created } = await scoredCompetition();
    const admin = await logInAs(browser(), "admin@podium.local", "podium-demo", RU);
    await admin.goto("/admin");
    await admin.getByPlaceholder("Поиск по имени или почте").fill("judge@podium.local");
    const judge = admin.getByTestId("admin-user").filter({ hasText: "Юлия Судейкина" });
    await judge.getByText(`Судья · ${created.name} · Вольные · Место D1`).waitFor();
    expect(await judge.innerText()).not.toContain(`competition:${created.id}`);

    await admin.goto("/betting/events/demo-zenit-spartak");
    await admin.getByTestId("event-status").waitFor();
    const text = await admin.locator("main").innerText();
    expect(text).toContain("Статус");
    expect(text).not.toMatch(/\bStatus\b/);
    await admin.context().close();
  });

  it("the API's refusals read in the page's language: a wrong password, a session on an apparatus without judges", async () => {
    const page = await openPage(browser(), RU);
    await page.goto("/login");
    await page.getByLabel("Эл. почта").fill("nobody@podium.local");
    await page.getByLabel("Пароль", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.getByRole("alert").getByText("Неверная почта или пароль.").waitFor();
    await page.context().close();

    const { competition: created } = await competition({
      athletes: ["Иван Кольцов"],
      seats: [["judge@podium.local", "floor", "D1"]],
    });
    const head = await logInAs(browser(), "headjudge@podium.local", "podium-demo", RU);
    await head.goto(`/gym/${created.id}/console`);
    await head.locator('select[name="apparatus"]').selectOption({ label: "Кольца" });
    await head.getByRole("button", { name: "Открыть", exact: true }).click();
    await head.getByRole("alert").getByText("На снаряде «Кольца» ещё нет ни одного судьи.").waitFor();
    expect(await head.locator("main").innerText()).not.toContain("No judge");
    await head.context().close();
  });

  it("an address that leads nowhere gets Podium's own page, in the reader's language", async () => {
    const page = await openPage(browser(), RU);
    await page.goto("/no/such/page");
    const notFound = page.getByTestId("error-page");
    await notFound.getByRole("heading", { name: "Не найдено" }).waitFor();
    await notFound.getByText("Такой страницы нет.").waitFor();
    await page.getByRole("link", { name: "Podium" }).first().waitFor();
    await page.context().close();
  });
});
