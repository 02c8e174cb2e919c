// After a score is published: a coach's inquiry answered from the console with a new D (the final
// follows), and an athlete marked as not starting on an apparatus, both by the page a head judge
// or secretary uses, not the API.
import { describe, expect, inject, it } from "vitest";
import { logInAs, useBrowser } from "./browser";
import { competition, scoredCompetition } from "./competitions";
import { logIn } from "./http-session";

const browser = useBrowser();

describe("the console after publishing", () => {
  it("finds a published score, records a coach's inquiry and accepts it with a new D: the final follows", async () => {
    const { competition: scored } = await scoredCompetition();
    const page = await logInAs(browser(), "headjudge@podium.local");
    await page.goto(`/gym/${scored.id}/console`);
    await page.getByRole("button", { name: "Show this session" }).click();
    const session = page.locator('[data-testid="session"][data-status="published"]');
    await session.getByTestId("session-final").getByText("14.600").waitFor();

    const inquiries = session.getByTestId("inquiries");
    await inquiries.getByText("Inquiries on D").click();
    await inquiries.getByRole("textbox", { name: "Asked by (coach)" }).fill("Тренер Петров");
    await inquiries.getByRole("button", { name: "Record an inquiry" }).click();
    await inquiries.getByText("Inquiry by Тренер Петров: D 5.400 under review").waitFor();

    await inquiries.getByLabel("New D").fill("5,6");
    await inquiries.getByRole("textbox", { name: "Reason" }).fill("Видео: соскок засчитан");
    await inquiries.getByRole("button", { name: "Accept with this D" }).click();
    await inquiries.getByText("D 5.400 → 5.600 (Видео: соскок засчитан)").waitFor();
    await session.getByTestId("session-final").getByText("14.800").waitFor();
    await page.context().close();
  });

  it("marks an athlete as not starting on an apparatus, and takes it back", async () => {
    const setup = await competition({ athletes: ["Давид Белявский"], seats: [] });
    const page = await logInAs(browser(), "secretary@podium.local");
    await page.goto(`/gym/${setup.competition.id}/console`);
    await page.getByRole("button", { name: "Did not start", exact: true }).click();
    await page.getByTestId("dns-done").getByText("Давид Белявский does not start on Floor: recorded.").waitFor();

    const head = await logIn(inject("baseURL"), "headjudge@podium.local", "podium-demo");
    const audit = await head.json<{ action: string }[]>("GET", `/api/gym/events/${setup.competition.id}/audit`);
    expect(audit.map((a) => a.action)).toContain("did_not_start");

    await page.getByRole("button", { name: 'Take back "did not start"' }).click();
    await page.getByTestId("dns-done").getByText('"did not start" taken back').waitFor();
    await page.context().close();
  });
});
