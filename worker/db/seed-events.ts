// Demo events for a local Podium (worker/db/seed.ts runs this; never in production), organized by
// organizer@podium.local: a free lecture (Вера, visitor@podium.local, is registered: her tickets
// are under "my registrations"), a paid master class with costs and a refund policy, and a
// concert with one place left. Fixed ids and INSERT OR IGNORE: running it again changes nothing,
// so the dates are those of the first run.
import { searchable } from "../events/rules";

const DAY = 86_400_000;
const ORGANIZER = "demo-organizer";

interface DemoEvent {
  id: string;
  title: string;
  description: string;
  location: string;
  inDays: number;
  hours: number;
  limit: number | null;
  /** Kopecks. */
  price: number;
  refund: [fullHours: number, latePercent: number];
  costs: [name: string, kopecks: number][];
  /** Demo visitors registered for it (free events only: paid ones would need their payments too). */
  guests: number;
}

const EVENTS: DemoEvent[] = [
  {
    id: "demo-lecture",
    title: "Открытая лекция: как судят гимнастику",
    description: "Судья FIG рассказывает, из чего складывается оценка. Вход свободный, нужна регистрация.",
    location: "Москва, Лужники, малая арена",
    inDays: 10,
    hours: 2,
    limit: 100,
    price: 0,
    refund: [48, 0],
    costs: [["Аренда зала", 15_000_00]],
    guests: 3,
  },
  {
    id: "demo-masterclass",
    title: "Мастер-класс по спортивной фотографии",
    description: "Съёмка соревнований: выдержка, свет, движение. Своя камера обязательна.",
    location: "Москва, Тверская 1, студия 4",
    inDays: 20,
    hours: 3,
    limit: 20,
    price: 1_500_00,
    refund: [48, 50],
    costs: [
      ["Аренда студии", 8_000_00],
      ["Наставник", 12_000_00],
    ],
    guests: 0,
  },
  {
    id: "demo-concert",
    title: "Камерный концерт «Весна»",
    description: "Струнный квартет. Осталось одно место: следующий попадёт в лист ожидания.",
    location: "Санкт-Петербург, Малый зал филармонии",
    inDays: 5,
    hours: 2,
    limit: 10,
    price: 0,
    refund: [48, 0],
    costs: [],
    guests: 9,
  },
];

const GUESTS = [
  ["Анна", "Смирнова"],
  ["Борис", "Кузнецов"],
  ["Василиса", "Попова"],
  ["Глеб", "Соколов"],
  ["Дарья", "Лебедева"],
  ["Егор", "Козлов"],
  ["Жанна", "Новикова"],
  ["Захар", "Морозов"],
  ["Ирина", "Волкова"],
];

/** Ticket numbers of the demo: 9000-0NNN, out of the way of the random ones of real registrations. */
const demoNumber = (n: number) => `9000-${String(n).padStart(4, "0")}`;

export function demoEvents(now: number, quote: (value: string) => string): string[] {
  const statements: string[] = [];
  const visitor = (id: string, first: string, last: string, email: string, phone: string, userId: string | null) =>
    `INSERT OR IGNORE INTO visitor (id, first_name, last_name, phone, email, user_id, search, created_at, updated_at) VALUES (${quote(id)}, ${quote(first)}, ${quote(last)}, ${quote(phone)}, ${quote(email)}, ${userId === null ? "NULL" : quote(userId)}, ${quote(searchable(first, last, email, phone))}, ${now}, ${now});`;
  // seq continues after whatever registrations exist; a registration already seeded is kept as it is.
  const registration = (id: string, number: string, eventId: string, visitorId: string) =>
    `INSERT OR IGNORE INTO registration (id, seq, number, event_id, visitor_id, status, price, idempotency_scope, idempotency_key, request_hash, created_at, updated_at) SELECT ${quote(id)}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM registration), ${quote(number)}, ${quote(eventId)}, ${quote(visitorId)}, 'confirmed', 0, 'seed', ${quote(id)}, 'seed', ${now}, ${now} WHERE NOT EXISTS (SELECT 1 FROM registration WHERE id = ${quote(id)});`;

  statements.push(
    visitor("demo-visitor-vera", "Вера", "Зрителева", "visitor@podium.local", "+79160000000", "demo-visitor"),
  );
  GUESTS.forEach(([first = "", last = ""], i) => {
    statements.push(
      visitor(
        `demo-guest-${i + 1}`,
        first,
        last,
        `guest${i + 1}@podium.local`,
        `+7916000${String(i + 1).padStart(4, "0")}`,
        null,
      ),
    );
  });

  let number = 0;
  for (const e of EVENTS) {
    const startsAt = now + e.inDays * DAY;
    statements.push(
      `INSERT OR IGNORE INTO event (id, title, description, location, starts_at, ends_at, status, visitor_limit, price, refund_full_hours, refund_late_percent, organizer_id, search, created_at, updated_at) VALUES (${quote(e.id)}, ${quote(e.title)}, ${quote(e.description)}, ${quote(e.location)}, ${startsAt}, ${startsAt + e.hours * 3_600_000}, 'published', ${e.limit ?? "NULL"}, ${e.price}, ${e.refund[0]}, ${e.refund[1]}, ${quote(ORGANIZER)}, ${quote(searchable(e.title, e.location))}, ${now}, ${now});`,
      `INSERT OR IGNORE INTO role_grant (id, user_id, role, scope, created_at) VALUES (${quote(`${ORGANIZER}-${e.id}`)}, ${quote(ORGANIZER)}, 'organizer', ${quote(`event:${e.id}`)}, ${now});`,
      ...e.costs.map(
        ([name, amount], position) =>
          `INSERT OR IGNORE INTO event_cost (event_id, position, name, amount) VALUES (${quote(e.id)}, ${position}, ${quote(name)}, ${amount});`,
      ),
    );
    for (let g = 0; g < e.guests; g++) {
      statements.push(registration(`${e.id}-guest-${g + 1}`, demoNumber(++number), e.id, `demo-guest-${g + 1}`));
    }
  }
  statements.push(registration("demo-lecture-vera", demoNumber(++number), "demo-lecture", "demo-visitor-vera"));
  return statements;
}
