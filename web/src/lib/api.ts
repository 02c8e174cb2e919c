// The one way the web app calls the API: JSON in, JSON out, problems thrown as ApiProblem.
import type { FieldError, ProblemBody } from "../../../worker/lib/problem";
import { m } from "./paraglide/messages";

/** Problems the web app words itself, in the reader's language; others show the API's detail. */
const PROBLEM_MESSAGES: Record<string, (problem: ProblemBody) => string> = {
  "urn:podium:problem:wrong-credentials": () => m.error_wrong_credentials(),
  "urn:podium:problem:email-taken": () => m.error_email_taken(),
  "urn:podium:problem:too-many-requests": (p) => m.error_try_again_in({ seconds: Number(p.retryAfter) }),
};

/** The same for field errors, by the code the API gives. */
function fieldMessage(error: FieldError): string {
  const limit = error.limit ?? 0;
  switch (error.code) {
    case "required":
      return m.error_required();
    case "too_small":
      return m.error_too_short({ min: limit });
    case "too_big":
      return m.error_too_long({ max: limit });
    case "invalid_format":
      return error.format === "email" ? m.error_email() : error.message;
    case "wrong_password":
      return m.error_wrong_password();
    default:
      return error.message;
  }
}

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail);
  }

  get status() {
    return this.problem.status;
  }

  /** The message for one field, if the API named it. */
  field(path: string): string | undefined {
    const error = this.problem.errors?.find((e) => e.path === path);
    return error && fieldMessage(error);
  }

  /** What to tell the person about the whole request. */
  get message(): string {
    return PROBLEM_MESSAGES[this.problem.type]?.(this.problem) ?? this.problem.detail;
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
