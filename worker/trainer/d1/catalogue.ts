// The catalogue in D1: subjects with their themes and sources.
import type { Db } from "../../db";
import { trainerSource, trainerSubject, trainerTheme } from "../../db/schema";
import type { Catalogue, Subject } from "../ports";

export class D1Catalogue implements Catalogue {
  constructor(private readonly db: Db) {}

  async subjects(): Promise<Subject[]> {
    const [subjects, themes, sources] = await this.db.batch([
      this.db.select().from(trainerSubject).orderBy(trainerSubject.name),
      this.db.select().from(trainerTheme).orderBy(trainerTheme.name),
      this.db.select().from(trainerSource).orderBy(trainerSource.name),
    ]);
    return subjects.map((s) => ({
      id: s.id,
      name: s.name,
      themes: themes.filter((t) => t.subjectId === s.id).map(({ id, name }) => ({ id, name })),
      sources: sources.filter((t) => t.subjectId === s.id).map(({ id, name }) => ({ id, name })),
    }));
  }

  async ensure(subjects: Subject[]): Promise<void> {
    const now = Date.now();
    const rows = subjects.flatMap((s) => [
      this.db.insert(trainerSubject).values({ id: s.id, name: s.name, createdAt: now }).onConflictDoNothing(),
      ...s.themes.map((t) =>
        this.db.insert(trainerTheme).values({ id: t.id, subjectId: s.id, name: t.name }).onConflictDoNothing(),
      ),
      ...s.sources.map((t) =>
        this.db.insert(trainerSource).values({ id: t.id, subjectId: s.id, name: t.name }).onConflictDoNothing(),
      ),
    ]);
    const [first, ...rest] = rows;
    if (first) await this.db.batch([first, ...rest]);
  }
}
