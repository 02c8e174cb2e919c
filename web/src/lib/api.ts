// The one way the web app calls the API: JSON in, JSON out, problems thrown as ApiProblem.
import type { PatternName } from "../../../worker/lib/patterns";
import type { FieldError, ProblemBody } from "../../../worker/lib/problem";
import { m } from "./paraglide/messages";
import { REFUSALS } from "./refusals";

/**
 * Problems the web app words itself, in the reader's language, by type. The API's generic
 * "conflict" is told apart by its `reason` (refusals.ts); one without a known reason shows the
 * API's detail.
 */
const PROBLEM_MESSAGES: Record<string, (problem: ProblemBody) => string> = {
  "urn:podium:problem:wrong-credentials": () => m.error_wrong_credentials(),
  "urn:podium:problem:email-taken": () => m.error_email_taken(),
  "urn:podium:problem:too-many-requests": (p) => m.error_try_again_in({ seconds: Number(p.retryAfter) }),
  "urn:podium:problem:unauthorized": () => m.problem_unauthorized(),
  "urn:podium:problem:forbidden": () => m.problem_forbidden(),
  "urn:podium:problem:not-found": () => m.problem_not_found(),
  "urn:podium:problem:incomplete": () => m.problem_incomplete(),
  "urn:podium:problem:session-open": () => m.problem_session_open(),
  "urn:podium:problem:session-closed": () => m.problem_session_closed(),
  "urn:podium:problem:session-published": () => m.problem_session_published(),
  "urn:podium:problem:event-finished": () => m.problem_event_finished(),
  "urn:podium:problem:deadline-passed": () => m.problem_deadline_passed(),
  "urn:podium:problem:finished": () => m.problem_event_finished(),
  "urn:podium:problem:idempotency-key-reused": () => m.problem_key_reused(),
};

/** The shapes the API holds ids, seats and keys to (worker/lib/patterns.ts), in the reader's words. */
const PATTERN_MESSAGES: Record<PatternName, () => string> = {
  id: () => m.pattern_id(),
  slug: () => m.pattern_slug(),
  apparatus: () => m.pattern_apparatus(),
  seat: () => m.pattern_seat(),
  scope: () => m.pattern_scope(),
  key: () => m.pattern_key(),
  shot: () => m.pattern_shot(),
};

/**
 * The same for field errors, by the code the API gives. A number field's bounds are shown as the
 * field shows its values (`shown`: money as money); without it the field is text, and the bounds
 * are its length.
 */
function fieldMessage(error: FieldError, shown?: (value: number) => string): string {
  const limit = error.limit ?? 0;
  switch (error.code) {
    case "required":
      return m.error_required();
    case "too_small":
      return shown ? m.number_too_small({ min: shown(limit) }) : m.error_too_short({ min: limit });
    case "too_big":
      return shown ? m.number_too_big({ max: shown(limit) }) : m.error_too_long({ max: limit });
    case "decimals":
      return m.number_decimals({ places: limit });
    case "invalid_format":
      if (error.format === "email") return m.error_email();
      return error.pattern ? PATTERN_MESSAGES[error.pattern]() : error.message;
    case "wrong_password":
      return m.error_wrong_password();
    default:
      return error.message;
  }
}

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemBody) {
    // No message to Error itself: it would become an own property hiding the getter below, and
    // every page would show the API's English detail instead of the reader's words.
    super();
  }

  get status() {
    return this.problem.status;
  }

  /** The message for one field, if the API named it; `shown` formats a number field's bounds. */
  field(path: string, shown?: (value: number) => string): string | undefined {
    const error = this.problem.errors?.find((e) => e.path === path);
    return error && fieldMessage(error, shown);
  }

  /** What to tell the person about the whole request: in their words when the API named the problem or its reason. */
  get message(): string {
    const { type, reason } = this.problem;
    const refusal = typeof reason === "string" ? REFUSALS[reason] : undefined;
    return PROBLEM_MESSAGES[type]?.(this.problem) ?? refusal?.(this.problem) ?? this.problem.detail;
  }
}

export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem({
      type: "urn:podium:problem:network",
      title: "Offline",
      status: 0,
      detail: m.error_network(),
    });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiProblem(data as ProblemBody);
  return data as T;
}
