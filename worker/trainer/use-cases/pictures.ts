// Questions' pictures: a teacher uploads one (PNG, JPEG or WebP, told apart by the file's own first
// bytes, not by its label), replaces or removes it; anyone who was shown the question may load it.
// A picture is stored under a name made of its content's hash, so its address never shows other
// bytes and may be cached for good; the one it replaced is deleted once the question points to the new one.
import { conflict, notFound, Problem } from "../../lib/problem";
import type { TrainerPorts } from "../ports";
import { MAX_PICTURE_BYTES, PICTURE_TYPES, pictureFormat } from "../rules";
import { type BankQuestionView, bankQuestionView } from "./questions";

const PREFIX = "trainer/pictures";
const MEGABYTES = MAX_PICTURE_BYTES / (1024 * 1024);

const wrongPicture = (detail: string) =>
  new Problem(400, "validation", "Invalid request", detail, {
    errors: [{ path: "picture", code: "invalid_picture", message: detail }],
  });

/** Someone else changed the question's picture between this one's read and its write. */
const pictureChanged = () =>
  conflict("The picture was changed meanwhile: look at it and try again.", { reason: "picture_changed" });

export const pictureTooLarge = () =>
  new Problem(413, "payload-too-large", "Picture too large", `A picture is at most ${MEGABYTES} MB.`, {
    errors: [{ path: "picture", code: "too_large", message: `At most ${MEGABYTES} MB.`, limit: MAX_PICTURE_BYTES }],
  });

export const unsupportedPictureType = (sent: string | null) =>
  new Problem(
    415,
    "unsupported-media-type",
    "Unsupported media type",
    `Send the picture as ${Object.values(PICTURE_TYPES).join(", ")}${sent ? `, not ${sent}` : ""}.`,
    { accepted: Object.values(PICTURE_TYPES) },
  );

async function contentName(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Removes a picture no question points to any more; a failure leaves an orphan, not an error. */
async function forget(ports: TrainerPorts, key: string) {
  try {
    await ports.pictures.delete(key);
  } catch (error) {
    console.error(`trainer picture ${key}: deleting the replaced picture failed`, error);
  }
}

/**
 * Gives the question this picture (replacing the one it had). `declared` is the type it was sent
 * as; the bytes must be that type. The same picture again changes nothing.
 */
export async function attachPicture(
  ports: TrainerPorts,
  questionId: string,
  bytes: Uint8Array,
  declared: string,
  now: number,
): Promise<BankQuestionView> {
  if (!(Object.values(PICTURE_TYPES) as string[]).includes(declared)) throw unsupportedPictureType(declared);
  if (bytes.byteLength > MAX_PICTURE_BYTES) throw pictureTooLarge();
  const question = await ports.bank.byId(questionId);
  if (!question) throw notFound(`There is no question ${questionId}.`);
  const format = pictureFormat(bytes);
  if (!format) throw wrongPicture("The file is not a PNG, JPEG or WebP picture.");
  if (PICTURE_TYPES[format] !== declared) {
    throw wrongPicture(`The file is a ${format.toUpperCase()} picture, but was sent as ${declared}.`);
  }
  const key = `${PREFIX}/${question.id}/${await contentName(bytes)}.${format}`;
  if (key === question.pictureKey) return bankQuestionView(question);
  await ports.pictures.put(key, bytes, declared);
  if (!(await ports.bank.setPicture(question.id, question.pictureKey, key, now))) {
    await forget(ports, key);
    throw pictureChanged();
  }
  if (question.pictureKey) await forget(ports, question.pictureKey);
  return bankQuestionView({ ...question, pictureKey: key });
}

export async function removePicture(ports: TrainerPorts, questionId: string, now: number): Promise<BankQuestionView> {
  const question = await ports.bank.byId(questionId);
  if (!question) throw notFound(`There is no question ${questionId}.`);
  if (question.pictureKey === null) return bankQuestionView(question);
  if (!(await ports.bank.setPicture(question.id, question.pictureKey, null, now))) {
    throw pictureChanged();
  }
  await forget(ports, question.pictureKey);
  return bankQuestionView({ ...question, pictureKey: null });
}

/** The question's picture by the file name in its address; 404 for any other (a replaced one too). */
export async function questionPicture(ports: TrainerPorts, questionId: string, file: string) {
  const question = await ports.bank.byId(questionId);
  const key = question?.pictureKey;
  const picture = key?.endsWith(`/${file}`) ? await ports.pictures.get(key) : null;
  if (!picture) throw notFound("There is no such picture.");
  return picture;
}
