import { describe, expect, it } from "vitest";
import { csvResponse, neutralised } from "../../worker/lib/csv";

describe("CSV exports are safe to open in a spreadsheet", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
  ])("a text cell %j that a spreadsheet would run becomes text", (cell, safe) => {
    expect(neutralised(cell)).toBe(safe);
  });

  it.each(["Анна Иванова", "13.500", "-0.300", "+7", "a=b", ""])("%j stays as it is", (cell) => {
    expect(neutralised(cell)).toBe(cell);
  });

  it("numbers and empty cells stay numbers and empty", () => {
    expect(neutralised(-3)).toBe(-3);
    expect(neutralised(null)).toBeNull();
  });

  it("the document is UTF-8 with a BOM and every cell neutralised", async () => {
    const bytes = await csvResponse("t.csv", [
      ["name", "score"],
      ["=1+1", "14.466"],
    ]).arrayBuffer();
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\uFEFFname,score\n'=1+1,14.466\n");
  });
});
