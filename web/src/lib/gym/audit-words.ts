// An audit log's entries in words: what was done (not the stored code), the values before and
// after (scores as scores, a session's states as words), and the server's reasons where they are
// its own phrases rather than a person's.

import { formatScore } from "../../../../worker/gym/rules";
import { m } from "../paraglide/messages";

const ACTIONS: Record<string, () => string> = {
  open: m.audit_open,
  mark: m.audit_mark,
  correct_mark: m.audit_correct_mark,
  neutral_deduction: m.audit_neutral_deduction,
  rescore_requested: m.audit_rescore_requested,
  close: m.audit_close,
  reopen_session: m.audit_reopen_session,
  agreed_difficulty: m.audit_agreed_difficulty,
  override: m.audit_override,
  publish: m.audit_publish,
  deadline: m.audit_deadline,
  finalize: m.audit_finalize,
  reopen: m.audit_reopen,
  did_not_start: m.audit_did_not_start,
  did_not_start_withdrawn: m.audit_did_not_start_withdrawn,
  inquiry: m.audit_inquiry,
  inquiry_accepted: m.audit_inquiry_accepted,
  inquiry_rejected: m.audit_inquiry_rejected,
};

/** An action in words; one this page does not know yet (a newer server's) at least without underscores. */
export const auditAction = (action: string) => ACTIONS[action]?.() ?? action.replaceAll("_", " ");

const STATES: Record<string, () => string> = {
  open: m.audit_state_open,
  closed: m.audit_state_closed,
  published: m.audit_state_published,
  withdrawn: m.audit_state_withdrawn,
};

/** Marks and scores are stored in thousandths; a session's states as words. */
export const auditValue = (value: string | null) =>
  value === null ? "—" : /^\d+$/.test(value) ? formatScore(Number(value)) : (STATES[value]?.() ?? value);

/** Whether the entry changes a value worth showing as before → after (a state change says it in its action). */
export const changesValue = (entry: { before: string | null; after: string | null }) =>
  [entry.before, entry.after].some((v) => v !== null && /^\d+$/.test(v));

/** The server words "missing D1, E1" itself (on closing and at the deadline); a person's reason stays theirs. */
export function auditReason(reason: string): string {
  const missing = /^missing (.+)$/.exec(reason);
  return missing ? m.audit_missing({ seats: missing[1] ?? "" }) : reason;
}

/** The actor "system" is Podium itself (a session's deadline). */
export const SYSTEM_ACTOR = "system";
