// Setting a competition up without writing JSON by hand: the start list from CSV (all rows or
// none), an athlete's entry corrected, judges found by name, competitions named, the choices a
// new one has, and the results sheet in the reader's language.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type {
  Athlete,
  Competition,
  CompetitionName,
  Person,
  SetupOptions,
  StartListImport,
  StartListIssue,
} from "../../worker/gym/contract";
import { Client, newUser, ORIGIN, problemOf } from "./client";
import { grant } from "./grants";

async function competitionOf(name = "Кубок Воронежа") {
  const head = await newUser("Галина Главная");
  await grant(head.id, "head_judge");
  const res = await head.client.post("/api/gym/events", { name, discipline: "WAG" });
  return { head, competition: res.body as Competition };
}

const importCsv = (client: Client, id: string, csv: string) => client.post(`/api/gym/events/${id}/start-list`, { csv });

describe("importing a start list from CSV", () => {
  const csv = "ФИО;Команда;Год рождения;Поток\nАнгелина Мельникова;Воронеж;2000;1\nВиктория Листунова;Москва;2005;2\n";

  it("adds every athlete with the next start numbers, birth year and subdivision; a second import adds nobody", async () => {
    const { head, competition } = await competitionOf();
    await head.client.post(`/api/gym/events/${competition.id}/athletes`, { name: "Мария Пасека", bib: 7 });
    const first = await importCsv(head.client, competition.id, csv);
    expect(first.status).toBe(201);
    expect((first.body as StartListImport).added).toBe(2);
    const list = (await new Client().get(`/api/gym/events/${competition.id}/athletes`)).body as Athlete[];
    expect(list.map((a) => [a.bib, a.name, a.team, a.birth_year, a.subdivision])).toEqual([
      [7, "Мария Пасека", null, null, null],
      [8, "Ангелина Мельникова", "Воронеж", 2000, "1"],
      [9, "Виктория Листунова", "Москва", 2005, "2"],
    ]);
    const again = (await importCsv(head.client, competition.id, csv)).body as StartListImport;
    expect([again.added, again.unchanged, again.athletes.length]).toEqual([0, 2, 3]);
  });

  it("imports nothing from a file with a wrong row, and reports each with its row and column", async () => {
    const { head, competition } = await competitionOf();
    const wrong = `${csv}Ольга;Динамо;19x5;1\n;Динамо;2001;2\n`;
    const problem = problemOf(await importCsv(head.client, competition.id, wrong), 400);
    expect(problem.type).toBe("urn:podium:problem:start-list");
    expect(problem.report as StartListIssue[]).toEqual([
      { row: 4, column: "birth_year", code: "invalid_birth_year", value: "19x5" },
      { row: 5, column: "name", code: "required" },
    ]);
    expect(problem.errors?.map((e) => e.path)).toEqual(["rows.4.birth_year", "rows.5.name"]);
    expect((await new Client().get(`/api/gym/events/${competition.id}/athletes`)).body).toEqual([]);
  });

  it("refuses a start number another athlete has, importing nothing", async () => {
    const { head, competition } = await competitionOf();
    await head.client.post(`/api/gym/events/${competition.id}/athletes`, { name: "Мария Пасека", bib: 1 });
    const problem = problemOf(await importCsv(head.client, competition.id, "name,bib\nАнна,2\nОльга,1\n"), 400);
    expect(problem.report).toEqual([
      { row: 3, column: "bib", code: "bib_taken", value: "1", taken_by: "Мария Пасека" },
    ]);
    expect(((await new Client().get(`/api/gym/events/${competition.id}/athletes`)).body as Athlete[]).length).toBe(1);
  });

  it("is the competition's head judge's or secretary's: others get 403, nobody logged in 401", async () => {
    const { competition } = await competitionOf();
    const secretary = await newUser("Сергей Секретарь");
    await grant(secretary.id, "secretary", `competition:${competition.id}`);
    expect((await importCsv(secretary.client, competition.id, csv)).status).toBe(201);
    const stranger = await newUser();
    problemOf(await importCsv(stranger.client, competition.id, csv), 403);
    problemOf(await importCsv(new Client(), competition.id, csv), 401);
  });
});

describe("correcting an athlete's entry", () => {
  it("changes what is sent, clears what is null, and refuses a start number someone has", async () => {
    const { head, competition } = await competitionOf();
    const path = `/api/gym/events/${competition.id}/athletes`;
    const anna = (await head.client.post(path, { name: "Анна", team: "Динамо", bib: 1, birth_year: 2003 }))
      .body as Athlete;
    await head.client.post(path, { name: "Вера", bib: 2 });
    const edit = (body: unknown) => head.client.send("PATCH", `${path}/${anna.id}`, body);
    expect((await edit({ name: "Анна Иванова", team: null, subdivision: "3" })).body).toMatchObject({
      name: "Анна Иванова",
      team: null,
      bib: 1,
      birth_year: 2003,
      subdivision: "3",
    });
    problemOf(await edit({ bib: 2 }), 409);
    expect(problemOf(await edit({ birth_year: 2999 }), 400).errors?.[0]?.path).toBe("birth_year");
    problemOf(await edit({}), 400);
    problemOf(await head.client.send("PATCH", `${path}/nobody`, { name: "X" }), 404);
  });
});

describe("finding people to seat as judges", () => {
  it("finds by part of a name in any case, or of an email; only for the competition's head judge", async () => {
    const { head, competition } = await competitionOf();
    const judge = await newUser("Юлия Судейкина");
    const find = (client: Client, search: string) =>
      client.get(`/api/gym/events/${competition.id}/people?search=${encodeURIComponent(search)}`);
    for (const search of ["судейкина", "Юлия", judge.email.slice(0, 12).toUpperCase()]) {
      expect(((await find(head.client, search)).body as Person[]).map((p) => p.id)).toContain(judge.id);
    }
    const found = ((await find(head.client, "Судейкина")).body as Person[]).find((p) => p.id === judge.id);
    expect(found).toEqual({ id: judge.id, name: "Юлия Судейкина", email: judge.email });
    expect((await find(head.client, "%")).body).toEqual([]);
    problemOf(await find(judge.client, "Юлия"), 403);
    problemOf(await find(new Client(), "Юлия"), 401);
  });
});

describe("words in place of ids", () => {
  it("names competitions by id, leaving out ids that are none", async () => {
    const { competition } = await competitionOf("Кубок Казани");
    const res = await new Client().get(`/api/gym/event-names?ids=${competition.id},nope`);
    expect(res.body as CompetitionName[]).toEqual([{ id: competition.id, name: "Кубок Казани" }]);
    problemOf(await new Client().get("/api/gym/event-names?ids=a b"), 400);
  });

  it("lists what a new competition may be, with the create request's defaults", async () => {
    const options = (await new Client().get("/api/gym/setup-options")).body as SetupOptions;
    expect(options.disciplines.map((d) => d.id)).toEqual(["MAG", "WAG"]);
    expect(options.scoring.find((s) => s.id === "fig_artistic")?.seats).toContain("R2");
    expect(options.vault_rule.values).toEqual(expect.arrayContaining(["first", "average"]));
    expect(options.tie_break.default).toBe("all_around");
  });
});

describe("the results sheet in the reader's language", () => {
  it("keeps the official sheet once per language", async () => {
    const { head, competition } = await competitionOf();
    await head.client.post("/api/gym/finalize", { event_id: competition.id });
    const pdf = (query: string, headers: Record<string, string> = {}) =>
      exports.default.fetch(new Request(`${ORIGIN}/api/gym/results/${competition.id}/pdf${query}`, { headers }));
    expect((await pdf("?lang=ru")).headers.get("content-type")).toBe("application/pdf");
    expect((await pdf("", { "accept-language": "en-GB,en;q=0.9" })).headers.get("content-type")).toBe(
      "application/pdf",
    );
    expect((await pdf("?lang=klingon")).status).toBe(400);
    const stored = await env.DOCUMENTS.list({ prefix: `gym/results/${competition.id}/` });
    expect(stored.objects.map((o) => o.key.split(".").slice(-2)[0]).sort()).toEqual(["en", "ru"]);
  });
});

describe("names for an audit log", () => {
  it("names people by id for the competition's officials only", async () => {
    const { head, competition } = await competitionOf();
    const judge = await newUser("Юлия Судейкина");
    const path = `/api/gym/events/${competition.id}/people/names?ids=${judge.id},${head.id},nobody`;
    expect(((await head.client.get(path)).body as { id: string; name: string }[]).map((p) => p.name).sort()).toEqual([
      "Галина Главная",
      "Юлия Судейкина",
    ]);
    problemOf(await judge.client.get(path), 403);
  });
});
