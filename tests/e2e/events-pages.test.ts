// Every events page on a 390 × 844 phone, in English and in Russian: nothing scrolls sideways,
// the page's own words are in the reader's language, and the states a person meets (nothing
// found, not theirs, not allowed) are said in words. Each page is photographed for a look.
import { describe, expect, it } from "vitest";
import type { Visitor } from "../../worker/events/contract";
import { logInAs, openPage, PHONE, registerNew, useBrowser, widthOf } from "./browser";
import { publishedEvent, registered } from "./events-fixtures";

const browser = useBrowser();

/** Words of the English catalogue that a Russian page must not show. */
const ENGLISH =
  /\b(Registrations?|Visitors?|Cancel|Price|Paid|Refunds?|Total|Loading|Status|Messages|Reports?|Ticket|Check in|Waiting|Confirmed|Delivered|Save|Publish|Search|Show more|Places|Money|History)\b/;

async function somePeopleCame() {
  const { organizer, event } = await publishedEvent({
    price: 1200,
    visitor_limit: 2,
    description: "Разбор судейства: что такое D и E, и как считается итог.",
    costs: [{ name: "Аренда зала", amount: 5000 }],
  });
  const first = await registered(event.id, "Первая");
  await registered(event.id, "Вторая");
  await registered(event.id, "Третья");
  await organizer.json("POST", `/api/events/${event.id}/check-ins`, {
    code: first.number,
    client_id: `e2e-${first.id}`,
  });
  const [visitor] = (
    await organizer.json<{ items: Visitor[] }>("GET", `/api/events/visitors?q=${encodeURIComponent("Первая")}`)
  ).items;
  return { event, ticket: first, visitorId: visitor?.id ?? "" };
}

describe("the events pages on a phone", () => {
  it.each(["en-US", "ru-RU"])("fit 390 px and speak the reader's language (%s)", async (locale) => {
    const lang = locale.slice(0, 2);
    const { event, ticket, visitorId } = await somePeopleCame();
    const page = await logInAs(browser(), "organizer@podium.local", "podium-demo", { ...PHONE, locale });
    const pages: Record<string, string> = {
      catalogue: "/events",
      event: `/events/${event.id}`,
      ticket: `/events/tickets/${ticket.id}`,
      my: "/events/my",
      manage: "/events/manage",
      new: "/events/manage/new",
      edit: `/events/manage/${event.id}`,
      registrations: `/events/manage/${event.id}/registrations`,
      messages: `/events/manage/${event.id}/messages`,
      reports: `/events/manage/${event.id}/reports`,
      visitors: "/events/manage/visitors",
      visitor: `/events/manage/visitors/${visitorId}`,
      across: "/events/manage/reports",
      door: `/events/${event.id}/check-in`,
      "door-list": "/events/door",
      "no-event": "/events/no-such-event",
      "no-ticket": "/events/tickets/no-such-ticket",
      "no-managed-event": "/events/manage/no-such-event",
    };
    const wide: string[] = [];
    const english: string[] = [];
    const cyrillicChrome: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      const width = await widthOf(page, path);
      if (width > 390) wide.push(`${path}: ${width}px`);
      await page.screenshot({ path: `tests/e2e/artifacts/events-${lang}-${name}.png`, fullPage: true });
      const text = await page.locator("main").innerText();
      if (lang === "ru" && ENGLISH.test(text)) english.push(`${path}: ${ENGLISH.exec(text)?.[0]}`);
      if (lang === "en") {
        // The data is Russian (names, titles); the page's own labels, buttons and headings are not.
        const chrome = await page
          .locator("main")
          .locator("label, button, dt, [data-testid=report] h2, form h2, [data-testid=status], input[placeholder]")
          .evaluateAll((els) => els.map((e) => `${e.textContent ?? ""} ${e.getAttribute("placeholder") ?? ""}`));
        for (const words of chrome) if (/[а-яё]/i.test(words)) cyrillicChrome.push(`${path}: ${words.trim()}`);
      }
    }
    expect(wide).toEqual([]);
    expect(english).toEqual([]);
    expect(cyrillicChrome.filter((c) => !/Аренда зала/.test(c))).toEqual([]);
    await page.context().close();
  });

  it("say in words when nothing is found, nothing is yours, or the page is not for you", async () => {
    const newcomer = await registerNew(browser(), "Новичок Событийный");
    await newcomer.goto("/events/my");
    await newcomer.getByTestId("my-empty").getByText("You have not registered for any event yet.").waitFor();
    await newcomer.goto("/events");
    await newcomer.getByTestId("catalogue-search").fill(`нет такого ${Date.now()}`);
    await newcomer.getByTestId("catalogue-empty").getByText("No events match.", { exact: false }).waitFor();
    const { event } = await publishedEvent();
    for (const path of ["/events/manage", `/events/manage/${event.id}`, `/events/${event.id}/check-in`]) {
      await newcomer.goto(path);
      await newcomer.getByTestId("not-allowed").waitFor();
    }
    await newcomer.goto("/events/tickets/no-such-ticket");
    await newcomer.getByTestId("not-found").getByText("There is no such ticket.", { exact: false }).waitFor();
    await newcomer.context().close();

    const anonymous = await openPage(browser(), PHONE);
    await anonymous.goto("/events/my");
    await anonymous.waitForURL("**/login?next=%2Fevents%2Fmy");
    await anonymous.context().close();
  });
});
