// Exports for teachers, as xlsx: the question bank (in the import's own columns, so an export can
// be edited and imported elsewhere) with each question's counters, and the students' statistics.
import type { Cell } from "../../lib/csv";
import { xlsxBytes } from "../../lib/xlsx";
import type { TrainerPorts } from "../ports";
import { accuracy, hardness } from "../rules";
import { BANK_COLUMNS, LIST_SEPARATOR } from "./bank";

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export async function exportQuestions(ports: TrainerPorts, subjectId: string | null): Promise<Uint8Array> {
  const [questions, subjects] = await Promise.all([ports.bank.list(subjectId), ports.catalogue.subjects()]);
  const rows: Cell[][] = questions.map((q) => {
    const subject = subjects.find((s) => s.id === q.subjectId);
    return [
      q.subjectId,
      q.type,
      q.text,
      q.options.join(` ${LIST_SEPARATOR} `),
      q.correct.map((c) => c + 1).join(","),
      q.accepted.join(` ${LIST_SEPARATOR} `),
      q.explanation,
      subject?.themes.find((t) => t.id === q.themeId)?.name ?? "",
      subject?.sources.find((t) => t.id === q.sourceId)?.name ?? "",
      q.withoutPaper ? "yes" : "no",
      q.difficulty,
      q.totalCount,
      q.correctCount,
      percent(hardness(q.correctCount, q.totalCount)),
    ];
  });
  return xlsxBytes([
    { name: "Questions", rows: [[...BANK_COLUMNS, "answered", "answered_right", "hardness_percent"], ...rows] },
  ]);
}

export async function exportStatistics(ports: TrainerPorts): Promise<Uint8Array> {
  const students = await ports.students.list();
  const rows: Cell[][] = students.map((s) => [
    s.surname,
    s.name,
    s.patronymic,
    s.email,
    s.region,
    s.school,
    s.grade,
    s.subjects.join(", "),
    new Date(s.registeredAt).toISOString(),
    new Date(s.lastActiveAt).toISOString(),
    s.answeredCount,
    s.correctCount,
    percent(accuracy(s.correctCount, s.answeredCount)),
  ]);
  const header = ["surname", "name", "patronymic", "email", "region", "school", "grade", "subjects"];
  return xlsxBytes([
    {
      name: "Students",
      rows: [[...header, "registered_at", "last_active_at", "answered", "answered_right", "accuracy_percent"], ...rows],
    },
  ]);
}
