// Registration: a student signs up once per account (the web's, or Telegram's), and may link
// the other one with a short code shown on the web.
import { badRequest, conflict, notFound } from "../../lib/problem";
import type { Account, Catalogue, Student, StudentProfile, TrainerPorts } from "../ports";

/** A link code lives this long: long enough to type it into the bot. */
export const LINK_CODE_TTL_MS = 15 * 60_000;
/** Letters and digits nobody confuses when typing (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Refuses subjects the catalogue does not have, naming each one's place in the list. */
export async function assertSubjectsExist(catalogue: Catalogue, subjects: string[], field = "subjects") {
  const known = new Set((await catalogue.subjects()).map((s) => s.id));
  const unknown = subjects.flatMap((id, i) => (known.has(id) ? [] : [{ id, i }]));
  if (unknown.length) {
    throw badRequest(
      `Unknown subjects: ${unknown.map((u) => u.id).join(", ")}.`,
      unknown.map((u) => ({ path: `${field}.${u.i}`, code: "unknown_subject", message: `No subject "${u.id}".` })),
    );
  }
}

/** Registers the account's student; registering again answers the first registration unchanged. */
export async function register(
  ports: TrainerPorts,
  account: Account,
  profile: StudentProfile,
  now: number,
): Promise<{ student: Student; created: boolean }> {
  await assertSubjectsExist(ports.catalogue, profile.subjects);
  return ports.students.create(account, profile, now);
}

/** A new code that links a Telegram account to this student (the previous one stops working). */
export async function issueLinkCode(ports: TrainerPorts, student: Student, now: number) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const code = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  const expiresAt = now + LINK_CODE_TTL_MS;
  await ports.students.saveLinkCode(student.id, code, expiresAt);
  return { code, expiresAt };
}

/** Links the Telegram account to the student whose code it is. */
export async function linkTelegram(ports: TrainerPorts, code: string, telegramId: string, now: number) {
  if (await ports.students.byAccount({ kind: "telegram", telegramId })) {
    throw conflict("This Telegram account already belongs to a student.", { reason: "already_linked" });
  }
  const student = await ports.students.linkTelegram(code.trim().toUpperCase(), telegramId, now);
  if (!student) throw notFound("No such code, or it has expired: show a new one on the web.");
  return student;
}
