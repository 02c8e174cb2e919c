import { describe, expect, it } from "vitest";
import { openPage, uniqueEmail, useBrowser } from "./browser";

const browser = useBrowser();

describe("a visitor's account, in the browser", () => {
  it("registers, logs out, logs in, sees their name, switches language, logs out", async () => {
    const page = await openPage(browser());
    const email = uniqueEmail("e2e");
    const password = "e2e password 1";

    await page.goto("/register");
    await page.getByLabel("Your name").fill("Ольга Смирнова");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByTestId("account-name").getByText("Ольга Смирнова").waitFor();

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Log in" }).waitFor();

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByTestId("welcome").getByText("Welcome back, Ольга Смирнова").waitFor();

    await page.getByRole("button", { name: "ru", exact: true }).click();
    await page.getByRole("heading", { name: "Одна платформа для живых событий" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await page.getByTestId("account-name").getByText("Ольга Смирнова").waitFor();

    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("heading", { name: "Вход" }).waitFor();
    await page.goto("/profile");
    await page.getByRole("heading", { name: "Вход" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/profile");
    await page.context().close();
  });

  it("shows Russian by default to a Russian-speaking browser", async () => {
    const page = await openPage(browser(), { locale: "ru-RU" });
    await page.goto("/");
    await page.getByRole("heading", { name: "Одна платформа для живых событий" }).waitFor();
    await page.context().close();
  });

  it("shows the API's field errors next to the fields", async () => {
    const page = await openPage(browser());
    await page.goto("/register");
    await page.getByLabel("Your name").fill("Short Password");
    await page.getByLabel("Email").fill(uniqueEmail("short"));
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Use at least 8 characters.").waitFor();
    expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    await page.context().close();
  });
});
