// The trainer's ports over this deployment's bindings, made per request (or per Telegram update).
import { createDb } from "../db";
import { announce } from "../notifications/service";
import { CachedCatalogue } from "./cross-cutting";
import { D1QuestionBank } from "./d1/bank";
import { D1Broadcasts } from "./d1/broadcasts";
import { D1Catalogue } from "./d1/catalogue";
import { D1Contests } from "./d1/contests";
import { D1Runs } from "./d1/runs";
import { D1Stats } from "./d1/stats";
import { D1Students } from "./d1/students";
import type { TrainerPorts } from "./ports";
import { R2Pictures } from "./r2/pictures";

export interface TrainerDeps extends TrainerPorts {
  /** Puts recorded messages on the notifications queue. */
  announce(messages: { id: string }[]): Promise<void>;
}

/**
 * Students read the catalogue through a short cache; teachers (`fresh`) read it as it is, since
 * an import checks its themes against it.
 */
export function trainerDeps(env: Env, { fresh = false } = {}): TrainerDeps {
  const db = createDb(env.DB);
  return {
    catalogue: new CachedCatalogue(new D1Catalogue(db), fresh ? 0 : undefined),
    bank: new D1QuestionBank(db),
    pictures: new R2Pictures(env.DOCUMENTS),
    students: new D1Students(db),
    runs: new D1Runs(db, env.DB),
    stats: new D1Stats(db),
    broadcasts: new D1Broadcasts(db, env.DB),
    contests: new D1Contests(db, env.TRAINER_CONTEST),
    announce: (messages) => announce(env.NOTIFICATIONS, messages),
  };
}
