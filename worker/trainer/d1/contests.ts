// Contests: their catalogue rows in D1, and everything live (contestants, answers, clock, ranking)
// in each one's TrainerContest object, reached by RPC.
import { desc, eq } from "drizzle-orm";
import type { ContestSetup, TrainerContest } from "../../../durable-objects/trainer-contest";
import type { Db } from "../../db";
import { trainerContest } from "../../db/schema";
import { unwrap } from "../../lib/rpc";
import type { Contest, Contests, Question } from "../ports";
import type { Given } from "../rules";

const CONTEST_COLUMNS = {
  id: trainerContest.id,
  subjectId: trainerContest.subjectId,
  title: trainerContest.title,
  startsAt: trainerContest.startsAt,
  endsAt: trainerContest.endsAt,
  questionIds: trainerContest.questionIds,
};

export class D1Contests implements Contests {
  constructor(
    private readonly db: Db,
    private readonly objects: DurableObjectNamespace<TrainerContest>,
  ) {}

  private object(id: string) {
    return this.objects.getByName(id);
  }

  async create(contest: Contest, createdBy: string, questions: Question[], now: number): Promise<void> {
    const setup: ContestSetup = {
      id: contest.id,
      startsAt: contest.startsAt,
      endsAt: contest.endsAt,
      questions: questions.map(({ id, type, options, correct, accepted }) => ({
        id,
        type,
        options,
        correct,
        accepted,
      })),
    };
    // The object first: a catalogue row never names a contest its object does not know.
    await this.object(contest.id).configure(setup);
    await this.db.insert(trainerContest).values({ ...contest, createdBy, createdAt: now });
  }

  async byId(id: string): Promise<Contest | null> {
    return (await this.db.select(CONTEST_COLUMNS).from(trainerContest).where(eq(trainerContest.id, id)).get()) ?? null;
  }

  async list(limit: number): Promise<Contest[]> {
    return this.db.select(CONTEST_COLUMNS).from(trainerContest).orderBy(desc(trainerContest.startsAt)).limit(limit);
  }

  async join(id: string, studentId: string, name: string) {
    return unwrap(await this.object(id).join(studentId, name));
  }

  async answer(id: string, studentId: string, questionId: string, given: Given) {
    return unwrap(await this.object(id).answer(studentId, questionId, given));
  }

  async ranking(id: string) {
    return unwrap(await this.object(id).ranking());
  }
}
