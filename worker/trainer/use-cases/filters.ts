// Filters: what a run draws its questions from. Checked against the catalogue, then kept on the
// student so that the next run (on any platform) starts with them.
import { badRequest, type FieldError } from "../../lib/problem";
import type { Student, Subject, TrainerPorts } from "../ports";
import type { Filters } from "../rules";

/** Refuses a subject, theme or source the catalogue does not have, naming the field. */
export function filterProblems(subjects: Subject[], filters: Filters, field = "filters"): FieldError[] {
  const subject = subjects.find((s) => s.id === filters.subject);
  if (!subject) {
    return [{ path: `${field}.subject`, code: "unknown_subject", message: `No subject "${filters.subject}".` }];
  }
  const unknownIn = (list: "themes" | "sources", known: { id: string }[]) =>
    filters[list].flatMap((id, i): FieldError[] =>
      known.some((k) => k.id === id)
        ? []
        : [
            {
              path: `${field}.${list}.${i}`,
              code: `unknown_${list.slice(0, -1)}`,
              message: `No ${list.slice(0, -1)} "${id}" in ${subject.id}.`,
            },
          ],
    );
  return [...unknownIn("themes", subject.themes), ...unknownIn("sources", subject.sources)];
}

export async function assertFilters(ports: TrainerPorts, filters: Filters, field?: string) {
  const problems = filterProblems(await ports.catalogue.subjects(), filters, field);
  if (problems.length) throw badRequest("The filters name what the catalogue does not have.", problems);
}

export async function setFilters(ports: TrainerPorts, student: Student, filters: Filters): Promise<Filters> {
  await assertFilters(ports, filters);
  await ports.students.setFilters(student.id, filters);
  return filters;
}
