// Use cases of running a competition: creating it, its status, its athletes and panel seats.
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { chunks } from "../db/chunks";
import { gymAthlete, gymCompetition, gymPanelSeat, roleGrant, user } from "../db/schema";
import { afterCursor, toPage } from "../lib/paging";
import { badRequest, conflict, notFound, Problem } from "../lib/problem";
import type {
  AddAthleteRequest,
  Athlete,
  Competition,
  CompetitionName,
  CreateCompetitionRequest,
  EditAthleteRequest,
  PanelSeat,
  Person,
  PersonName,
  SeatJudgeRequest,
  StartListImport,
} from "./contract";
import { competitionScope, DISCIPLINE_APPARATUS, SCHEMA_SEATS, seatScope } from "./panel";
import type { SchemaId } from "./rules";
import { describeIssue, parseStartList, planImport, type StartListIssue } from "./start-list";

type CompetitionRow = typeof gymCompetition.$inferSelect;
type Action = "start" | "pause" | "finish";

/** Which statuses each action may start from, and where it leads. */
const TRANSITIONS: Record<Action, { from: CompetitionRow["status"][]; to: CompetitionRow["status"] }> = {
  start: { from: ["draft", "paused"], to: "running" },
  pause: { from: ["running"], to: "paused" },
  finish: { from: ["running", "paused"], to: "finished" },
};

export function presentCompetition(row: CompetitionRow): Competition {
  return {
    id: row.id,
    name: row.name,
    discipline: row.discipline,
    scoring: row.schema,
    rounding: row.rounding,
    vault_rule: row.vaultRule,
    tie_break: row.tieBreak,
    inquiry_window_seconds: row.inquiryWindowSeconds,
    apparatus: row.apparatus,
    status: row.status,
    finalized_at: row.finalizedAt === null ? null : new Date(row.finalizedAt).toISOString(),
  };
}

/** A start number already worn by someone else. */
const bibTaken = (bib: number, holder: string) =>
  conflict(`Bib ${bib} is already ${holder}'s.`, { reason: "bib_taken", bib, athlete: holder });

const presentAthlete = (row: typeof gymAthlete.$inferSelect): Athlete => ({
  id: row.id,
  competition_id: row.competitionId,
  name: row.name,
  team: row.team,
  bib: row.bib,
  birth_year: row.birthYear,
  subdivision: row.subdivision,
});

/** Creates a competition; its creator becomes its head judge. */
export async function createCompetition(
  db: Db,
  input: CreateCompetitionRequest,
  creatorId: string,
): Promise<Competition> {
  const apparatus = input.apparatus ?? DISCIPLINE_APPARATUS[input.discipline];
  if (!apparatus) {
    throw badRequest(`Name the apparatus of a ${input.discipline} competition.`, [
      { path: "apparatus", code: "required", message: "Required for this discipline." },
    ]);
  }
  const now = Date.now();
  const row: CompetitionRow = {
    id: crypto.randomUUID().slice(0, 8),
    name: input.name,
    discipline: input.discipline,
    schema: input.scoring,
    rounding: input.rounding,
    vaultRule: input.vault_rule,
    tieBreak: input.tie_break,
    inquiryWindowSeconds: input.inquiry_window_seconds,
    apparatus: [...apparatus],
    status: "draft",
    finalizedAt: null,
    createdBy: creatorId,
    createdAt: now,
    updatedAt: now,
  };
  await db.batch([
    db.insert(gymCompetition).values(row),
    db.insert(roleGrant).values({
      id: crypto.randomUUID(),
      userId: creatorId,
      role: "head_judge",
      scope: competitionScope(row.id),
      grantedBy: creatorId,
    }),
  ]);
  return presentCompetition(row);
}

async function competitionRow(db: Db, id: string): Promise<CompetitionRow> {
  const row = await db.select().from(gymCompetition).where(eq(gymCompetition.id, id)).get();
  if (!row) throw notFound(`No competition ${id}.`);
  return row;
}

/** Every competition, newest first. */
export async function listCompetitions(db: Db, limit: number, cursor?: string) {
  const rows = await db
    .select()
    .from(gymCompetition)
    .where(afterCursor(gymCompetition.createdAt, gymCompetition.id, cursor, "desc"))
    .orderBy(desc(gymCompetition.createdAt), asc(gymCompetition.id))
    .limit(limit);
  return toPage(rows, limit, presentCompetition, (row) => row.createdAt);
}

export async function getCompetition(db: Db, id: string): Promise<Competition> {
  return presentCompetition(await competitionRow(db, id));
}

/** Start, pause or finish. Repeating an action that is already done changes nothing. */
export async function changeStatus(db: Db, id: string, action: Action): Promise<Competition> {
  const row = await competitionRow(db, id);
  const { from, to } = TRANSITIONS[action];
  if (row.status === to) return presentCompetition(row);
  if (!from.includes(row.status)) {
    throw conflict(`A ${row.status} competition cannot ${action}.`, {
      reason: "wrong_status",
      competition_status: row.status,
      action,
    });
  }
  const updated = { ...row, status: to, updatedAt: Date.now() };
  await db.update(gymCompetition).set({ status: to, updatedAt: updated.updatedAt }).where(eq(gymCompetition.id, id));
  return presentCompetition(updated);
}

/** Adds an athlete by start number; the same athlete again is returned, not added twice. */
export async function addAthlete(db: Db, competitionId: string, input: AddAthleteRequest) {
  await competitionRow(db, competitionId);
  const existing = await db
    .select()
    .from(gymAthlete)
    .where(and(eq(gymAthlete.competitionId, competitionId), eq(gymAthlete.bib, input.bib)))
    .get();
  if (existing) {
    if (existing.name !== input.name) throw bibTaken(input.bib, existing.name);
    return { athlete: presentAthlete(existing), created: false };
  }
  const row = {
    id: crypto.randomUUID().slice(0, 12),
    competitionId,
    name: input.name,
    team: input.team ?? null,
    bib: input.bib,
    birthYear: input.birth_year ?? null,
    subdivision: input.subdivision ?? null,
    createdAt: Date.now(),
  };
  await db.insert(gymAthlete).values(row);
  return { athlete: presentAthlete(row), created: true };
}

// D1 binds at most 100 parameters per statement; an athlete row has 8 columns.
const ATHLETE_ROWS_PER_STATEMENT = 12;

const startListRefused = (issues: StartListIssue[]) =>
  new Problem(
    400,
    "start-list",
    "The start list has errors",
    `Nothing was imported: fix the rows named and import the file again.`,
    {
      report: issues,
      errors: issues.map((issue) => ({
        path: `rows.${issue.row}${issue.column ? `.${issue.column}` : ""}`,
        code: issue.code,
        message: describeIssue(issue),
      })),
    },
  );

/**
 * Imports a start list from CSV: every new athlete in one batch, or nobody and a report of every
 * wrong row. Athletes already listed (the same person) are left as they are.
 */
export async function importStartList(db: Db, competitionId: string, csv: string): Promise<StartListImport> {
  await competitionRow(db, competitionId);
  const parsed = parseStartList(csv, new Date());
  if (parsed.issues.length) throw startListRefused(parsed.issues);
  const registered = await db.select().from(gymAthlete).where(eq(gymAthlete.competitionId, competitionId));
  const plan = planImport(parsed.rows, registered);
  if (plan.issues.length || !("add" in plan)) throw startListRefused(plan.issues);
  const createdAt = Date.now();
  const rows = plan.add.map((athlete) => ({
    id: crypto.randomUUID().slice(0, 12),
    competitionId,
    name: athlete.name,
    team: athlete.team,
    bib: athlete.bib,
    birthYear: athlete.birthYear,
    subdivision: athlete.subdivision,
    createdAt,
  }));
  const [first, ...rest] = chunks(rows, ATHLETE_ROWS_PER_STATEMENT).map((c) => db.insert(gymAthlete).values(c));
  if (first) {
    try {
      await db.batch([first, ...rest]);
    } catch (error) {
      // The unique start numbers: someone added an athlete while this file was being read.
      if (!String(error).includes("UNIQUE")) throw error;
      throw conflict("The start list changed while the file was imported; import it again.", {
        reason: "start_list_changed",
      });
    }
  }
  return { added: rows.length, unchanged: plan.unchanged, athletes: await listAthletes(db, competitionId) };
}

/** Corrects an athlete's entry; a start number someone else has is refused. */
export async function editAthlete(
  db: Db,
  competitionId: string,
  athleteId: string,
  change: EditAthleteRequest,
): Promise<Athlete> {
  const inCompetition = (...more: Parameters<typeof and>) => and(eq(gymAthlete.competitionId, competitionId), ...more);
  const athlete = await db
    .select()
    .from(gymAthlete)
    .where(inCompetition(eq(gymAthlete.id, athleteId)))
    .get();
  if (!athlete) throw notFound(`No athlete ${athleteId} in this competition.`);
  if (change.bib !== undefined && change.bib !== athlete.bib) {
    const holder = await db
      .select()
      .from(gymAthlete)
      .where(inCompetition(eq(gymAthlete.bib, change.bib)))
      .get();
    if (holder) throw bibTaken(change.bib, holder.name);
  }
  const next = {
    name: change.name ?? athlete.name,
    team: change.team === undefined ? athlete.team : change.team,
    bib: change.bib ?? athlete.bib,
    birthYear: change.birth_year === undefined ? athlete.birthYear : change.birth_year,
    subdivision: change.subdivision === undefined ? athlete.subdivision : change.subdivision,
  };
  await db.update(gymAthlete).set(next).where(eq(gymAthlete.id, athleteId));
  return presentAthlete({ ...athlete, ...next });
}

export async function listAthletes(db: Db, competitionId: string): Promise<Athlete[]> {
  await competitionRow(db, competitionId);
  const rows = await db
    .select()
    .from(gymAthlete)
    .where(eq(gymAthlete.competitionId, competitionId))
    .orderBy(gymAthlete.bib);
  return rows.map(presentAthlete);
}

/** Seats a judge on one position of one apparatus's panel and grants them that seat's role. */
export async function seatJudge(db: Db, competitionId: string, input: SeatJudgeRequest, grantedBy: string) {
  const competition = await competitionRow(db, competitionId);
  if (!competition.apparatus.includes(input.apparatus)) {
    throw badRequest(`This competition has no ${input.apparatus}.`, [
      { path: "apparatus", code: "invalid_value", message: `One of: ${competition.apparatus.join(", ")}.` },
    ]);
  }
  const seats = SCHEMA_SEATS[competition.schema as SchemaId] ?? [];
  if (!seats.includes(input.position)) {
    throw badRequest(`A ${competition.schema} panel has no seat ${input.position}.`, [
      { path: "position", code: "invalid_value", message: `One of: ${seats.join(", ")}.` },
    ]);
  }
  const judge = await db
    .select({ id: user.id, name: user.name })
    .from(user)
    .where(eq(user.email, input.email.toLowerCase()))
    .get();
  if (!judge) throw notFound(`No Podium account with the email ${input.email}.`);

  const seat = and(
    eq(gymPanelSeat.competitionId, competitionId),
    eq(gymPanelSeat.apparatus, input.apparatus),
    eq(gymPanelSeat.position, input.position),
  );
  const taken = await db.select().from(gymPanelSeat).where(seat).get();
  const result: PanelSeat = {
    competition_id: competitionId,
    apparatus: input.apparatus,
    position: input.position,
    judge,
  };
  if (taken?.userId === judge.id) return { seat: result, created: false };
  if (taken) {
    throw conflict(`${input.apparatus} ${input.position} is already taken; free it first.`, {
      reason: "seat_taken",
      apparatus: input.apparatus,
      position: input.position,
    });
  }
  await db.batch([
    db.insert(gymPanelSeat).values({ competitionId, ...input, userId: judge.id, createdAt: Date.now() }),
    db
      .insert(roleGrant)
      .values({
        id: crypto.randomUUID(),
        userId: judge.id,
        role: "judge",
        scope: seatScope(competitionId, input.apparatus, input.position),
        grantedBy,
      })
      .onConflictDoNothing(),
  ]);
  return { seat: result, created: true };
}

/** Frees a seat and revokes its judge's role for it, in one batch. */
export async function freeSeat(db: Db, competitionId: string, apparatus: string, position: string): Promise<PanelSeat> {
  const seat = and(
    eq(gymPanelSeat.competitionId, competitionId),
    eq(gymPanelSeat.apparatus, apparatus),
    eq(gymPanelSeat.position, position),
  );
  const taken = await db
    .select({ userId: gymPanelSeat.userId, name: user.name })
    .from(gymPanelSeat)
    .innerJoin(user, eq(user.id, gymPanelSeat.userId))
    .where(seat)
    .get();
  if (!taken) throw notFound(`No judge sits at ${apparatus} ${position}.`);
  await db.batch([
    db.delete(gymPanelSeat).where(seat),
    db
      .delete(roleGrant)
      .where(
        and(
          eq(roleGrant.userId, taken.userId),
          eq(roleGrant.role, "judge"),
          eq(roleGrant.scope, seatScope(competitionId, apparatus, position)),
        ),
      ),
  ]);
  return { competition_id: competitionId, apparatus, position, judge: { id: taken.userId, name: taken.name } };
}

/** Every seat of the competition's panels, with its judge. */
export async function panelOf(db: Db, competitionId: string): Promise<PanelSeat[]> {
  await competitionRow(db, competitionId);
  const rows = await db
    .select({ seat: gymPanelSeat, judge: { id: user.id, name: user.name } })
    .from(gymPanelSeat)
    .innerJoin(user, eq(user.id, gymPanelSeat.userId))
    .where(eq(gymPanelSeat.competitionId, competitionId))
    .orderBy(gymPanelSeat.apparatus, gymPanelSeat.position);
  return rows.map(({ seat, judge }) => ({
    competition_id: competitionId,
    apparatus: seat.apparatus,
    position: seat.position,
    judge,
  }));
}

/** The running or paused competitions where this person judges, with their seats. */
export async function activeFor(db: Db, userId: string) {
  const seats = await db.select().from(gymPanelSeat).where(eq(gymPanelSeat.userId, userId));
  if (seats.length === 0) return [];
  const competitions = await db
    .select()
    .from(gymCompetition)
    .where(
      and(
        inArray(gymCompetition.id, [...new Set(seats.map((s) => s.competitionId))]),
        inArray(gymCompetition.status, ["running", "paused"]),
      ),
    );
  return competitions.map((c) => ({
    competition: presentCompetition(c),
    seats: seats.filter((s) => s.competitionId === c.id).map((s) => ({ apparatus: s.apparatus, position: s.position })),
  }));
}

const PEOPLE_FOUND = 20;

/** A LIKE condition: the column holds the text, wildcards in the text taken literally. */
const holds = (column: typeof user.name | typeof user.email, text: string) =>
  sql`${column} LIKE ${`%${text.replace(/[\\%_]/g, "\\$&")}%`} ESCAPE '\\'`;

/**
 * People whose name or email holds the search, for seating judges. SQLite matches letters
 * case-blind in ASCII only, so a Cyrillic name is also looked for in lower and in title case.
 */
export async function findPeople(db: Db, search: string): Promise<Person[]> {
  const lower = search.toLocaleLowerCase();
  const titled = lower.replace(/(^|\s)(\S)/g, (_, space: string, letter: string) => space + letter.toLocaleUpperCase());
  const names = [...new Set([search, lower, titled])].map((text) => holds(user.name, text));
  return db
    .select({ id: user.id, name: user.name, email: user.email })
    .from(user)
    .where(search ? or(holds(user.email, lower), ...names) : undefined)
    .orderBy(user.name)
    .limit(PEOPLE_FOUND);
}

/** The names of the people with these ids (those that exist). */
export async function peopleNames(db: Db, ids: readonly string[]): Promise<PersonName[]> {
  return db
    .select({ id: user.id, name: user.name })
    .from(user)
    .where(inArray(user.id, [...new Set(ids)]));
}

/** The names of the competitions with these ids (those that exist). */
export async function competitionNames(db: Db, ids: readonly string[]): Promise<CompetitionName[]> {
  return db
    .select({ id: gymCompetition.id, name: gymCompetition.name })
    .from(gymCompetition)
    .where(inArray(gymCompetition.id, [...new Set(ids)]));
}
