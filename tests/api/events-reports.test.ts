// The events reports: their figures against the registrations they count, and the same report
// as JSON, CSV (UTF-8 with BOM, formula cells neutralised) and PDF (Cyrillic embedded), the
// downloads in the reader's language.
import { exports } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { CheckIn, Ticket } from "../../worker/events/contract";
import type {
  CheckInsReport,
  EventVisitorsReport,
  RegistrationsOverTimeReport,
  VisitorHistoryReport,
  VisitorsReport,
} from "../../worker/events/report-contract";
import { type Client, ORIGIN, problemOf } from "./client";
import { createEvent, inHours, newOrganizer, pdfTexts, person, registered, rows, tally } from "./events-helpers";

/** A report download as the browser gets it (not JSON, so not through Client.send). */
async function download(client: Client, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { headers: { cookie: client.cookieHeader(), ...headers } }),
  );
}

/** An event with confirmed, waiting, cancelled and checked-in visitors. */
async function busyEvent(client: Client, fields: Record<string, unknown> = {}) {
  const event = await createEvent(client, { visitor_limit: 3, title: "Концерт «Весна»", ...fields });
  const tickets: Ticket[] = [];
  for (let i = 0; i < 5; i++) tickets.push(await registered(event.id));
  await client.delete(`/api/events/registrations/${tickets[0]?.id}`);
  const checkIn = await client.post(`/api/events/${event.id}/check-ins`, {
    code: tickets[1]?.number,
    client_id: "door-phone-1",
  });
  return { event, tickets, checkedInAt: (checkIn.body as CheckIn).checked_in_at };
}

describe("one event's visitors", () => {
  it("counts them by status and lists them, the counts matching the list", async () => {
    const { client } = await newOrganizer();
    const { event } = await busyEvent(client);
    const report = (await client.get(`/api/events/${event.id}/reports/visitors`)).body as EventVisitorsReport;
    expect(report.by_status).toEqual({
      awaiting_payment: 0,
      confirmed: 2,
      waitlisted: 1,
      cancelled: 1,
      checked_in: 1,
    });
    expect(report.total).toBe(5);
    const listed = tally(report.visitors.map((v) => v.status));
    for (const [status, n] of Object.entries(report.by_status)) expect(listed[status] ?? 0).toBe(n);
  });

  it("as CSV: UTF-8 with a BOM, Cyrillic intact, formulas neutralised", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { title: "Лекция" });
    await registered(event.id, { ...person(), first_name: '=HYPERLINK("http://evil")', last_name: "Щукина" });
    const res = await download(client, `/api/events/${event.id}/reports/visitors?format=csv`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`event-${event.id}-visitors.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("By status");
    expect(text).toContain("Щукина");
    expect(text).toContain(`'=HYPERLINK`);
  });

  it("as PDF: a document titled with the event's name, its font embedded", async () => {
    const { client } = await newOrganizer();
    const { event } = await busyEvent(client);
    const res = await download(client, `/api/events/${event.id}/reports/visitors?format=pdf`);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = await PDFDocument.load(await res.arrayBuffer());
    expect(pdf.getTitle()).toBe("Концерт «Весна»");
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it("is for the event's organizers only", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const stranger = await newOrganizer("Stranger");
    expect((await stranger.client.get(`/api/events/${event.id}/reports/visitors`)).status).toBe(200);
    const { client: anonymous } = { client: stranger.client.clone() };
    await anonymous.post("/api/auth/logout");
    problemOf(await anonymous.get(`/api/events/${event.id}/reports/finances`), 401);
    problemOf(await client.get("/api/events/nosuchevent/reports/visitors"), 404);
  });
});

describe("visitors across events", () => {
  it("the totals by status are the sums over the events in the range", async () => {
    const { client } = await newOrganizer();
    const at = (h: number) => ({ starts_at: inHours(24 * 500 + h), ends_at: inHours(24 * 500 + h + 1) });
    const a = await busyEvent(client, at(1));
    const b = await busyEvent(client, at(2));
    await busyEvent(client, at(48));
    const query = `from=${encodeURIComponent(inHours(24 * 500))}&to=${encodeURIComponent(inHours(24 * 501))}`;
    const report = (await client.get(`/api/events/reports/visitors?${query}`)).body as VisitorsReport;
    expect(report.events.map((e) => e.id)).toEqual([a.event.id, b.event.id]);
    for (const status of Object.keys(report.by_status)) {
      expect(report.by_status[status]).toBe(report.events.reduce((n, e) => n + (e.by_status[status] ?? 0), 0));
    }
    expect(report.visitors).toHaveLength(10);
    expect(report.truncated).toBe(false);
    const csv = await (await download(client, `/api/events/reports/visitors?${query}&format=csv`)).text();
    expect(csv.split("\n").filter((line) => line.includes("Концерт"))).toHaveLength(12);
  });
});

describe("one visitor's history", () => {
  it("the events they registered for and which they attended", async () => {
    const { client } = await newOrganizer();
    const details = person("history");
    const first = await createEvent(client, { title: "Первое" });
    const second = await createEvent(client, { title: "Второе" });
    const ticket = await registered(first.id, details);
    await registered(second.id, details);
    await client.post(`/api/events/${first.id}/check-ins`, { code: ticket.number, client_id: "door-phone-9" });
    const [visitor] = await rows<{ id: string }>("SELECT id FROM visitor WHERE email = ?", details.email);
    const report = (await client.get(`/api/events/visitors/${visitor?.id}/history`)).body as VisitorHistoryReport;
    expect(report).toMatchObject({ registered: 2, attended: 1 });
    expect(report.events.map((e) => [e.event_title, e.attended])).toEqual([
      ["Первое", true],
      ["Второе", false],
    ]);
    const pdf = await download(client, `/api/events/visitors/${visitor?.id}/history?format=pdf`);
    expect((await PDFDocument.load(await pdf.arrayBuffer())).getTitle()).toBe(
      `${details.first_name} ${details.last_name}`,
    );
  });
});

describe("chart data", () => {
  it("registrations per day add up to the registrations, the running total to all of them", async () => {
    const { client } = await newOrganizer();
    const { event } = await busyEvent(client);
    const report = (await client.get(`/api/events/${event.id}/reports/registrations`))
      .body as RegistrationsOverTimeReport;
    expect(report.series.reduce((n, s) => n + s.count, 0)).toBe(5);
    expect(report.series.at(-1)?.cumulative).toBe(5);
    expect(report.series[0]?.at).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  });

  it("check-ins per quarter hour, with how many hold a place", async () => {
    const { client } = await newOrganizer();
    const { event, checkedInAt } = await busyEvent(client);
    const report = (await client.get(`/api/events/${event.id}/reports/check-ins`)).body as CheckInsReport;
    expect(report.expected).toBe(3);
    expect(report.series).toHaveLength(1);
    expect(report.series[0]?.count).toBe(1);
    const slot = Date.parse(report.series[0]?.at ?? "");
    expect(Date.parse(checkedInAt) - slot).toBeLessThan(15 * 60_000);
    const csv = await (await download(client, `/api/events/${event.id}/reports/check-ins?format=csv`)).text();
    expect(csv).toContain("Check-ins");
  });
});

describe("downloads in the reader's language", () => {
  const russian = ["По статусам", "Статус", "Посетителей", "Посетители", "Номер", "Посетитель", "Телефон"];
  const english = ["By status", "Status", "Visitors", "Number", "Visitor", "Phone"];

  it("CSV: ?lang=ru has Russian headings and status words, ?lang=en English ones", async () => {
    const { client } = await newOrganizer();
    const { event } = await busyEvent(client);
    const path = `/api/events/${event.id}/reports/visitors?format=csv`;
    const ru = await (await download(client, `${path}&lang=ru`)).text();
    const [ruHeader] = ru.split("\n").filter((line) => line.startsWith("Номер,"));
    expect(ruHeader?.trim()).toBe("Номер,Посетитель,Эл. почта,Телефон,Статус,Регистрация");
    for (const word of [...russian, "Подтверждена", "Лист ожидания", "Отменена", "На месте"])
      expect(ru).toContain(word);
    expect(ru).not.toMatch(/By status|Visitor|Status|confirmed|waitlisted/);
    // The names stay as they were entered, in any language.
    expect(ru).toContain("Анна");

    const en = await (await download(client, `${path}&lang=en`)).text();
    expect(
      en
        .split("\n")
        .find((line) => line.startsWith("Number,"))
        ?.trim(),
    ).toBe("Number,Visitor,Email,Phone,Status,Registered");
    for (const word of [...english, "Confirmed", "Waiting list", "Cancelled", "Checked in"]) expect(en).toContain(word);
    expect(en).not.toMatch(/По статусам|Статус|Подтверждена/);
  });

  it("PDF: ?lang=ru draws Russian headings, status words and footer; ?lang=en English ones", async () => {
    const { client } = await newOrganizer();
    const { event } = await busyEvent(client);
    const path = `/api/events/${event.id}/reports/visitors?format=pdf`;
    const ru = await pdfTexts(await (await download(client, `${path}&lang=ru`)).arrayBuffer());
    for (const word of [...russian, "Подтверждена", "На месте"]) expect(ru).toContain(word);
    expect(ru.some((text) => text.includes("сформировано"))).toBe(true);
    expect(ru).not.toContain("By status");
    expect(ru).toContain("Концерт «Весна»");

    const en = await pdfTexts(await (await download(client, `${path}&lang=en`)).arrayBuffer());
    for (const word of [...english, "Confirmed", "Checked in"]) expect(en).toContain(word);
    expect(en.some((text) => text.includes("generated"))).toBe(true);
    expect(en).not.toContain("По статусам");
  });

  it("the money reports too: titles, columns and totals in the language asked for", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client, { price: 100, costs: [{ name: "Зал", amount: 30 }] });
    await registered(event.id);
    const ruPdf = await download(client, `/api/events/${event.id}/reports/finances?format=pdf&lang=ru`);
    const ru = await pdfTexts(await ruPdf.arrayBuffer());
    for (const word of ["Итог", "Оплачено", "Возвращено", "Чистая выручка", "Расходы", "Прибыль", "Статья", "Сумма"]) {
      expect(ru).toContain(word);
    }
    const across = await download(client, "/api/events/reports/finances?format=pdf&lang=ru");
    const bytes = await across.arrayBuffer();
    expect((await PDFDocument.load(bytes)).getTitle()).toBe("Финансы");
    expect(await pdfTexts(bytes)).toContain("Всего");
    const enCsv = await (await download(client, "/api/events/reports/finances?format=csv&lang=en")).text();
    expect(enCsv).toContain("Event,Starts,Billed,Refunded,Net,Costs,Profit");
    expect(enCsv).toContain("Total");
    const ruCsv = await (await download(client, `/api/events/${event.id}/reports/check-ins?format=csv&lang=ru`)).text();
    expect(ruCsv).toContain("С (UTC),Проходы,Нарастающим итогом");
  });

  it("without ?lang the browser's Accept-Language decides; ?lang wins over it; English otherwise", async () => {
    const { client } = await newOrganizer();
    const event = await createEvent(client);
    const path = `/api/events/${event.id}/reports/visitors?format=csv`;
    const russianBrowser = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" };
    expect(await (await download(client, path, russianBrowser)).text()).toContain("По статусам");
    expect(await (await download(client, `${path}&lang=en`, russianBrowser)).text()).toContain("By status");
    expect(await (await download(client, path, { "accept-language": "de-DE,fr;q=0.5" })).text()).toContain("By status");
    expect(await (await download(client, path)).text()).toContain("By status");
    const wrong = await download(client, `${path}&lang=de`);
    expect(wrong.status).toBe(400);
  });
});
