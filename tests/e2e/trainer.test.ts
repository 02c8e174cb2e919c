// The trainer as a student uses it on a phone, with the keyboard alone: registers, trains a run
// to its end (digits pick an answer, Enter answers and goes on), and sees their statistics chart.
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { demoAdmin, studentOnPhone, subjectWithBank } from "./trainer-fixtures";

const browser = useBrowser();

describe("the trainer on a phone, by keyboard", () => {
  it("a student registers, answers every question with the keyboard, and sees the statistics chart", async () => {
    const subject = await subjectWithBank(await demoAdmin());
    const page = await studentOnPhone(browser());
    const filters = page.getByTestId("trainer-filters");
    await filters.getByLabel("Subject").selectOption(subject);
    await filters.getByRole("button", { name: "Start training" }).click();
    await page.waitForURL(/\/trainer\/train\?run=/);

    for (let i = 0; i < 3; i++) {
      const card = page.getByTestId("trainer-question");
      await card.waitFor();
      await expect.poll(() => card.textContent()).toContain(`Question ${i + 1}`);
      const open = card.getByTestId("open-answer");
      if (await open.count()) {
        await open.focus();
        await page.keyboard.type("Монополия");
        await page.keyboard.press("Enter");
        await open.blur();
      } else {
        await page.keyboard.press("1");
        await page.keyboard.press("Enter");
      }
      await card.getByTestId("verdict").waitFor();
      await page.keyboard.press("Enter");
    }
    await page.getByTestId("run-finished").waitFor();
    expect(await page.getByTestId("score").textContent()).toContain("of 3");

    await page.goto("/trainer/stats");
    await page.getByTestId("trainer-figures").getByText("3", { exact: true }).waitFor();
    await page.getByRole("img", { name: "Answers by day" }).waitFor();
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(390);
  });
});

describe("a contest on a phone", () => {
  it("a student joins a running contest, answers, and finds themself in the ranking", async () => {
    const admin = await demoAdmin();
    const subject = await subjectWithBank(admin);
    const contest = await admin.json<{ id: string }>("POST", "/api/trainer/contests", {
      subject,
      title: "Пробный тур",
      startsAt: new Date(Date.now() - 1000).toISOString(),
      durationMinutes: 30,
      questionCount: 3,
    });
    const page = await studentOnPhone(browser());
    await page.goto(`/trainer/contests/${contest.id}`);
    await page.getByTestId("contest-clock").getByText("Ends in").waitFor();
    await page.getByRole("button", { name: "Join" }).click();
    const single = page.getByTestId("contest-question").filter({ hasText: "Что растёт" });
    await single.getByLabel("Спрос").check();
    await single.getByRole("button", { name: "Answer" }).click();
    await single.getByText("Answered: Right!").waitFor();
    await page.getByTestId("contest-ranking").getByText("1 right of 1").waitFor();
    expect(await page.getByTestId("contest-ranking").textContent()).toContain("Иванова Мария");
  });
});

describe("exports from the running Worker", () => {
  it("answers the bank as an xlsx file (exceljs bundled by wrangler under nodejs_compat)", async () => {
    const admin = await demoAdmin();
    const subject = await subjectWithBank(admin);
    const res = await admin.send("GET", `/api/trainer/questions/export?subject=${subject}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip, as every xlsx is
  });
});
