// The events area's codes in words: statuses, message kinds, refund policies and the API's
// refusals (a conflict says what is wrong in `reason`; the web app words each reason itself).
import type { Event } from "../../../../worker/events/contract";
import type { RegistrationStatus } from "../../../../worker/events/rules";
import type { RecordedMessage } from "../../../../worker/notifications/contract";
import type { ApiProblem } from "../api";
import { m } from "../paraglide/messages";
import { formatMoney, formatWhen } from "./format";

const EVENT_STATUS: Record<Event["status"], () => string> = {
  draft: m.events_status_draft,
  published: m.events_status_published,
  cancelled: m.events_status_cancelled,
  finished: m.events_status_finished,
};
export const eventStatusName = (status: Event["status"]) => EVENT_STATUS[status]();
/** Every event status, in the order an event goes through them (for filters). */
export const EVENT_STATUSES = Object.keys(EVENT_STATUS) as Event["status"][];

const REGISTRATION_STATUS: Record<RegistrationStatus, () => string> = {
  awaiting_payment: m.events_registration_awaiting_payment,
  confirmed: m.events_registration_confirmed,
  waitlisted: m.events_registration_waitlisted,
  cancelled: m.events_registration_cancelled,
  checked_in: m.events_registration_checked_in,
};
export const registrationStatusName = (status: RegistrationStatus) => REGISTRATION_STATUS[status]();
export const REGISTRATION_STATUSES = Object.keys(REGISTRATION_STATUS) as RegistrationStatus[];

const MESSAGE_STATUS: Record<RecordedMessage["status"], () => string> = {
  queued: m.events_message_queued,
  retrying: m.events_message_retrying,
  delivered: m.events_message_delivered,
  failed: m.events_message_failed,
};
export const messageStatusName = (status: RecordedMessage["status"]) => MESSAGE_STATUS[status]();

const MESSAGE_KIND: Record<string, () => string> = {
  "events.confirmed": m.events_news_confirmed,
  "events.waitlisted": m.events_news_waitlisted,
  "events.promoted": m.events_news_promoted,
  "events.payment_pending": m.events_news_payment_pending,
  "events.cancelled": m.events_news_cancelled,
  "events.event_cancelled": m.events_news_event_cancelled,
  "events.refunded": m.events_news_refunded,
};
export const messageKindName = (kind: string) => MESSAGE_KIND[kind]?.() ?? kind;

/** The event's refund policy as a visitor reads it before registering or cancelling. */
export function refundPolicyWords(policy: Event["refund_policy"]): string {
  const hours = policy.full_refund_hours;
  if (policy.late_refund_percent === 100) return m.events_refund_always();
  if (policy.late_refund_percent === 0) return m.events_refund_full_until({ hours });
  return m.events_refund_part_after({ hours, percent: policy.late_refund_percent });
}

type Reasons = Record<string, (problem: ApiProblem["problem"]) => string>;

/**
 * The API's conflicts carry a `reason`, whose meaning depends on what was asked ("cancelled" is
 * the event when registering, the registration when cancelling it): one set of words per request.
 */
export const REGISTER_REFUSALS: Reasons = {
  not_published: () => m.events_refused_not_published(),
  cancelled: () => m.events_refused_event_cancelled(),
  finished: () => m.events_refused_event_finished(),
  started: () => m.events_refused_started(),
  already_registered: () => m.events_refused_already_registered(),
};

export const TICKET_REFUSALS: Reasons = {
  cancelled: () => m.events_refused_registration_cancelled(),
  checked_in: () => m.events_refused_checked_in(),
  confirmed: () => m.events_refused_paid(),
  waitlisted: () => m.events_refused_nothing_to_pay(),
  kept_changing: () => m.events_refused_kept_changing(),
};

/**
 * Why the door refused a ticket (kept on the door phone with the check-in, worded when shown):
 * the API's reason, or the door's own ("not_a_ticket", "not_found", "forbidden"); `firstAt` is
 * when a ticket checked in already was checked in first.
 */
export function doorRefusalWords(reason: string, firstAt?: string): string {
  switch (reason) {
    case "already_checked_in":
      return firstAt
        ? m.events_refused_already_checked_in({ when: formatWhen(firstAt) })
        : m.events_refused_checked_in();
    case "other_event":
      return m.events_refused_other_event();
    case "awaiting_payment":
      return m.events_refused_not_paid();
    case "waitlisted":
      return m.events_refused_on_waitlist();
    case "cancelled":
      return m.events_refused_registration_cancelled();
    case "not_found":
      return m.events_refused_no_ticket();
    case "not_a_ticket":
      return m.events_refused_not_a_ticket();
    case "forbidden":
      return m.events_door_forbidden();
    default:
      return m.events_refused_other();
  }
}

export const EVENT_REFUSALS: Reasons = {
  status: () => m.events_refused_status(),
  visitor_limit: () => m.events_refused_visitor_limit(),
  finished: () => m.events_refused_event_finished(),
};

export const VISITOR_REFUSALS: Reasons = {
  email_taken: () => m.events_refused_email_taken(),
};

const TYPES: Record<string, () => string> = {
  "urn:podium:problem:payment-declined": m.events_payment_declined,
  "urn:podium:problem:payment-unavailable": m.events_payment_unavailable,
  "urn:podium:problem:not-found": m.events_not_found,
};

/** What to tell the person about a refused request: its reason in words, else the app's general wording. */
export function refusalWords(error: ApiProblem, reasons: Reasons = {}): string {
  const { reason } = error.problem;
  const worded = typeof reason === "string" ? reasons[reason] : undefined;
  return worded?.(error.problem) ?? TYPES[error.problem.type]?.() ?? error.message;
}

export const priceWords = (price: number) => (price === 0 ? m.events_free() : formatMoney(price));

/** How many places are left, or that the event is full and newcomers wait in line. */
export function placesWords(places: Event["places"]): string {
  if (places.left === null) return m.events_places_unlimited();
  if (places.left === 0) return m.events_places_full({ waiting: places.waitlisted });
  return m.events_places_left({ left: places.left });
}

/**
 * The error for one field of a visitor's details: a phone the API cannot read is worded here (the
 * API's own message is English); everything else as the app words field errors.
 */
export function detailsFieldError(problem: ApiProblem | null, path: string): string | undefined {
  const error = problem?.problem.errors?.find((e) => e.path === path);
  if (path === "phone" && error?.code === "invalid_format") return m.events_phone_invalid();
  return problem?.field(path);
}

/** The message above a form for its last problem: none while fields carry the errors. */
export function formProblem(problem: ApiProblem | null, reasons: Reasons): string | undefined {
  if (!problem || problem.problem.errors?.length) return undefined;
  return refusalWords(problem, reasons);
}
