// Students in D1: found by the account they came with (a Podium user or a Telegram user).
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { trainerStudent } from "../../db/schema";
import type { Account, Student, StudentProfile, Students } from "../ports";
import type { Filters } from "../rules";

const STUDENT_COLUMNS = {
  id: trainerStudent.id,
  userId: trainerStudent.userId,
  telegramId: trainerStudent.telegramId,
  surname: trainerStudent.surname,
  name: trainerStudent.name,
  patronymic: trainerStudent.patronymic,
  email: trainerStudent.email,
  region: trainerStudent.region,
  school: trainerStudent.school,
  grade: trainerStudent.grade,
  subjects: trainerStudent.subjects,
  filters: trainerStudent.filters,
  answeredCount: trainerStudent.answeredCount,
  correctCount: trainerStudent.correctCount,
  registeredAt: trainerStudent.registeredAt,
  lastActiveAt: trainerStudent.lastActiveAt,
};

type Row = Omit<Student, "filters"> & { filters: Record<string, unknown> };

/** A new student's filters are empty ({}) until they pick some: stored as {}, read as null. */
const toStudent = (row: Row): Student => ({
  ...row,
  filters: "subject" in row.filters ? (row.filters as unknown as Filters) : null,
});

/** The student of the account the caller came with. */
export const accountIs = (account: Account) =>
  account.kind === "user"
    ? eq(trainerStudent.userId, account.userId)
    : eq(trainerStudent.telegramId, account.telegramId);

export class D1Students implements Students {
  constructor(private readonly db: Db) {}

  async byAccount(account: Account): Promise<Student | null> {
    const row = await this.db.select(STUDENT_COLUMNS).from(trainerStudent).where(accountIs(account)).get();
    return row ? toStudent(row) : null;
  }

  async create(account: Account, profile: StudentProfile, now: number) {
    // The account's unique index decides a race between two registrations: one row is written.
    const [row] = await this.db
      .insert(trainerStudent)
      .values({
        id: crypto.randomUUID(),
        userId: account.kind === "user" ? account.userId : null,
        telegramId: account.kind === "telegram" ? account.telegramId : null,
        ...profile,
        filters: {},
        registeredAt: now,
        lastActiveAt: now,
      })
      .onConflictDoNothing()
      .returning(STUDENT_COLUMNS);
    if (row) return { student: toStudent(row), created: true };
    const existing = await this.byAccount(account);
    if (!existing) throw new Error("A student's registration conflicted, yet none is there.");
    return { student: existing, created: false };
  }

  async setFilters(studentId: string, filters: Filters): Promise<void> {
    await this.db
      .update(trainerStudent)
      .set({ filters: { ...filters } })
      .where(eq(trainerStudent.id, studentId));
  }

  async saveLinkCode(studentId: string, code: string, expiresAt: number): Promise<void> {
    await this.db
      .update(trainerStudent)
      .set({ linkCode: code, linkCodeExpiresAt: expiresAt })
      .where(eq(trainerStudent.id, studentId));
  }

  async linkTelegram(code: string, telegramId: string, now: number): Promise<Student | null> {
    // One statement: the code is spent by the same write that links, so it links once.
    const [row] = await this.db
      .update(trainerStudent)
      .set({ telegramId, linkCode: null, linkCodeExpiresAt: null, lastActiveAt: now })
      .where(
        and(
          eq(trainerStudent.linkCode, code),
          gt(trainerStudent.linkCodeExpiresAt, now),
          isNull(trainerStudent.telegramId),
        ),
      )
      .returning(STUDENT_COLUMNS);
    return row ? toStudent(row) : null;
  }

  async list(): Promise<Student[]> {
    const rows = await this.db.select(STUDENT_COLUMNS).from(trainerStudent).orderBy(trainerStudent.registeredAt);
    return rows.map(toStudent);
  }
}
