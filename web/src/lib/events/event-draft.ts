// An event as its form holds it (text, as typed) and as the API takes it. Numbers are read by the
// app's one reader of typed numbers (decimal-input.ts) against the API's own bounds; times are
// the organizer's local date and time (<input type="datetime-local">), sent as instants.
import type { Event } from "../../../../worker/events/contract";
import { type DecimalRule, type Reading, readDecimal } from "../decimal-input";

export const PRICE: DecimalRule = { places: 2, min: 0, max: 1_000_000_00 };
export const COST: DecimalRule = { places: 2, min: 0, max: 100_000_000_00 };
export const LIMIT: DecimalRule = { places: 0, min: 1, max: 1_000_000 };
export const HOURS: DecimalRule = { places: 0, min: 0, max: 8_760 };
export const PERCENT: DecimalRule = { places: 0, min: 0, max: 100 };

export interface EventDraft {
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  /** Empty: no limit. */
  limit: string;
  price: string;
  fullRefundHours: string;
  lateRefundPercent: string;
  costs: { name: string; amount: string }[];
}

/** An instant as a datetime-local input shows it, in this browser's time zone. */
export function localInput(instant: Date): string {
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The form of an event to change, or of a new one: a week from now at 18:00, for two hours. */
export function draftOf(event: Event | null, now = new Date()): EventDraft {
  if (event) {
    return {
      title: event.title,
      description: event.description,
      location: event.location,
      startsAt: localInput(new Date(event.starts_at)),
      endsAt: localInput(new Date(event.ends_at)),
      limit: event.visitor_limit === null ? "" : String(event.visitor_limit),
      price: String(event.price),
      fullRefundHours: String(event.refund_policy.full_refund_hours),
      lateRefundPercent: String(event.refund_policy.late_refund_percent),
      costs: (event.costs ?? []).map((c) => ({ name: c.name, amount: String(c.amount) })),
    };
  }
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 18);
  return {
    title: "",
    description: "",
    location: "",
    startsAt: localInput(start),
    endsAt: localInput(new Date(start.getTime() + 2 * 3_600_000)),
    limit: "",
    price: "0",
    fullRefundHours: "48",
    lateRefundPercent: "0",
    costs: [],
  };
}

export interface DraftReadings {
  limit: Reading | null;
  price: Reading;
  fullRefundHours: Reading;
  lateRefundPercent: Reading;
  costs: Reading[];
}

export function readDraft(draft: EventDraft): DraftReadings {
  return {
    limit: draft.limit.trim() ? readDecimal(draft.limit, LIMIT) : null,
    price: readDecimal(draft.price, PRICE),
    fullRefundHours: readDecimal(draft.fullRefundHours, HOURS),
    lateRefundPercent: readDecimal(draft.lateRefundPercent, PERCENT),
    costs: draft.costs.map((c) => readDecimal(c.amount, COST)),
  };
}

/** The API's body for the draft, or null while a number in it cannot be read. */
export function bodyOf(draft: EventDraft, read: DraftReadings): Record<string, unknown> | null {
  const numbers = [read.limit, read.price, read.fullRefundHours, read.lateRefundPercent, ...read.costs];
  if (numbers.some((r) => r !== null && !r.ok)) return null;
  const value = (r: Reading | null) => (r?.ok ? r.value : null);
  const instant = (local: string) => (local ? new Date(local).toISOString() : "");
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    location: draft.location.trim(),
    starts_at: instant(draft.startsAt),
    ends_at: instant(draft.endsAt),
    visitor_limit: value(read.limit),
    price: value(read.price),
    refund_policy: {
      full_refund_hours: value(read.fullRefundHours),
      late_refund_percent: value(read.lateRefundPercent),
    },
    costs: draft.costs.map((c, i) => ({ name: c.name.trim(), amount: value(read.costs[i] ?? null) })),
  };
}
