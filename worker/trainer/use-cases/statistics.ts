// Statistics: a student's accuracy per subject and theme, progress by day, streaks and weakest
// themes; a subject's questions by hardness, for teachers.
import { notFound } from "../../lib/problem";
import type { Student, TrainerPorts } from "../ports";
import { accuracy, hardness, streaks, WEAK_THEME_MIN_ANSWERS } from "../rules";
import type { Named } from "./views";

export interface Figures {
  answered: number;
  correct: number;
  /** 0 … 1, null before the first answer. */
  accuracy: number | null;
}

export interface StudentStats {
  total: Figures;
  subjects: (Named & Figures & { themes: (Named & Figures)[] })[];
  days: ({ day: string } & Figures)[];
  streak: { current: number; longest: number };
  /** Themes with enough answers, least accurate first (at most five). */
  weakest: ({ subject: Named } & Named & Figures)[];
}

const figures = (answered: number, correct: number): Figures => ({
  answered,
  correct,
  accuracy: accuracy(correct, answered),
});

/** Answers without a theme are counted under this one. */
const NO_THEME = { id: "", name: "—" };

export async function studentStats(ports: TrainerPorts, student: Student, now: number): Promise<StudentStats> {
  const [byTheme, byDay, catalogue] = await Promise.all([
    ports.stats.byTheme(student.id),
    ports.stats.byDay(student.id),
    ports.catalogue.subjects(),
  ]);
  const answered = byTheme.filter((r) => r.answered > 0);
  const subjects = [...Map.groupBy(answered, (r) => r.subjectId)].map(([subjectId, rows]) => {
    const subject = catalogue.find((s) => s.id === subjectId);
    const themes = rows.map((r) => ({
      ...(subject?.themes.find((t) => t.id === r.themeId) ?? NO_THEME),
      ...figures(r.answered, r.correct),
    }));
    const sum = (key: "answered" | "correct") => rows.reduce((n, r) => n + r[key], 0);
    return { id: subjectId, name: subject?.name ?? subjectId, ...figures(sum("answered"), sum("correct")), themes };
  });
  const weakest = subjects
    .flatMap((s) =>
      s.themes
        .filter((t) => t.id !== "" && t.answered >= WEAK_THEME_MIN_ANSWERS)
        .map((t) => ({ subject: { id: s.id, name: s.name }, ...t })),
    )
    .sort((a, b) => (a.accuracy ?? 0) - (b.accuracy ?? 0))
    .slice(0, 5);
  const total = subjects.reduce((n, s) => ({ answered: n.answered + s.answered, correct: n.correct + s.correct }), {
    answered: 0,
    correct: 0,
  });
  return {
    total: figures(total.answered, total.correct),
    subjects,
    days: byDay.map((d) => ({ day: d.day, ...figures(d.answered, d.correct) })),
    streak: streaks(
      byDay.map((d) => d.day),
      now,
    ),
    weakest,
  };
}

export interface SubjectStats extends Named {
  students: number;
  questions: { id: string; text: string; answered: number; correct: number; hardness: number }[];
}

/** A subject's questions, hardest first, by their counters. */
export async function subjectStats(ports: TrainerPorts, subjectId: string): Promise<SubjectStats> {
  const subject = (await ports.catalogue.subjects()).find((s) => s.id === subjectId);
  if (!subject) throw notFound(`No subject ${subjectId}.`);
  const { questions, students } = await ports.stats.subject(subjectId);
  return {
    id: subject.id,
    name: subject.name,
    students,
    questions: questions
      .map((q) => ({
        id: q.id,
        text: q.text,
        answered: q.totalCount,
        correct: q.correctCount,
        hardness: hardness(q.correctCount, q.totalCount),
      }))
      .sort((a, b) => b.hardness - a.hardness),
  };
}
