// The start page (what a student sees on opening the trainer or /start in the bot) and the
// personal page (who they are, their figures, their latest runs).
import type { Student, TrainerPorts } from "../ports";
import type { Filters } from "../rules";
import { listRuns, resumeRun } from "./training";
import type { Named, RunView } from "./views";

export interface StartPage {
  greeting: string;
  subjects: (Named & { themes: Named[]; sources: Named[] })[];
  filters: Filters | null;
  /** Where they stopped, on whichever platform. */
  openRun: RunView | null;
  answered: number;
  correct: number;
}

export async function startPage(ports: TrainerPorts, student: Student, now: number): Promise<StartPage> {
  const [subjects, openRun] = await Promise.all([ports.catalogue.subjects(), resumeRun(ports, student, now)]);
  return {
    greeting: student.name,
    subjects: subjects.filter((s) => student.subjects.length === 0 || student.subjects.includes(s.id)),
    filters: student.filters,
    openRun,
    answered: student.answeredCount,
    correct: student.correctCount,
  };
}

export interface PersonalPage {
  student: Omit<Student, "registeredAt" | "lastActiveAt" | "filters"> & {
    registeredAt: string;
    lastActiveAt: string;
    telegramLinked: boolean;
  };
  runs: RunView[];
}

export async function personalPage(ports: TrainerPorts, student: Student): Promise<PersonalPage> {
  const { registeredAt, lastActiveAt, filters: _filters, ...rest } = student;
  return {
    student: {
      ...rest,
      registeredAt: new Date(registeredAt).toISOString(),
      lastActiveAt: new Date(lastActiveAt).toISOString(),
      telegramLinked: student.telegramId !== null,
    },
    runs: await listRuns(ports, student, 20),
  };
}
