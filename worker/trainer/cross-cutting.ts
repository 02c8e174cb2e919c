// What every use case needs but none should know about: logging each call, caching the catalogue,
// and checking that the caller is a registered student. The adapters compose these around the
// use cases (deps.ts, use-cases/index.ts); the use cases themselves never log or cache. Nor do they
// look up who is calling, but for showing and answering a run: there the student is found in the
// same read as the run (one round trip fewer on the hot path), refused with the same `notRegistered`.
import { Problem } from "../lib/problem";
import type { Account, Catalogue, Student, Students, Subject } from "./ports";

/** Refused when someone who has not registered as a student asks for what only students have. */
export const notRegistered = () =>
  new Problem(403, "trainer-not-registered", "Not registered", "Register as a student of the trainer first.", {
    reason: "not_registered",
  });

/** The caller's student record, or the refusal every adapter shows as "register first". */
export async function requireStudent(students: Students, account: Account): Promise<Student> {
  const student = await students.byAccount(account);
  if (!student) throw notRegistered();
  return student;
}

/**
 * Logs each call of a use case: its name, how long it took and how it ended. A refusal (a
 * Problem under 500) is the caller's mistake and logged briefly; anything else in full.
 */
export function logged<A extends unknown[], R>(name: string, useCase: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const started = Date.now();
    try {
      const result = await useCase(...args);
      console.log(`trainer.${name} ok ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      if (error instanceof Problem && error.status < 500) {
        console.log(`trainer.${name} refused ${error.status} ${error.slug} ${Date.now() - started} ms`);
      } else {
        console.error(`trainer.${name} failed after ${Date.now() - started} ms:`, error);
      }
      throw error;
    }
  };
}

/** Wraps every use case of a module in `logged`, keeping their names and types. */
export function allLogged<T extends Record<string, (...args: never[]) => Promise<unknown>>>(useCases: T): T {
  return Object.fromEntries(
    Object.entries(useCases).map(([name, useCase]) => [
      name,
      logged(name, useCase as (...a: unknown[]) => Promise<unknown>),
    ]),
  ) as unknown as T;
}

/** How long a cached catalogue may lag a change made on another isolate. */
export const CATALOGUE_TTL_MS = 10_000;

let cached: { subjects: Subject[]; at: number } | null = null;

/**
 * The catalogue read at most once per CATALOGUE_TTL_MS per isolate: every question asked shows
 * its subject's and theme's names, and they rarely change. A change made here is seen at once;
 * one made on another isolate within the TTL. Teachers' pages read it with a TTL of 0.
 */
export class CachedCatalogue implements Catalogue {
  constructor(
    private readonly inner: Catalogue,
    private readonly ttlMs = CATALOGUE_TTL_MS,
  ) {}

  async subjects(): Promise<Subject[]> {
    const now = Date.now();
    if (!cached || now - cached.at >= this.ttlMs) cached = { subjects: await this.inner.subjects(), at: now };
    return cached.subjects;
  }

  async ensure(subjects: Subject[]): Promise<void> {
    cached = null;
    await this.inner.ensure(subjects);
  }
}
