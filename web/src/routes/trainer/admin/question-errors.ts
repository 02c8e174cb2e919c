// The editor's field errors in the reader's language: the API names the field and a code for what
// is wrong with it (worker/trainer/rules.ts authoringProblems, use-cases/questions.ts); codes it
// shares with every form (required, too long…) are worded by ApiProblem.field.
import type { ApiProblem } from "#lib/api.ts";
import { m } from "#lib/paraglide/messages.js";

const BY_CODE: Record<string, () => string> = {
  open_has_options: m.trainer_editor_open_has_options,
  accepted_missing: m.trainer_editor_accepted_missing,
  options_count: m.trainer_editor_options_count,
  correct_missing: m.trainer_editor_correct_missing,
  correct_outside: m.trainer_editor_correct_outside,
  single_one_right: m.trainer_editor_single_one_right,
  correct_twice: m.trainer_editor_correct_twice,
  unknown_theme: m.trainer_editor_unknown_theme,
  unknown_source: m.trainer_editor_unknown_source,
  unknown_subject: m.trainer_editor_unknown_subject,
  duplicate: m.trainer_editor_duplicate,
  subject_changed: m.trainer_editor_subject_changed,
};

/** What to show beside a field of the editor, if the API found it wrong. */
export function questionFieldError(problem: ApiProblem | null, path: string): string | undefined {
  const error = problem?.problem.errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`));
  if (!error) return undefined;
  return BY_CODE[error.code]?.() ?? problem?.field(error.path);
}
