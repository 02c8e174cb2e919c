// Setting a competition up without the API: a head judge creates it, imports the start list from
// a spreadsheet (a wrong file imports nothing and says where), corrects an athlete, seats judges
// found by name, starts and finishes it. The pages are in the menu for those who may use them;
// anyone else is told plainly they may not.
import { describe, expect, it } from "vitest";
import { logInAs, useBrowser } from "./browser";
import { newJudge } from "./competitions";

const browser = useBrowser();

/** Text as Excel saves a CSV in a Russian Windows: Windows-1251, one byte a letter. */
function windows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x350;
      if (char === "Ё") return 0xa8;
      if (char === "ё") return 0xb8;
      throw new Error(`no Windows-1251 byte for ${char}`);
    }),
  );
}

const csv = (rows: string[]) => ["ФИО;Команда;Год рождения;Поток", ...rows].join("\r\n");

describe("setting a competition up, in the browser", () => {
  it("a head judge creates it, imports the start list, corrects an athlete, seats a judge by name, starts and finishes it", async () => {
    const judgeName = `Юлия Сетапова ${Date.now()}`;
    await newJudge(judgeName);
    const page = await logInAs(browser(), "headjudge@podium.local");
    await page.getByRole("link", { name: "Run competitions" }).click();
    await page.getByRole("link", { name: "New competition" }).click();
    const name = `Кубок Воронежа ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Discipline").selectOption("WAG");
    await page.locator('select[name="vault_rule"]').selectOption("average");
    await page.getByRole("button", { name: "Create the competition" }).click();
    await page.waitForURL(/\/setup$/);
    await page.getByRole("heading", { name }).waitFor();

    // A wrong row: nothing is imported, and the report says which row and column.
    const file = page.locator('input[type="file"]');
    const wrong = csv(["Ангелина Мельникова;Воронеж;2000;1", "Виктория Листунова;Москва;19x5;1", ";Тула;2004;2"]);
    await file.setInputFiles({ name: "start.csv", mimeType: "text/csv", buffer: Buffer.from(wrong) });
    await page.getByRole("button", { name: "Import the start list" }).click();
    const report = page.getByTestId("import-report");
    await report.getByText("Nothing was imported: 2 problems in the file.").waitFor();
    expect(await report.getByTestId("import-issue").allInnerTexts()).toEqual([
      "3\tBirth year\t“19x5” is not a birth year.",
      "4\tName\tRequired.",
    ]);
    await page.getByText("Nobody on the start list yet.").waitFor();

    // The same list fixed, saved by Excel in Windows-1251.
    const fixed = csv([
      "Ангелина Мельникова;Воронеж;2000;1",
      "Виктория Листунова;Москва;2005;1",
      "Алёна Тульская;Тула;2004;2",
    ]);
    await file.setInputFiles({ name: "start.csv", mimeType: "text/csv", buffer: windows1251(fixed) });
    await page.getByRole("button", { name: "Import the start list" }).click();
    await page.getByTestId("import-done").getByText("Imported: 3 added, 0 already on the list.").waitFor();
    await page.getByTestId("start-list-row").filter({ hasText: "Алёна Тульская" }).getByText("Тула").waitFor();

    // One more by hand, then a correction.
    await page.getByText("Add an athlete").click();
    const add = page.getByTestId("athlete-form").first();
    await add.getByLabel("Name").fill("Мария Пасека");
    await add.getByLabel("Bib").fill("10");
    await add.getByLabel("Birth year").fill("2e3");
    await add.getByText("Type digits, with one point or comma before the decimals.").waitFor();
    await add.getByLabel("Birth year").fill("1995");
    await add.getByRole("button", { name: "Add the athlete" }).click();
    const maria = page.getByTestId("start-list-row").filter({ hasText: "Мария Пасека" });
    await maria.getByText("1995").waitFor();
    await page.getByRole("button", { name: "Edit Ангелина Мельникова" }).click();
    const edit = page.getByTestId("start-list").getByTestId("athlete-form");
    await edit.getByLabel("Team").fill("Воронеж-2");
    await edit.getByRole("button", { name: "Save" }).click();
    await page
      .getByTestId("start-list-row")
      .filter({ hasText: "Ангелина Мельникова" })
      .getByText("Воронеж-2")
      .waitFor();

    // A judge found by part of their name, seated at vault D1.
    const vault = page.locator('[data-testid="panel"][data-apparatus="vault"]');
    await vault.locator("summary").click();
    await vault.locator('[data-position="D1"]').getByRole("button", { name: "Seat a judge" }).click();
    await vault.getByLabel("Who sits at Vault · Seat D1?").fill("Сетапова");
    await vault.getByRole("button", { name: judgeName }).click();
    await vault.locator('[data-position="D1"]').getByText(judgeName).waitFor();
    await vault.getByText("1 of 9 seated").waitFor();

    const run = page.getByTestId("run-buttons");
    await run.getByRole("button", { name: "Start" }).click();
    await page.getByTestId("competition-status").getByText("Live").waitFor();
    await run.getByRole("button", { name: "Finish" }).click();
    await page.getByTestId("competition-status").getByText("Finished").waitFor();
    await page.screenshot({ path: "tests/e2e/artifacts/gym-setup.png", fullPage: true });
    await page.context().close();
  });

  it("is in the menu for head judges and secretaries; anyone else is told they may not, not given a form", async () => {
    const visitor = await logInAs(browser(), "visitor@podium.local");
    expect(await visitor.getByRole("link", { name: "Run competitions" }).count()).toBe(0);
    for (const path of ["/gym/manage", "/gym/manage/new", "/gym/demo-cup/setup", "/gym/demo-cup/console"]) {
      await visitor.goto(path);
      await visitor.getByTestId("not-allowed").getByRole("heading", { name: "Not allowed" }).waitFor();
      expect(await visitor.locator("form").count()).toBe(0);
    }
    await visitor.context().close();

    // A secretary keeps the start list; seating judges and creating competitions are the head judge's.
    const secretary = await logInAs(browser(), "secretary@podium.local");
    await secretary.getByRole("link", { name: "Run competitions" }).click();
    await secretary
      .getByTestId("run-competition")
      .filter({ hasText: "Кубок Podium (демо)" })
      .getByRole("link", { name: "Setup" })
      .click();
    await secretary.getByRole("button", { name: "Import the start list" }).waitFor();
    await secretary.getByText("The head judge seats the judges.").waitFor();
    expect(await secretary.getByRole("button", { name: "Seat a judge" }).count()).toBe(0);
    await secretary.goto("/gym/manage/new");
    await secretary.getByTestId("not-allowed").waitFor();
    await secretary.context().close();
  });
});
