// Pure rules of events: who holds a place, when registration is open, what a cancellation
// refunds, ticket numbers and their QR payload, phone numbers in E.164. No I/O here.
import type { Role } from "../auth/rules";
import type { EVENT_STATUSES, REGISTRATION_STATUSES } from "../db/events";

export type EventStatus = (typeof EVENT_STATUSES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

const HOUR = 3_600_000;

/** The scope an event's organizers, and its door staff, hold their roles on (or `*`: every event). */
export const eventScope = (eventId: string) => `event:${eventId}`;

/**
 * Who may check tickets in at an event's door: its door staff (role `door`, which admits to that
 * and nothing else) and its organizers.
 */
export const DOOR_ROLES = ["door", "organizer"] as const satisfies Role[];

/**
 * Statuses that hold one of the event's places: the visitor limit counts exactly these (the
 * triggers of migration 0010 count them into `event.places_taken`; the tests check the two agree).
 */
export const HOLDING_STATUSES = ["awaiting_payment", "confirmed", "checked_in"] as const satisfies RegistrationStatus[];

/** A registration in one of these may still be cancelled. */
const CANCELLABLE_STATUSES = ["awaiting_payment", "confirmed", "waitlisted"] as const satisfies RegistrationStatus[];

export const isCancellable = (status: RegistrationStatus) =>
  (CANCELLABLE_STATUSES as readonly RegistrationStatus[]).includes(status);

type RegistrationRefusal = "not_published" | "cancelled" | "finished" | "started";

/**
 * Why nobody may register for the event now, or null when they may. The registration statement
 * (capacity.ts) admits exactly the events this admits: published, starting after `now`.
 */
export function registrationRefusal(
  event: { status: EventStatus; startsAt: number },
  now: number,
): { reason: RegistrationRefusal; detail: string } | null {
  if (event.status === "draft")
    return { reason: "not_published", detail: "The event is not open for registration yet." };
  if (event.status === "cancelled") return { reason: "cancelled", detail: "The event was cancelled." };
  if (event.status === "finished") return { reason: "finished", detail: "The event has finished." };
  if (now >= event.startsAt) return { reason: "started", detail: "The event has already started." };
  return null;
}

export interface RefundPolicy {
  /** Cancelled at least this many hours before the start: everything billed comes back. */
  fullRefundHours: number;
  /** Cancelled later, but before the start: this percentage of it (rounded down to a kopeck). */
  lateRefundPercent: number;
}

/** What a visitor gets back for cancelling at `now` under the event's policy; nothing once it started. */
export function refundOnCancel(policy: RefundPolicy, billed: number, startsAt: number, now: number): number {
  if (now >= startsAt) return 0;
  if (startsAt - now >= policy.fullRefundHours * HOUR) return billed;
  return Math.floor((billed * policy.lateRefundPercent) / 100);
}

/** Which event status may follow which (cancelling, which refunds everyone, is open until it finished). */
const NEXT_STATUS: Record<EventStatus, readonly EventStatus[]> = {
  draft: ["published"],
  published: ["draft", "finished"],
  cancelled: [],
  finished: [],
};

/** Why an organizer may not move the event from one status to another, or null. */
export const DRAFT_WITH_REGISTRATIONS = "People have registered: the event cannot go back to draft.";

export function statusChangeRefusal(from: EventStatus, to: EventStatus, registrations: number): string | null {
  if (from === to) return null;
  if (to === "cancelled") return from === "finished" ? "A finished event cannot be cancelled." : null;
  if (!NEXT_STATUS[from].includes(to)) return `A ${from} event cannot become ${to}.`;
  if (to === "draft" && registrations > 0) return DRAFT_WITH_REGISTRATIONS;
  return null;
}

/** Why a ticket cannot be checked in, or null when it can. */
export function checkInRefusal(status: RegistrationStatus): string | null {
  switch (status) {
    case "confirmed":
      return null;
    case "checked_in":
      return "Already checked in.";
    case "awaiting_payment":
      return "Not paid yet.";
    case "waitlisted":
      return "On the waiting list, without a place.";
    case "cancelled":
      return "The registration was cancelled.";
  }
}

/** What a search looks in: the words in lower case (JavaScript folds Cyrillic; SQLite does not). */
export const searchable = (...parts: string[]) => parts.join(" ").toLowerCase();

/** A LIKE pattern for `text` anywhere, its `%` and `_` taken as they are (with ESCAPE '\\'). */
export const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Ticket numbers are eight digits, shown as 1234-5678: easy to read out and type on a keypad. */
const TICKET_DIGITS = 8;

/** A ticket number from random bytes (one per digit; a byte's last digit is near enough uniform). */
export function ticketNumber(bytes: Uint8Array): string {
  if (bytes.length < TICKET_DIGITS) throw new Error(`a ticket number needs ${TICKET_DIGITS} random bytes`);
  const digits = Array.from(bytes.slice(0, TICKET_DIGITS), (b) => b % 10).join("");
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

const QR_PREFIX = "PODIUM-TICKET";

/** What the ticket's QR code holds: the event too, so a door phone can tell a ticket for another event. */
export const qrPayload = (eventId: string, number: string) => `${QR_PREFIX}:${eventId}:${number}`;

/**
 * The ticket number in what door staff scanned or typed: a QR payload, or the number with any
 * spacing ("1234-5678", "1234 5678", "12345678"); null when it is neither.
 */
export function parseTicketCode(code: string): { number: string; eventId: string | null } | null {
  const trimmed = code.trim();
  const qr = new RegExp(`^${QR_PREFIX}:([A-Za-z0-9_-]{1,64}):(\\d{4}-\\d{4})$`).exec(trimmed);
  if (qr) return { eventId: qr[1] as string, number: qr[2] as string };
  const digits = trimmed.replace(/[\s-]/g, "");
  if (!new RegExp(`^\\d{${TICKET_DIGITS}}$`).test(digits)) return null;
  return { eventId: null, number: `${digits.slice(0, 4)}-${digits.slice(4)}` };
}

/**
 * A phone number in E.164 (+ and 8 to 15 digits), or null. International numbers are written
 * with + or 00; numbers without one are read as Russian, the platform's home: 8 or 7 and ten
 * digits (8 916 123-45-67), or the ten digits alone (916 123 45 67). Spaces, dashes, dots and
 * brackets are separators. Russian numbers (+7) have exactly ten digits after the 7.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, "");
  let digits: string;
  if (/^\+\d+$/.test(compact)) digits = compact.slice(1);
  else if (/^00\d+$/.test(compact)) digits = compact.slice(2);
  else if (/^[78]\d{10}$/.test(compact)) digits = `7${compact.slice(1)}`;
  else if (/^\d{10}$/.test(compact)) digits = `7${compact}`;
  else return null;
  if (!/^[1-9]\d{7,14}$/.test(digits)) return null;
  if (digits.startsWith("7") && digits.length !== 11) return null;
  return `+${digits}`;
}

/** The settlements queue's wait before trying again after `attempts` tries: 30 s, doubling, at most an hour. */
export function settlementRetrySeconds(attempts: number): number {
  return Math.min(30 * 2 ** (Math.max(1, attempts) - 1), 3_600);
}
