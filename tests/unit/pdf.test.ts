// PDF documents, read back the way a PDF reader would (pdf-text.ts): the fonts embedded and
// subset, Cyrillic encoded as text, long tables continued on numbered pages.
import regular from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { GymResults } from "../../worker/gym/protocol";
import { resultsPdf } from "../../worker/gym/results-pdf";
import { renderTablesPdf, type TableSection } from "../../worker/lib/pdf";
import { contentsOf, latin1, pageTexts } from "./pdf-text";

const columns: TableSection["columns"] = [
  { label: "Place", width: 1, align: "right" },
  { label: "Athlete", width: 5 },
  { label: "Team", width: 3 },
  { label: "Score", width: 2, align: "right" },
];
const section = (heading: string, rows: TableSection["rows"]): TableSection => ({ heading, columns, rows });

describe("renderTablesPdf", () => {
  it("gets the font's bytes from a .ttf import (the Data rule in wrangler.toml)", () => {
    expect(regular).toBeInstanceOf(ArrayBuffer);
    expect(new DataView(regular).getUint32(0), "a TrueType font starts with version 1.0").toBe(0x0001_0000);
  });

  it("writes a PDF that a reader opens, with the title in its metadata", async () => {
    const bytes = await renderTablesPdf({
      title: "Кубок Москвы 2026",
      sections: [section("Floor", [[1, "A", "B", 1]])],
    });
    expect(latin1(bytes.subarray(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Кубок Москвы 2026");
  });

  it("embeds DejaVu Sans, regular and bold, subset to the glyphs used", async () => {
    const bytes = await renderTablesPdf({
      title: "Итоги",
      sections: [section("Вольные", [[1, "Ольга Петрова", null, 13.5]])],
    });
    const pdf = await PDFDocument.load(bytes);
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("Subtype")) === PDFName.of("Type0"));
    const names = fonts.map((f) => f.lookup(PDFName.of("BaseFont"), PDFName).decodeText());
    expect(names.sort()).toEqual([
      expect.stringMatching(/^[A-Z]{6}\+DejaVuSans$/),
      expect.stringMatching(/^[A-Z]{6}\+DejaVuSans-Bold$/),
    ]);
    for (const font of fonts) {
      const cid = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      const file = cid.lookup(PDFName.of("FontDescriptor"), PDFDict).get(PDFName.of("FontFile2"));
      // The whole DejaVuSans.ttf is 757 KB; a subset of a few dozen glyphs is a few KB.
      expect((await contentsOf(pdf, file)).length).toBeLessThan(40_000);
    }
    expect(bytes.length).toBeLessThan(60_000);
  });

  it("encodes Cyrillic as text: the CMap maps the glyphs back to the names' code points", async () => {
    const bytes = await renderTablesPdf({
      title: "Кубок Москвы 2026",
      subtitle: "Официальные результаты",
      sections: [section("Вольные упражнения", [[1, "Ольга Петрова", "Динамо", "13.500"]])],
    });
    const [page = []] = await pageTexts(bytes);
    expect(page).toEqual(
      expect.arrayContaining(["Кубок Москвы 2026", "Официальные результаты", "Вольные упражнения", "Ольга Петрова"]),
    );
    expect(page).toEqual(expect.arrayContaining(["Динамо", "13.500", "Place", "Athlete", "1 / 1"]));
  });

  it("continues a long table on new pages with its heading and header row, numbered n / N", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [i + 1, `Спортсмен ${i + 1}`, "Команда", "12.000"]);
    const pages = await pageTexts(await renderTablesPdf({ title: "Кубок", sections: [section("Floor", rows)] }));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toEqual(expect.arrayContaining(["Floor", "Place", "Athlete", "Team", `${i + 1} / ${pages.length}`]));
    });
    const athletes = pages.flat().filter((s) => s.startsWith("Спортсмен "));
    expect(athletes).toEqual(rows.map((r) => r[1]));
  });

  it("cuts text wider than its column short with an ellipsis, and keeps a name on one line", async () => {
    const team = "Санкт-Петербургское государственное училище олимпийского резерва № 1";
    const [page = []] = await pageTexts(
      await renderTablesPdf({ title: "Кубок", sections: [section("Floor", [[1, "Ольга\nПетрова", team, "13.500"]])] }),
    );
    const cut = page.find((s) => s.startsWith("Санкт-Петербургское"));
    expect(cut).toMatch(/^Санкт-Петербургское .+…$/);
    expect(cut?.length).toBeLessThan(team.length);
    expect(page).toContain("Ольга Петрова");
  });
});

describe("resultsPdf", () => {
  const athlete = (bib: number, name: string, team: string | null) => ({ bib, name, team });
  const olga = athlete(7, "Ольга Петрова", "Динамо");
  const anna = athlete(12, "Анна Смирнова", null);
  const results: GymResults = {
    competition: { id: "c1", name: "Кубок Москвы 2026", status: "finished" },
    official: false,
    apparatus: [
      {
        apparatus: "vault",
        ranking: [
          { place: 1, athleteId: "a1", final: 14_233, e: 9_033, d: 5_200, overridden: false, athlete: olga },
          { place: 2, athleteId: "a2", final: 13_900, e: 8_900, d: 5_000, overridden: false, athlete: anna },
        ],
      },
      { apparatus: "balance_beam", ranking: [] },
    ],
    has_all_around: true,
    all_around: [
      { place: 1, athleteId: "a1", total: 14_233, e: 9_033, d: 5_200, apparatusCount: 1, athlete: olga },
      { place: 2, athleteId: "a2", total: 13_900, e: 8_900, d: 5_000, apparatusCount: 1, athlete: anna },
    ],
    all_around_unranked: [],
    latest: [],
  };

  it("lays out each apparatus, then the all-around, and says the results are not final", async () => {
    const [page = []] = await pageTexts(await resultsPdf(results, new Date("2026-10-01T12:34:56Z")));
    expect(page.slice(0, 2)).toEqual([
      "Кубок Москвы 2026",
      "Unofficial results (not final) · generated 2026-10-01 12:34 UTC",
    ]);
    const at = (s: string) => page.indexOf(s);
    expect(at("Vault")).toBeLessThan(at("Balance beam"));
    expect(at("Balance beam")).toBeLessThan(at("All-around"));
    // The vault's first row: place, bib, name, team, D, E, score, as formatScore shows them.
    expect(page.slice(at("Note") + 1, at("Note") + 8)).toEqual([
      "1",
      "7",
      "Ольга Петрова",
      "Динамо",
      "5.200",
      "9.033",
      "14.233",
    ]);
    expect(page[at("Balance beam") + 9]).toBe("No scores yet.");
    const allAround = page.lastIndexOf("Note");
    expect(allAround).toBeGreaterThan(at("Total"));
    expect(page.slice(allAround + 1, allAround + 5)).toEqual(["1", "7", "Ольга Петрова", "Динамо"]);
    expect(page).toContain("Кубок Москвы 2026 · Unofficial results (not final)");
  });

  it("reads in Russian for a reader who reads Russian: headings, columns, status, apparatus", async () => {
    const [page = []] = await pageTexts(await resultsPdf(results, new Date("2026-10-01T12:34:56Z"), "ru"));
    expect(page[1]).toBe("Неофициальные результаты (не окончательные) · сформировано 2026-10-01 12:34 UTC");
    expect(page).toEqual(expect.arrayContaining(["Опорный прыжок", "Бревно", "Многоборье", "Место", "Спортсмен"]));
    expect(page).toContain("Оценок пока нет.");
    expect(page).not.toContain("Vault");
  });

  it("lists an all-arounder without a total after the ranked ones, with no place and what is missing; marks an overridden final", async () => {
    const missing = [
      { apparatus: "balance_beam", reason: "did_not_start" as const },
      { apparatus: "floor", reason: "no_score" as const },
    ];
    const [page = []] = await pageTexts(
      await resultsPdf({
        ...results,
        apparatus: [
          {
            apparatus: "vault",
            ranking: [
              { place: 1, athleteId: "a1", final: 14_000, e: 9_033, d: 5_200, overridden: true, athlete: olga },
            ],
          },
        ],
        all_around: [],
        all_around_unranked: [{ athleteId: "a2", subtotal: 13_900, missing, athlete: anna }],
      }),
    );
    expect(page).toContain("set by the head judge");
    const unranked = page.indexOf("Анна Смирнова", page.indexOf("All-around"));
    expect(page[unranked - 1]).toBe("12"); // the bib: no place before it
    expect(page.slice(unranked + 1, unranked + 3)).toEqual(["did not start: Balance beam", "no score yet: Floor"]);
  });

  it("has no all-around for a competition of one apparatus", async () => {
    const [page = []] = await pageTexts(await resultsPdf({ ...results, has_all_around: false }));
    expect(page).not.toContain("All-around");
  });

  it("says Official results once the results are final", async () => {
    const [page = []] = await pageTexts(await resultsPdf({ ...results, official: true }));
    expect(page[1]).toMatch(/^Official results · generated \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });
});
