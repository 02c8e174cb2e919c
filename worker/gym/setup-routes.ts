// HTTP adapter of setting a competition up from its pages: the choices a new competition has,
// its start list imported from a spreadsheet, an athlete's entry corrected, people found to seat
// as judges, and names in place of ids: people's (in an audit log), competitions' (in roles' scopes).
import { createRoute, z } from "@hono/zod-openapi";
import { createDb, createReplicaDb } from "../db";
import { createRouter, jsonBody, jsonResponse, ProblemSchema, problems } from "../lib/openapi";
import {
  Athlete,
  AthleteParam,
  CompetitionName,
  CompetitionNamesQuery,
  CompetitionParam,
  CreateCompetitionRequest,
  EditAthleteRequest,
  ImportStartListRequest,
  PeopleIdsQuery,
  PeopleQuery,
  Person,
  PersonName,
  SetupOptions,
  StartListImport,
  StartListIssue,
} from "./contract";
import { DISCIPLINE_APPARATUS, SCHEMA_SEATS } from "./panel";
import { headJudgeOfThis, officialsOfThis } from "./routes";
import { competitionNames, editAthlete, findPeople, importStartList, peopleNames } from "./service";

const tags = ["Gym: setting up"];

const StartListProblem = ProblemSchema.extend({
  report: z.array(StartListIssue).openapi({ description: "Every wrong row and cell; nothing was imported" }),
}).openapi("StartListProblem");

/** A choice of the create request: its values and the one taken when none is sent. */
function choiceOf(field: "rounding" | "vault_rule" | "tie_break") {
  const schema = CreateCompetitionRequest.shape[field];
  return { values: [...schema.unwrap().options], default: schema.def.defaultValue as string };
}

/** What a new competition may be, read off the create request itself, so the form never lags it. */
function setupOptions(): SetupOptions {
  return {
    disciplines: Object.entries(DISCIPLINE_APPARATUS).map(([id, apparatus]) => ({ id, apparatus: [...apparatus] })),
    scoring: Object.entries(SCHEMA_SEATS).map(([id, seats]) => ({ id, seats: [...seats] })),
    rounding: choiceOf("rounding"),
    vault_rule: choiceOf("vault_rule"),
    tie_break: choiceOf("tie_break"),
  };
}

export const setupRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/setup-options",
      tags,
      summary: "The choices a new competition has: disciplines, scoring schemas and their seats, rules",
      responses: { 200: jsonResponse(SetupOptions, "The choices, each with its default") },
    }),
    (c) => c.json(setupOptions(), 200),
  )
  .openapi(
    createRoute({
      ...officialsOfThis,
      method: "post",
      path: "/gym/events/{id}/start-list",
      tags,
      summary: "Import the start list from CSV: all rows or none (head judge or secretary)",
      description:
        "Rows of athletes already on the list (the same name and birth year, or the same start number and name) change nothing; rows without a start number get the next free ones. A file with any wrong row imports nothing and answers 400 with `report`: every wrong row and cell.",
      request: { params: CompetitionParam, body: jsonBody(ImportStartListRequest) },
      responses: {
        201: jsonResponse(StartListImport, "Imported"),
        400: {
          description: "The file has wrong rows (`report` names each) or the request is invalid",
          content: { "application/problem+json": { schema: StartListProblem } },
        },
        ...problems(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await importStartList(createDb(c.env.DB), c.req.valid("param").id, c.req.valid("json").csv), 201),
  )
  .openapi(
    createRoute({
      ...officialsOfThis,
      method: "patch",
      path: "/gym/events/{id}/athletes/{athleteId}",
      tags,
      summary: "Correct an athlete's entry: name, team, start number, birth year, subdivision",
      request: { params: AthleteParam, body: jsonBody(EditAthleteRequest) },
      responses: { 200: jsonResponse(Athlete, "The athlete now"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, athleteId } = c.req.valid("param");
      return c.json(await editAthlete(createDb(c.env.DB), id, athleteId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/events/{id}/people",
      tags,
      summary: "Find people to seat on the panels, by name or email (the competition's head judge)",
      ...headJudgeOfThis,
      request: { params: CompetitionParam, query: PeopleQuery },
      responses: { 200: jsonResponse(z.array(Person), "Up to 20, by name"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await findPeople(createDb(c.env.DB), c.req.valid("query").search), 200),
  )
  .openapi(
    createRoute({
      ...officialsOfThis,
      method: "get",
      path: "/gym/events/{id}/people/names",
      tags,
      summary: "The names of people by id, for the audit log (the competition's head judge or secretary)",
      request: { params: CompetitionParam, query: PeopleIdsQuery },
      responses: { 200: jsonResponse(z.array(PersonName), "Those that exist"), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await peopleNames(createDb(c.env.DB), c.req.valid("query").ids), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/gym/event-names",
      tags,
      summary: "The names of competitions by id (for words in place of ids, e.g. in roles' scopes)",
      request: { query: CompetitionNamesQuery },
      responses: { 200: jsonResponse(z.array(CompetitionName), "Those that exist"), ...problems(400) },
    }),
    async (c) => c.json(await competitionNames(createReplicaDb(c.env.DB), c.req.valid("query").ids), 200),
  );
