// Questions' pictures: a teacher uploads one (the type told by the file's first bytes, not by its
// label), within a size limit; it is served as uploaded with a long cache life, shown with the
// question in training, replaced and removed; refused uploads store nothing.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { BankQuestion } from "../../worker/trainer/contract";
import { MAX_PICTURE_BYTES } from "../../worker/trainer/rules";
import { type Client, ORIGIN, problemOf, type Sent } from "./client";
import { newStudent, newTeacher, PNG, startRun } from "./trainer-helpers";

const SUBJECT = "economics-pictures";
let teacher: Client;

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const WEBP = Uint8Array.from([
  ...new TextEncoder().encode("RIFF"),
  4,
  0,
  0,
  0,
  ...new TextEncoder().encode("WEBPVP8 "),
]);
const GIF = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000");

beforeAll(async () => {
  teacher = (await newTeacher()).client;
  const defined = await teacher.post("/api/trainer/subjects", { id: SUBJECT, name: "Экономика в картинках" });
  expect(defined.status).toBe(200);
});

let made = 0;
async function newQuestion(): Promise<BankQuestion> {
  const res = await teacher.post("/api/trainer/questions", {
    subject: SUBJECT,
    type: "single",
    text: `По графику: где равновесие? (${++made})`,
    options: ["В точке A", "В точке B"],
    correct: [0],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as BankQuestion;
}

async function upload(client: Client, questionId: string, bytes: Uint8Array, type: string): Promise<Sent> {
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}/api/trainer/questions/${questionId}/picture`, {
      method: "PUT",
      headers: { "content-type": type, cookie: client.cookieHeader() },
      body: bytes,
    }),
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const served = (path: string) => exports.default.fetch(new Request(`${ORIGIN}${path}`));

/** The keys kept in R2 for a question's pictures. */
const keysOf = async (questionId: string) =>
  (await env.DOCUMENTS.list({ prefix: `trainer/pictures/${questionId}/` })).objects.map((o) => o.key);

describe("a question's picture", () => {
  it("is uploaded, served as uploaded with a long cache life, and shown with the question in training", async () => {
    const question = await newQuestion();
    const res = await upload(teacher, question.id, PNG, "image/png");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const picture = (res.body as BankQuestion).picture;
    expect(picture).toMatch(new RegExp(`^/api/trainer/questions/${question.id}/picture/[0-9a-f]{32}\\.png$`));

    const got = await served(picture ?? "");
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);

    const { client } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT });
    // The subject's only question so far: the run asks it, with its picture's address.
    expect(run.current?.question).toMatchObject({ id: question.id, hasPicture: true, picture });
  });

  it("is replaced (the old address then answers 404 and its file is gone) and removed", async () => {
    const question = await newQuestion();
    const first = (await upload(teacher, question.id, PNG, "image/png")).body as BankQuestion;
    const again = (await upload(teacher, question.id, PNG, "image/png")).body as BankQuestion;
    expect(again.picture).toBe(first.picture);

    const replaced = await upload(teacher, question.id, JPEG, "image/jpeg");
    const second = (replaced.body as BankQuestion).picture ?? "";
    expect(second).toMatch(/\.jpeg$/);
    expect((await served(first.picture ?? "")).status).toBe(404);
    const got = await served(second);
    expect(got.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(JPEG);
    expect(await keysOf(question.id)).toHaveLength(1);

    const webp = await upload(teacher, question.id, WEBP, "image/webp");
    expect((webp.body as BankQuestion).picture).toMatch(/\.webp$/);

    const removed = await teacher.delete(`/api/trainer/questions/${question.id}/picture`);
    expect(removed.status).toBe(200);
    expect((removed.body as BankQuestion).picture).toBeNull();
    expect(await keysOf(question.id)).toEqual([]);
  });
});

describe("refused uploads store nothing", () => {
  it.each([
    ["a GIF sent as a PNG", GIF, "image/png", 400],
    ["an HTML page sent as a PNG", new TextEncoder().encode("<html><script>alert(1)</script>"), "image/png", 400],
    ["a PNG sent as a JPEG", PNG, "image/jpeg", 400],
    ["an empty file", new Uint8Array(0), "image/png", 400],
    ["a text file sent as text", new TextEncoder().encode("hello"), "text/plain", 415],
  ])("refuses %s", async (_, bytes, type, status) => {
    const question = await newQuestion();
    const problem = problemOf(await upload(teacher, question.id, bytes, type), status);
    if (status === 400) expect(problem.errors?.map((e) => e.path)).toEqual(["picture"]);
    expect(((await teacher.get(`/api/trainer/questions/${question.id}`)).body as BankQuestion).picture).toBeNull();
    expect(await keysOf(question.id)).toEqual([]);
  });

  it("refuses a picture above the limit with 413 problem+json, and keeps the one there", async () => {
    const question = await newQuestion();
    const kept = (await upload(teacher, question.id, PNG, "image/png")).body as BankQuestion;
    const huge = new Uint8Array(MAX_PICTURE_BYTES + 1);
    huge.set(PNG);
    const problem = problemOf(await upload(teacher, question.id, huge, "image/png"), 413);
    expect(problem.errors?.map((e) => e.path)).toEqual(["picture"]);
    expect(((await teacher.get(`/api/trainer/questions/${question.id}`)).body as BankQuestion).picture).toBe(
      kept.picture,
    );
    expect(await keysOf(question.id)).toHaveLength(1);
  });

  it("takes a picture of exactly the limit", async () => {
    const question = await newQuestion();
    const largest = new Uint8Array(MAX_PICTURE_BYTES);
    largest.set(PNG);
    expect((await upload(teacher, question.id, largest, "image/png")).status).toBe(200);
  });

  it("refuses a student (403) and a question that does not exist (404)", async () => {
    const question = await newQuestion();
    const { client } = await newStudent([SUBJECT]);
    problemOf(await upload(client, question.id, PNG, "image/png"), 403);
    problemOf(await client.delete(`/api/trainer/questions/${question.id}/picture`), 403);
    problemOf(await upload(teacher, "no-such-question", PNG, "image/png"), 404);
    expect(await keysOf(question.id)).toEqual([]);
  });

  it("serves no picture by a name that is not the question's (404) or cannot be one (400)", async () => {
    const question = await newQuestion();
    expect((await served(`/api/trainer/questions/${question.id}/picture/${"0".repeat(32)}.png`)).status).toBe(404);
    expect((await served(`/api/trainer/questions/${question.id}/picture/..%2F..%2Fsecret.pdf`)).status).toBe(400);
  });
});
