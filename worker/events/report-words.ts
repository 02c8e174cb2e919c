// The words of the events reports' downloads (CSV and PDF), in each language of the web app, so
// that a report reads in the language of the page it was downloaded from (lib/language.ts picks
// it). The JSON forms carry codes, not words: the pages word them themselves.
import type { Language } from "../lib/language";
import type { RegistrationStatus } from "./rules";

export interface ReportWords {
  /** A registration's status, as a cell and as a column heading. */
  status: Record<RegistrationStatus, string>;
  generated: (stamp: string) => string;
  allDates: string;
  eventsStarting: (range: string) => string;
  // Visitors
  byStatus: string;
  statusColumn: string;
  visitorsColumn: string;
  visitors: string;
  firstVisitors: (n: number) => string;
  visitorsAcross: string;
  visitorsOf: (when: string, location: string) => string;
  event: string;
  events: string;
  starts: string;
  number: string;
  visitor: string;
  email: string;
  phone: string;
  registered: string;
  nobodyRegistered: string;
  noEventsInRange: string;
  // One visitor's history
  history: (email: string, registered: number, attended: number) => string;
  noRegistrations: string;
  // Money
  finances: string;
  financesOf: (when: string) => string;
  billed: string;
  refunded: string;
  net: string;
  costs: string;
  profit: string;
  result: string;
  total: string;
  item: string;
  amount: string;
  noCosts: string;
  // Charts
  from: string;
  runningTotal: string;
  registrations: string;
  registrationsPerDay: string;
  checkIns: string;
  checkInsOf: (holding: number) => string;
  nobodyCheckedIn: string;
}

export const REPORT_WORDS: Record<Language, ReportWords> = {
  en: {
    status: {
      awaiting_payment: "Awaiting payment",
      confirmed: "Confirmed",
      waitlisted: "Waiting list",
      cancelled: "Cancelled",
      checked_in: "Checked in",
    },
    generated: (stamp) => `generated ${stamp}`,
    allDates: "all dates",
    eventsStarting: (range) => `Events starting ${range}`,
    byStatus: "By status",
    statusColumn: "Status",
    visitorsColumn: "Visitors",
    visitors: "Visitors",
    firstVisitors: (n) => `Visitors (the first ${n})`,
    visitorsAcross: "Visitors across events",
    visitorsOf: (when, location) => `Visitors · ${when} · ${location}`,
    event: "Event",
    events: "Events",
    starts: "Starts",
    number: "Number",
    visitor: "Visitor",
    email: "Email",
    phone: "Phone",
    registered: "Registered",
    nobodyRegistered: "Nobody has registered.",
    noEventsInRange: "No events in this range.",
    history: (email, registered, attended) => `${email} · ${registered} registrations, ${attended} attended`,
    noRegistrations: "No registrations.",
    finances: "Finances",
    financesOf: (when) => `Finances · ${when}`,
    billed: "Billed",
    refunded: "Refunded",
    net: "Net",
    costs: "Costs",
    profit: "Profit",
    result: "Result",
    total: "Total",
    item: "Item",
    amount: "Amount",
    noCosts: "No costs entered.",
    from: "From (UTC)",
    runningTotal: "Running total",
    registrations: "Registrations",
    registrationsPerDay: "Registrations per day",
    checkIns: "Check-ins",
    checkInsOf: (holding) => `Check-ins · ${holding} holding places`,
    nobodyCheckedIn: "Nobody has checked in yet.",
  },
  ru: {
    status: {
      awaiting_payment: "Ждёт оплаты",
      confirmed: "Подтверждена",
      waitlisted: "Лист ожидания",
      cancelled: "Отменена",
      checked_in: "На месте",
    },
    generated: (stamp) => `сформировано ${stamp}`,
    allDates: "все даты",
    eventsStarting: (range) => `Мероприятия с началом: ${range}`,
    byStatus: "По статусам",
    statusColumn: "Статус",
    visitorsColumn: "Посетителей",
    visitors: "Посетители",
    firstVisitors: (n) => `Посетители (первые ${n})`,
    visitorsAcross: "Посетители по мероприятиям",
    visitorsOf: (when, location) => `Посетители · ${when} · ${location}`,
    event: "Мероприятие",
    events: "Мероприятия",
    starts: "Начало",
    number: "Номер",
    visitor: "Посетитель",
    email: "Эл. почта",
    phone: "Телефон",
    registered: "Регистрация",
    nobodyRegistered: "Никто не зарегистрировался.",
    noEventsInRange: "В эти даты мероприятий нет.",
    history: (email, registered, attended) => `${email} · регистраций: ${registered}, пришёл(а): ${attended}`,
    noRegistrations: "Регистраций нет.",
    finances: "Финансы",
    financesOf: (when) => `Финансы · ${when}`,
    billed: "Оплачено",
    refunded: "Возвращено",
    net: "Чистая выручка",
    costs: "Расходы",
    profit: "Прибыль",
    result: "Итог",
    total: "Всего",
    item: "Статья",
    amount: "Сумма",
    noCosts: "Расходы не указаны.",
    from: "С (UTC)",
    runningTotal: "Нарастающим итогом",
    registrations: "Регистрации",
    registrationsPerDay: "Регистрации по дням",
    checkIns: "Проходы",
    checkInsOf: (holding) => `Проходы · мест занято: ${holding}`,
    nobodyCheckedIn: "Пока никто не прошёл.",
  },
};
