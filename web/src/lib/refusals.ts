// Refusals the API names by `reason`, in the reader's words: the gym's, the admin's and the
// trainer's, with the facts the API sent along. (Events and the range word their own in their
// words.ts, where a page knows more of what it asked.)
import type { ProblemBody } from "../../../worker/lib/problem";
import { apparatusName, competitionStatusName } from "./gym/names";
import { m } from "./paraglide/messages";

const fact = (problem: ProblemBody, key: string) => String(problem[key] ?? "");
const status = (problem: ProblemBody) => competitionStatusName(fact(problem, "competition_status"));
const apparatus = (problem: ProblemBody) => apparatusName(fact(problem, "apparatus"));

const CANNOT: Record<string, (words: { status: string }) => string> = {
  start: m.refusal_cannot_start,
  pause: m.refusal_cannot_pause,
  finish: m.refusal_cannot_finish,
};

export const REFUSALS: Record<string, (problem: ProblemBody) => string> = {
  results_final: () => m.refusal_results_final(),
  results_not_final: () => m.refusal_results_not_final(),
  competition_not_running: (p) => m.refusal_competition_not_running({ status: status(p) }),
  wrong_status: (p) => CANNOT[fact(p, "action")]?.({ status: status(p) }) ?? p.detail,
  did_not_start: (p) => m.refusal_did_not_start({ athlete: fact(p, "athlete"), apparatus: apparatus(p) }),
  no_judges: (p) => m.refusal_no_judges({ apparatus: apparatus(p) }),
  bib_taken: (p) => m.refusal_bib_taken({ bib: fact(p, "bib"), athlete: fact(p, "athlete") }),
  start_list_changed: () => m.refusal_start_list_changed(),
  seat_taken: (p) => m.refusal_seat_taken({ apparatus: apparatus(p), position: fact(p, "position") }),
  last_admin: () => m.refusal_last_admin(),
  picture_changed: () => m.refusal_picture_changed(),
  not_asked: () => m.refusal_not_asked(),
  not_joined: () => m.refusal_not_joined(),
  not_registered: () => m.refusal_not_registered(),
  already_linked: () => m.refusal_already_linked(),
};
