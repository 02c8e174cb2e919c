// The trainer as a student uses it on a phone, with the keyboard alone: registers, trains a run
// to its end (digits pick an answer, Enter answers and goes on), and sees their statistics chart.
import { describe, expect, it } from "vitest";
import type { Contest } from "../../worker/trainer/contract";
import { logInAs, PHONE, useBrowser } from "./browser";
import { demoTeacher, studentOnPhone, studentOverHttp, subjectWithBank } from "./trainer-fixtures";

const browser = useBrowser();

describe("the trainer on a phone, by keyboard", () => {
  it("a student registers, answers every question with the keyboard, and sees the statistics chart", async () => {
    const subject = await subjectWithBank(await demoTeacher());
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
  it("a student joins a running contest, answers, and sees a rival's answer move the ranking live", async () => {
    const teacher = await demoTeacher();
    const subject = await subjectWithBank(teacher);
    const contest = await teacher.json<Contest>("POST", "/api/trainer/contests", {
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
    await page.getByTestId("contest-live").getByText("Live").waitFor();

    // A rival answers two questions right over HTTP: the page shows them first, without a reload.
    const rival = await studentOverHttp("Петров", "Пётр");
    await rival.json("POST", `/api/trainer/contests/${contest.id}/join`);
    const ranking = page.getByTestId("contest-ranking");
    await ranking.getByText("Петров Пётр").waitFor();
    const byType = (type: string) => contest.questions?.find((q) => q.type === type)?.id;
    for (const [questionId, given] of [
      [byType("open"), { text: "монополия" }],
      [byType("single"), { choices: [0] }],
    ] as const) {
      await rival.json("POST", `/api/trainer/contests/${contest.id}/answers`, { questionId, ...given });
    }
    await ranking.getByText("2 right of 2").waitFor();
    expect(await ranking.locator("li").first().textContent()).toContain("1. Петров Пётр");
    await page.screenshot({ path: "tests/e2e/artifacts/trainer-contest-live.png", fullPage: true });
  });
});

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("the question editor on a phone", () => {
  it("a teacher writes a question with a safe preview, sees a refusal beside its field, saves it and adds a picture", async () => {
    const subject = await subjectWithBank(await demoTeacher());
    const page = await logInAs(browser(), "teacher@podium.local", "podium-demo", PHONE);
    // The teacher (not an admin) finds the bank in the menu.
    await page.getByTestId("menu-button").click();
    await page.locator("#site-menu").getByRole("link", { name: "Question bank" }).click();
    await page.waitForURL(/\/trainer\/admin$/);
    const editor = page.getByTestId("question-editor");
    await editor.getByLabel("Subject").selectOption(subject);
    await editor.getByLabel("Question text (Markdown)").fill("Что такое **равновесие**? <b>жирный</b>");
    const preview = editor.getByTestId("question-preview");
    await preview.locator("strong", { hasText: "равновесие" }).waitFor();
    expect(await preview.locator("b").count()).toBe(0);
    expect(await preview.textContent()).toContain("<b>жирный</b>");

    await editor.getByLabel("Answer 1", { exact: true }).fill("Спрос равен предложению");
    await editor.getByLabel("Answer 2", { exact: true }).fill("Цена растёт");
    await editor.getByRole("button", { name: "Save the question" }).click();
    await editor.getByText("Mark the right answer.").waitFor();

    await editor.getByLabel("Right answer 1").check();
    await editor.getByRole("button", { name: "Save the question" }).click();
    await editor.getByRole("status").getByText("Saved.").waitFor();

    await editor.getByTestId("picture-field").locator('input[type="file"]').setInputFiles({
      name: "graph.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await editor.getByRole("button", { name: "Upload the picture" }).click();
    const picture = editor.getByTestId("picture-field").getByRole("img", { name: "The question's picture" });
    await picture.waitFor();
    // Loaded by the browser from its address (a broken image has no natural width).
    await expect.poll(() => picture.evaluate((img) => ("naturalWidth" in img ? Number(img.naturalWidth) : 0))).toBe(1);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "tests/e2e/artifacts/trainer-editor.png", fullPage: true });
  });
});

describe("exports from the running Worker", () => {
  it("answers the bank as an xlsx file (exceljs bundled by wrangler under nodejs_compat)", async () => {
    const teacher = await demoTeacher();
    const subject = await subjectWithBank(teacher);
    const res = await teacher.send("GET", `/api/trainer/questions/export?subject=${subject}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip, as every xlsx is
  });
});
