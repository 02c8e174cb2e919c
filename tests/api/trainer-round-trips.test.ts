// The trainer's hot path, counted in D1 round trips: what a student does all the time (answer,
// then get the next question) must not drift back to a query per step (docs/BENCHMARKS.md).
// The use cases run over the real D1, reached through a wrapper that counts each statement run
// alone and each batch as one round trip.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { trainerDeps } from "../../worker/trainer/deps";
import type { Given } from "../../worker/trainer/rules";
import { trainer } from "../../worker/trainer/use-cases";
import { newStudent, newTeacher, rightAnswer, startRun, subjectWithBank } from "./trainer-helpers";

const SUBJECT = "economics-round-trips";

beforeAll(async () => {
  const teacher = await newTeacher();
  await subjectWithBank(teacher.client, SUBJECT);
});

/** env.DB, counting round trips: a statement's first/all/run/raw, and a batch, count one each. */
function countingD1(d1: D1Database) {
  const count = { trips: 0 };
  const counted = (statement: D1PreparedStatement): D1PreparedStatement => {
    for (const method of ["first", "all", "run", "raw"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.assign(statement, {
        [method]: (...args: unknown[]) => {
          count.trips++;
          return original(...args);
        },
      });
    }
    const bind = statement.bind.bind(statement);
    Object.assign(statement, { bind: (...values: unknown[]) => counted(bind(...values)) });
    return statement;
  };
  const db = new Proxy(d1, {
    get(target, key) {
      if (key === "prepare") return (query: string) => counted(target.prepare(query));
      if (key === "batch") {
        return (statements: D1PreparedStatement[]) => {
          count.trips++;
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, count };
}

describe("answering and asking the next question, in D1 round trips", () => {
  it("answers in two, asks the next question in two, shows a pending one in one", async () => {
    const { client, id } = await newStudent([SUBJECT]);
    const run = await startRun(client, { subject: SUBJECT, types: ["single"] });
    const account = { kind: "user", userId: id } as const;
    const { db, count } = countingD1(env.DB);
    const deps = trainerDeps({ ...env, DB: db });
    await deps.catalogue.subjects(); // cached per isolate: not what is counted here
    const tripsOf = async (step: () => Promise<unknown>) => {
      count.trips = 0;
      await step();
      return count.trips;
    };

    const questionId = run.current?.question.id ?? "";
    const given = rightAnswer(run) as Given;
    expect(await tripsOf(() => trainer.answer(deps, account, run.id, questionId, given, Date.now()))).toBe(2);
    expect(await tripsOf(() => trainer.showRun(deps, account, run.id, Date.now()))).toBe(2);
    expect(await tripsOf(() => trainer.showRun(deps, account, run.id, Date.now()))).toBe(1);
    // Sent again, the answer is known from the one read.
    expect(await tripsOf(() => trainer.answer(deps, account, run.id, questionId, given, Date.now()))).toBe(1);
  });
});
