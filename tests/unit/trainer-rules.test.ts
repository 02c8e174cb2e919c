// The trainer's pure rules: open answers compared as people mean them, answers checked against
// the question's shape, hardness from counters, streaks; sheets read; Markdown rendered safely.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../worker/trainer/markdown";
import {
  answerShapeProblem,
  type Checkable,
  type Given,
  hardness,
  isRight,
  normaliseAnswer,
  rankStandings,
  stableId,
  streaks,
} from "../../worker/trainer/rules";
import { namedRows, parseCsv } from "../../worker/trainer/sheet";

describe("open answers", () => {
  it.each([
    ["  Ёмкость   РЫНКА ", "емкость рынка"],
    ["3,5", "3.5"],
    ["1 000,25", "1 000.25"],
    ["Монополия\t", "монополия"],
    ["a,b", "a,b"],
    ["−0,67", "-0.67"],
  ])("reads %j as %j", (typed, read) => {
    expect(normaliseAnswer(typed)).toBe(read);
  });
});

const single: Checkable = { type: "single", options: ["a", "b", "c"], correct: [1], accepted: [] };
const multiple: Checkable = { type: "multiple", options: ["a", "b", "c", "d"], correct: [0, 2], accepted: [] };
const open: Checkable = { type: "open", options: [], correct: [], accepted: ["3.5", "емкость"] };

describe("checking an answer", () => {
  it("takes the same set of choices, in any order, and nothing more or less", () => {
    expect(isRight(single, { choices: [1] })).toBe(true);
    expect(isRight(single, { choices: [0] })).toBe(false);
    expect(isRight(multiple, { choices: [2, 0] })).toBe(true);
    expect(isRight(multiple, { choices: [0] })).toBe(false);
    expect(isRight(multiple, { choices: [0, 1, 2] })).toBe(false);
  });

  it("takes an accepted open answer however it is typed", () => {
    expect(isRight(open, { text: "3,5" })).toBe(true);
    expect(isRight(open, { text: " ЁМКОСТЬ" })).toBe(true);
    expect(isRight(open, { text: "3" })).toBe(false);
  });

  const malformed: [Checkable, Given, string][] = [
    [single, { text: "b" }, "choices"],
    [single, { choices: [] }, "choices"],
    [single, { choices: [0, 1] }, "choices"],
    [single, { choices: [3] }, "choices"],
    [multiple, { choices: [1, 1] }, "choices"],
    [open, { choices: [0] }, "text"],
    [open, { text: "   " }, "text"],
  ];
  it.each(malformed)("refuses a malformed answer, naming the field (%#)", (question, given, path) => {
    expect(answerShapeProblem(question, given)?.path).toBe(path);
  });

  it("passes a well-formed answer", () => {
    expect(answerShapeProblem(single, { choices: [2] })).toBeNull();
    expect(answerShapeProblem(open, { text: "x" })).toBeNull();
  });
});

describe("hardness", () => {
  it("goes from 0 (everyone right) to 1 (nobody), and is not extreme on few answers", () => {
    expect(hardness(0, 0)).toBe(0.5);
    expect(hardness(1, 1)).toBeCloseTo(1 / 3);
    expect(hardness(0, 1)).toBeCloseTo(2 / 3);
    expect(hardness(1000, 1000)).toBeLessThan(0.001);
    expect(hardness(0, 1000)).toBeGreaterThan(0.999);
  });
});

describe("streaks", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  it("counts back from today, or from yesterday while today has no answer yet", () => {
    expect(streaks(["2026-11-28", "2026-11-29", "2026-11-30"], now)).toEqual({ current: 3, longest: 3 });
    expect(streaks(["2026-11-28", "2026-11-29"], now)).toEqual({ current: 2, longest: 2 });
    expect(streaks(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-28"], now)).toEqual({ current: 0, longest: 3 });
    expect(streaks([], now)).toEqual({ current: 0, longest: 0 });
  });
});

describe("reading a sheet", () => {
  it("reads CSV with semicolons or commas, quotes, line breaks in cells and a byte-order mark", () => {
    expect(parseCsv('\uFEFFa;b\n"x;1";"say ""hi""\nthere"\r\n')).toEqual([
      ["a", "b"],
      ["x;1", 'say "hi"\nthere'],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("names cells by their column and keeps each row's spreadsheet number past empty rows", () => {
    const { header, rows } = namedRows([
      [" Subject ", "TYPE"],
      ["", ""],
      ["economics", "single"],
    ]);
    expect(header).toEqual(["subject", "type"]);
    expect(rows).toEqual([{ line: 3, cells: { subject: "economics", type: "single" } }]);
  });
});

describe("Markdown", () => {
  it("formats, and leaves raw HTML and script links inert", () => {
    expect(renderMarkdown("**жирный** и *курсив*")).toContain("<strong>жирный</strong>");
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1))');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript');
  });
});

describe("a contest's ranking", () => {
  const at = (score: number, lastCorrectAt: number | null, name: string) => ({
    studentId: name,
    name,
    score,
    answered: 3,
    lastCorrectAt,
  });
  it("puts more right answers first, then who got there first; full ties share a place", () => {
    const ranked = rankStandings([at(1, 50, "Б"), at(2, 90, "А"), at(2, 70, "В"), at(1, 50, "Г"), at(0, null, "Д")]);
    expect(ranked.map((s) => [s.name, s.place])).toEqual([
      ["В", 1],
      ["А", 2],
      ["Б", 3],
      ["Г", 3],
      ["Д", 5],
    ]);
  });
});

describe("ids of themes and sources", () => {
  it("are the same for the same subject and name, and differ otherwise", async () => {
    expect(await stableId("economics", "ВВП")).toBe(await stableId("economics", "ВВП"));
    expect(await stableId("economics", "ВВП")).not.toBe(await stableId("english", "ВВП"));
  });
});
