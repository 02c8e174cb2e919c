// Reading a start list from a spreadsheet's CSV: every wrong cell is found with its row and column,
// and an import adds each person once.
import { describe, expect, it } from "vitest";
import { csvRecords, parseStartList, planImport, type StartListRow } from "../../worker/gym/start-list";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("reading CSV as spreadsheets write it", () => {
  it("takes ';' from a Russian Excel, a byte-order mark, quoted cells with the delimiter, quotes and line breaks", () => {
    const text = '\uFEFFимя;команда\r\n"Иванова; Анна";"Клуб ""Юность"""\r\n"Петрова\nМария";Динамо\r\n';
    expect(csvRecords(text)).toEqual({
      records: [
        { row: 1, cells: ["имя", "команда"] },
        { row: 2, cells: ["Иванова; Анна", 'Клуб "Юность"'] },
        { row: 3, cells: ["Петрова\nМария", "Динамо"] },
      ],
      unclosedAt: null,
    });
  });

  it("takes ',' and tabs, and skips blank lines", () => {
    expect(csvRecords("name,team\n\nA,B\n").records.map((r) => r.cells)).toEqual([
      ["name", "team"],
      ["A", "B"],
    ]);
    expect(csvRecords("name\tteam\nA\tB").records[1]?.cells).toEqual(["A", "B"]);
  });

  it("says where a quoted cell is never closed", () => {
    expect(csvRecords('name\nA\n"B, no end\nC').unclosedAt).toBe(3);
  });
});

describe("a start list's rows", () => {
  it("reads name, team, birth year and subdivision under English or Russian headers, in any order", () => {
    const { rows, issues } = parseStartList(
      "Поток;ФИО;Год рождения;Команда\n1;Ангелина Мельникова;2000;Воронеж\n2;Виктория Листунова;;\n",
      NOW,
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { row: 2, name: "Ангелина Мельникова", team: "Воронеж", birthYear: 2000, subdivision: "1", bib: null },
      { row: 3, name: "Виктория Листунова", team: null, birthYear: null, subdivision: "2", bib: null },
    ]);
  });

  it("reports every wrong cell with its row and column, and gives no rows", () => {
    const text = [
      "name,team,birth year,subdivision,bib",
      "Анна,Динамо,2000,1,7",
      ",Динамо,2001,1,8",
      "Мария,Динамо,19x5,1,9",
      `Ольга,${"Д".repeat(121)},2030,1,0`,
      "Вера,Динамо,2001,1,10,extra",
    ].join("\n");
    const { rows, issues } = parseStartList(text, NOW);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { row: 3, column: "name", code: "required" },
      { row: 4, column: "birth_year", code: "invalid_birth_year", value: "19x5" },
      { row: 5, column: "team", code: "too_long", value: "Д".repeat(121), limit: 120 },
      { row: 5, column: "birth_year", code: "invalid_birth_year", value: "2030" },
      { row: 5, column: "bib", code: "invalid_bib", value: "0" },
      { row: 6, column: null, code: "too_many_cells", limit: 5 },
    ]);
  });

  it("refuses a header it cannot read: no name column, an unknown or a repeated one", () => {
    expect(parseStartList("team,shoe size,team\nA,42,B", NOW).issues).toEqual([
      { row: 1, column: null, code: "unknown_column", value: "shoe size" },
      { row: 1, column: "team", code: "repeated_column", value: "team" },
      { row: 1, column: "name", code: "no_name_column" },
    ]);
    expect(parseStartList("", NOW).issues).toEqual([{ row: 1, column: null, code: "empty_file" }]);
  });
});

describe("importing into a start list", () => {
  const row = (r: number, name: string, bib: number | null = null, birthYear: number | null = 2000): StartListRow => ({
    row: r,
    name,
    team: null,
    birthYear,
    subdivision: null,
    bib,
  });

  it("numbers athletes without a start number after the highest one taken", () => {
    const plan = planImport(
      [row(2, "Анна"), row(3, "Мария", 40), row(4, "Ольга")],
      [{ name: "Вера", birthYear: 1999, bib: 12 }],
    );
    expect("add" in plan && plan.add.map((a) => [a.name, a.bib])).toEqual([
      ["Анна", 41],
      ["Мария", 40],
      ["Ольга", 42],
    ]);
  });

  it("adds nobody twice: the same person already listed is left as is", () => {
    const plan = planImport(
      [row(2, "анна"), row(3, "Вера", 12, 1999)],
      [
        { name: "Анна", birthYear: 2000, bib: 3 },
        { name: "Вера", birthYear: 1999, bib: 12 },
      ],
    );
    expect(plan).toEqual({ add: [], unchanged: 2, issues: [] });
  });

  it("refuses a start number someone else has, and duplicates within the file", () => {
    const plan = planImport(
      [row(2, "Анна", 5), row(3, "Мария", 5), row(4, "Анна"), row(5, "Ольга", 12)],
      [{ name: "Вера", birthYear: 1999, bib: 12 }],
    );
    expect(plan.issues).toEqual([
      { row: 3, column: "bib", code: "duplicate_bib", other_row: 2 },
      { row: 4, column: "name", code: "duplicate_athlete", other_row: 2 },
      { row: 5, column: "bib", code: "bib_taken", value: "12", taken_by: "Вера" },
    ]);
  });
});
