// HTTP adapter of the question bank's editor, for teachers: a subject's questions, one question
// created or edited, its picture uploaded (the file itself as the body), replaced or removed; and
// the picture served to whoever was shown the question.
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createRouter, jsonBody, jsonResponse, problems } from "../lib/openapi";
import { BankQuery, BankQuestion, BankQuestionList, PictureParam, QuestionDraft, QuestionParam } from "./contract";
import { trainerDeps } from "./deps";
import { asTeacher } from "./http";
import { MAX_PICTURE_BYTES, PICTURE_TYPES } from "./rules";
import { trainer } from "./use-cases";
import { pictureTooLarge } from "./use-cases/pictures";

const tags = ["Trainer: teachers"];

/**
 * The picture upload: the one request whose body is neither JSON nor small. The app's own body
 * checks let it through (app.ts); its route limits it (413) and checks it.
 */
export const PICTURE_UPLOAD_PATH = /^\/api\/trainer\/questions\/[^/]+\/picture$/;

const binary = { schema: { type: "string" as const, format: "binary" } };
const pictureBody = {
  required: true,
  description: `PNG, JPEG or WebP, at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB; the bytes must be of the type sent`,
  content: Object.fromEntries(Object.values(PICTURE_TYPES).map((type) => [type, binary])),
};

export const questionRoutes = createRouter()
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/questions",
      tags,
      summary: "A subject's questions with their answers and counters, for the editor",
      request: { query: BankQuery },
      responses: { 200: jsonResponse(BankQuestionList, "The questions"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json({ items: await trainer.bankQuestions(trainerDeps(c.env), c.req.valid("query").subject) }, 200),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "post",
      path: "/trainer/questions",
      tags,
      summary: "Add one question to the bank",
      description:
        "Checked as an import's row is: 400 names each wrong field (`options`, `correct`, `accepted`, `themeId`, `sourceId`, `subject`); 409 `duplicate` (naming `text`) when the subject has the same question.",
      request: { body: jsonBody(QuestionDraft) },
      responses: { 201: jsonResponse(BankQuestion, "Added"), ...problems(400, 401, 403, 409) },
    }),
    async (c) =>
      c.json(await trainer.createQuestion(trainerDeps(c.env, { fresh: true }), c.req.valid("json"), Date.now()), 201),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "get",
      path: "/trainer/questions/{id}",
      tags,
      summary: "One question with its answers and counters, for the editor",
      request: { params: QuestionParam },
      responses: { 200: jsonResponse(BankQuestion, "The question"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await trainer.bankQuestion(trainerDeps(c.env), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "put",
      path: "/trainer/questions/{id}",
      tags,
      summary: "Edit a question (its counters and picture stay; its subject cannot change)",
      request: { params: QuestionParam, body: jsonBody(QuestionDraft) },
      responses: { 200: jsonResponse(BankQuestion, "Saved"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await trainer.editQuestion(
          trainerDeps(c.env, { fresh: true }),
          c.req.valid("param").id,
          c.req.valid("json"),
          Date.now(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "put",
      path: "/trainer/questions/{id}/picture",
      tags,
      summary: "Give the question a picture, or replace its picture",
      description:
        "The body is the file itself, with its Content-Type. 400 (naming `picture`) when the bytes are not a PNG, JPEG or WebP picture of that type, whatever the header says; 413 above the size limit; 415 for another Content-Type.",
      middleware: [
        asTeacher.middleware,
        bodyLimit({
          maxSize: MAX_PICTURE_BYTES,
          onError: () => {
            throw pictureTooLarge();
          },
        }),
      ] as const,
      request: { params: QuestionParam, body: pictureBody },
      responses: {
        200: jsonResponse(BankQuestion, "The question with its picture"),
        ...problems(400, 401, 403, 404, 409, 413),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const declared = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      return c.json(
        await trainer.attachPicture(trainerDeps(c.env), c.req.valid("param").id, bytes, declared, Date.now()),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...asTeacher,
      method: "delete",
      path: "/trainer/questions/{id}/picture",
      tags,
      summary: "Remove the question's picture",
      request: { params: QuestionParam },
      responses: {
        200: jsonResponse(BankQuestion, "The question without a picture"),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await trainer.removePicture(trainerDeps(c.env), c.req.valid("param").id, Date.now()), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/trainer/questions/{id}/picture/{file}",
      tags: ["Trainer"],
      summary: "A question's picture (its address comes with the question)",
      description:
        "The file is named by its content: a replaced picture gets a new address, so this one is cached for a year. Only the question's current picture is served.",
      request: { params: PictureParam },
      responses: {
        200: {
          description: "The picture",
          content: Object.fromEntries(Object.values(PICTURE_TYPES).map((type) => [type, binary])),
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { id, file } = c.req.valid("param");
      const picture = await trainer.questionPicture(trainerDeps(c.env), id, file);
      return c.body(picture.body, 200, {
        "content-type": picture.contentType,
        "content-length": String(picture.size),
        "cache-control": "public, max-age=31536000, immutable",
      });
    },
  );
