// What the events area tells visitors, through the notifications port: which news is recorded
// with which change (in the same batch as the change), and how each reads, in Russian and English.
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { event, registration, visitor } from "../db/schema";
import { once, raw } from "../lib/batch";
import type { StoredMessage } from "../notifications/port";
import { recordMessages } from "../notifications/store";
import { formatMoney } from "./present";

/** Each piece of news about a registration, sent at most once (notification_news_unique). */
export type News =
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "payment_pending"
  | "cancelled"
  | "event_cancelled"
  | "refunded";

/** Messages by email about the registrations `where` picks (over `r`, the registration). */
function about(news: News | SQL, where: SQL): SQL {
  const kind = typeof news === "string" ? sql`${`events.${news}`}` : news;
  return sql`
    SELECT 'email' AS channel, v.email AS recipient, ${kind} AS kind, r.id AS reference,
      'event:' || r.event_id AS topic
    FROM registration r JOIN visitor v ON v.id = r.visitor_id WHERE ${where}`;
}

/**
 * A new registration's news: confirmed or on the waiting list (a paid one speaks once it is billed
 * or not). Built once (a registration's hot path); bind `id` and `now`.
 */
export const RECORD_ARRIVAL = once(() =>
  raw<{ id: string }>(
    recordMessages(
      about(
        sql`'events.' || r.status`,
        sql`r.id = ${sql.placeholder("id")} AND r.status IN ('confirmed', 'waitlisted')`,
      ),
      sql.placeholder("now"),
    ),
  ),
);

/** News of one registration, if `where` still holds for it. */
export const recordNews = (news: News, id: string, now: number, where: SQL = sql`1`) =>
  recordMessages(about(news, sql`r.id = ${id} AND ${where}`), now);

/** Everyone of the event moved up from the waiting list at `now`. */
export const recordPromotions = (eventId: string, now: number) =>
  recordMessages(about("promoted", sql`r.event_id = ${eventId} AND r.promoted_at = ${now}`), now);

/** Everyone whose registration the event's cancellation at `now` cancelled. */
export const recordEventCancelled = (eventId: string, now: number) =>
  recordMessages(
    about("event_cancelled", sql`r.event_id = ${eventId} AND r.cancelled_at = ${now} AND r.status = 'cancelled'`),
    now,
  );

interface Facts {
  firstName: string;
  title: string;
  startsAt: number;
  location: string;
  number: string;
  refundDue: number;
  refunded: number;
  ticketUrl: string;
}

/** Each news as [subject, first lines] in Russian and in English. */
const TEXTS: Record<News, (f: Facts) => { ru: [string, string]; en: [string, string] }> = {
  confirmed: () => ({
    ru: ["Регистрация подтверждена", "Ваша регистрация подтверждена. Ждём вас!"],
    en: ["Registration confirmed", "Your registration is confirmed. See you there!"],
  }),
  waitlisted: () => ({
    ru: ["Вы в листе ожидания", "Свободных мест нет: вы в листе ожидания. Если место освободится, мы сразу напишем."],
    en: [
      "You are on the waiting list",
      "The event is full: you are on the waiting list. We will write the moment a place frees up.",
    ],
  }),
  promoted: () => ({
    ru: ["Для вас освободилось место", "Для вас освободилось место: вы переведены из листа ожидания."],
    en: ["A place has freed up for you", "A place has freed up: you have moved up from the waiting list."],
  }),
  payment_pending: () => ({
    ru: [
      "Оплата не прошла",
      "Оплата пока не прошла; место за вами. Мы попробуем ещё раз, или оплатите на странице билета.",
    ],
    en: [
      "Payment did not go through",
      "The payment has not gone through yet; your place is held. We will try again, or pay on the ticket page.",
    ],
  }),
  cancelled: (f) => ({
    ru: [
      "Регистрация отменена",
      `Ваша регистрация отменена.${f.refundDue ? ` Вернём ${formatMoney(f.refundDue)}.` : ""}`,
    ],
    en: [
      "Registration cancelled",
      `Your registration is cancelled.${f.refundDue ? ` We will refund ${formatMoney(f.refundDue)}.` : ""}`,
    ],
  }),
  event_cancelled: (f) => ({
    ru: [
      "Мероприятие отменено",
      `Мероприятие отменено.${f.refundDue ? ` Вернём всё оплаченное: ${formatMoney(f.refundDue)}.` : ""}`,
    ],
    en: [
      "Event cancelled",
      `The event is cancelled.${f.refundDue ? ` Everything you paid comes back: ${formatMoney(f.refundDue)}.` : ""}`,
    ],
  }),
  refunded: (f) => ({
    ru: ["Деньги возвращены", `Мы вернули ${formatMoney(f.refunded)}.`],
    en: ["Refund sent", `We have refunded ${formatMoney(f.refunded)}.`],
  }),
};

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function write(news: News, f: Facts): { subject: string; text: string } {
  const { ru, en } = TEXTS[news](f);
  return {
    subject: `${ru[0]} / ${en[0]}: ${f.title}`,
    text: [
      `Здравствуйте, ${f.firstName}!`,
      "",
      ru[1],
      `«${f.title}», ${when(f.startsAt)}, ${f.location}`,
      `Номер билета: ${f.number}`,
      `Билет: ${f.ticketUrl}`,
      "",
      "—",
      "",
      `Hello ${f.firstName},`,
      "",
      en[1],
      `"${f.title}", ${when(f.startsAt)}, ${f.location}`,
      `Ticket number: ${f.number}`,
      `Ticket: ${f.ticketUrl}`,
    ].join("\n"),
  };
}

/** The address of a registration's ticket page (the web app's). */
const ticketUrl = (siteUrl: string, registrationId: string) => `${siteUrl}/events/tickets/${registrationId}`;

/** The notifications port's renderer for `events.*`: one read for the whole batch. */
export async function renderEventMessages(db: Db, siteUrl: string, messages: StoredMessage[]) {
  const rows = await db
    .select({
      id: registration.id,
      number: registration.number,
      refundDue: registration.refundDue,
      refunded: registration.refundAmount,
      title: event.title,
      startsAt: event.startsAt,
      location: event.location,
      firstName: visitor.firstName,
    })
    .from(registration)
    .innerJoin(event, eq(event.id, registration.eventId))
    .innerJoin(visitor, eq(visitor.id, registration.visitorId))
    .where(
      inArray(
        registration.id,
        messages.map((m) => m.reference),
      ),
    );
  const facts = new Map(rows.map((r) => [r.id, { ...r, ticketUrl: ticketUrl(siteUrl, r.id) }]));
  const texts = new Map<string, { subject: string; text: string }>();
  for (const message of messages) {
    const news = message.kind.slice("events.".length) as News;
    const found = facts.get(message.reference);
    if (found && news in TEXTS) texts.set(message.id, write(news, found));
  }
  return texts;
}
