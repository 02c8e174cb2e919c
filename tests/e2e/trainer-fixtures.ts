// The trainer set up through the API and the pages, for the trainer's end-to-end tests: a subject
// with a small bank made by the demo teacher, a student registered on a phone, and another one
// over HTTP (a rival in a contest).
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { openPage, PHONE, uniqueEmail } from "./browser";
import { HttpSession, logIn } from "./http-session";

/** The demo teacher: holds the `teacher` role, not admin. */
export const demoTeacher = () => logIn(inject("baseURL"), "teacher@podium.local", "podium-demo");

/** A subject of its own with three questions (single, multiple, open); its id. */
export async function subjectWithBank(teacher: HttpSession): Promise<string> {
  const id = `e2e-${Date.now()}`;
  await teacher.json("POST", "/api/trainer/subjects", {
    id,
    name: `Экономика ${id}`,
    themes: ["Монополия"],
    sources: [],
  });
  const content = [
    "subject;type;text;options;correct;accepted;explanation;theme;source;without_paper;difficulty",
    `${id};single;Что растёт при росте дохода (нормальное благо)?;Спрос|Предложение;1;;Спрос растёт.;Монополия;;yes;2`,
    `${id};multiple;Какие рынки — олигополии?;Связь|Пшеница|Авиаперевозки;1,3;;Мало продавцов.;;;yes;3`,
    `${id};open;Рынок с одним продавцом?;;;монополия;Монополия.;Монополия;;yes;1`,
  ].join("\n");
  await teacher.json("POST", "/api/trainer/questions/import", { format: "csv", content });
  return id;
}

/** A new account on a phone, registered as a student of the trainer; the page is at /trainer. */
export async function studentOnPhone(browser: Browser): Promise<Page> {
  const page = await openPage(browser, PHONE);
  await page.goto("/register");
  await page.getByLabel("Your name").fill("Мария Иванова");
  await page.getByLabel("Email").fill(uniqueEmail("student"));
  await page.getByLabel("Password").fill("e2e password 1");
  await page.getByRole("button", { name: "Create account" }).click();
  // On a phone the name sits in the closed menu: it is there, not visible.
  await page.getByTestId("account-name").waitFor({ state: "attached" });
  await page.goto("/trainer");
  const form = page.getByTestId("trainer-register");
  await form.getByLabel("Surname").fill("Иванова");
  await form.getByLabel("Name", { exact: true }).fill("Мария");
  await form.getByLabel("Region").fill("Москва");
  await form.getByRole("button", { name: "Register" }).click();
  await page.getByTestId("trainer-filters").waitFor();
  return page;
}

/** A student registered through the API alone, with a name of their own. */
export async function studentOverHttp(surname: string, name: string): Promise<HttpSession> {
  const session = new HttpSession(inject("baseURL"));
  await session.json("POST", "/api/auth/register", {
    email: uniqueEmail("rival"),
    password: "e2e password 1",
    displayName: `${name} ${surname}`,
  });
  await session.json("POST", "/api/trainer/students", { surname, name, region: "Томск", grade: 9 });
  return session;
}
