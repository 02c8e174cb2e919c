// What the trainer's HTTP routes share: who may call them (a teacher, a signed-in student) and the
// caller's student record, the "user exists" check made before any use case runs.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { requireRole, requireUser, signedIn } from "../lib/auth";
import { SESSION } from "../lib/openapi";
import { requireStudent } from "./cross-cutting";
import { trainerDeps } from "./deps";

/** Teachers hold the role globally (the bank is one for everyone); an admin holds every role. */
export const asTeacher = { security: SESSION, middleware: requireRole("teacher") };

export const asSignedIn = { security: SESSION, middleware: requireUser };

/**
 * The caller's account, with the ports to use: for the use cases that find the student in the
 * same read as what they look up (showing and answering a run).
 */
export function callerOf(c: Context<AppEnv>) {
  return { deps: trainerDeps(c.env), account: { kind: "user", userId: signedIn(c).id } as const };
}

/** The caller's student record (403 `not_registered` without one), with the ports to use. */
export async function studentOf(c: Context<AppEnv>) {
  const { deps, account } = callerOf(c);
  return { deps, student: await requireStudent(deps.students, account) };
}
