// The results sheet as a PDF: the same rankings as the JSON and CSV results (resultsOf), one
// table per apparatus and then the all-around, with the names as the competition entered them,
// in the reader's language (results-words.ts).
import type { Db } from "../db";
import type { Language } from "../lib/language";
import { type Column, renderTablesPdf } from "../lib/pdf";
import { forget, storedOr } from "../lib/stored-documents";
import type { GymResults } from "./protocol";
import { findCompetition, resultsOf } from "./results";
import { RESULTS_WORDS } from "./results-words";
import { formatScore } from "./rules";

interface Entry {
  /** Null for an all-arounder without a total: listed, but not ranked. */
  place: number | null;
  athleteId: string;
  athlete: { bib: number; name: string; team: string | null } | null;
}

const score = (label: string): Column => ({ label, width: 1.6, align: "right" });

/** An athlete's place and name; one whose record is gone is still shown by id, not as a blank. */
const entry = (r: Entry) => [r.place, r.athlete?.bib ?? null, r.athlete?.name ?? r.athleteId, r.athlete?.team ?? null];

export function resultsPdf(
  results: GymResults,
  generatedAt: Date = new Date(),
  language: Language = "en",
): Promise<Uint8Array> {
  const words = RESULTS_WORDS[language];
  const who: Column[] = [
    { label: words.place, width: 1.5, align: "right" },
    { label: words.bib, width: 1.1, align: "right" },
    { label: words.athlete, width: 4.2 },
    { label: words.team, width: 3 },
  ];
  const status = results.official ? words.official : words.unofficial;
  const apparatusName = (code: string) => words.apparatus[code] ?? unsnaked(code);
  const missingWord = { did_not_start: words.didNotStart, no_score: words.noScoreYet };
  /** What an all-arounder lacks, a line per reason: "did not start: Balance beam, Floor". */
  const missingLines = (missing: GymResults["all_around_unranked"][number]["missing"]) =>
    (["did_not_start", "no_score"] as const).flatMap((reason) => {
      const names = missing.filter((m) => m.reason === reason).map((m) => apparatusName(m.apparatus));
      return names.length > 0 ? [`${missingWord[reason]}: ${names.join(", ")}`] : [];
    });
  const note: Column = { label: words.note, width: 4.6 };
  const stamp = `${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return renderTablesPdf({
    title: results.competition.name,
    subtitle: `${status} · ${words.generated(stamp)}`,
    // On every page, so that a page printed alone still says whether it is final.
    footer: `${results.competition.name} · ${status}`,
    sections: [
      ...results.apparatus.map((a) => ({
        heading: apparatusName(a.apparatus),
        columns: [...who, score("D"), score("E"), score(words.score), note],
        rows: a.ranking.map((r) => [
          ...entry(r),
          formatScore(r.d),
          formatScore(r.e),
          formatScore(r.final),
          // D + E − ND no longer adds up to an overridden final: the sheet says why.
          r.overridden ? words.overridden : null,
        ]),
        empty: words.noScores,
      })),
      ...(results.has_all_around
        ? [
            {
              heading: words.allAround,
              // The same 19 shares as an apparatus's table: the note takes the room of D and E.
              columns: [...who, score(words.total), { ...note, width: 7.8 }],
              rows: [
                ...results.all_around.map((r) => [...entry(r), formatScore(r.total), null]),
                // Without a score on every apparatus: no total and no place, what is missing instead,
                // one reason per line (a cell is one line, and six apparatus do not fit in one).
                ...results.all_around_unranked.flatMap((r) =>
                  missingLines(r.missing).map((text, line) => [
                    ...(line === 0 ? entry({ ...r, place: null }) : [null, null, null, null]),
                    null,
                    text,
                  ]),
                ),
              ],
              empty: words.noScores,
            },
          ]
        : []),
    ],
  });
}

const storedPrefix = (competitionId: string) => `gym/results/${competitionId}/`;

/**
 * The results sheet in a language: official results are rendered once per finalizing and
 * language, and kept in R2 (the key names when they were made final, so reopening and finalizing
 * again makes a new one); results still changing are rendered for each download.
 */
export async function resultsPdfOf(
  bucket: R2Bucket,
  db: Db,
  competitionId: string,
  language: Language,
): Promise<Uint8Array> {
  const { finalizedAt } = await findCompetition(db, competitionId);
  const render = async () => resultsPdf(await resultsOf(db, competitionId), new Date(), language);
  if (finalizedAt === null) return render();
  return storedOr(bucket, `${storedPrefix(competitionId)}${finalizedAt}.${language}.pdf`, render);
}

/** Drops a competition's stored results sheets (its results were reopened). */
export const forgetResultsPdf = (bucket: R2Bucket, competitionId: string) =>
  forget(bucket, storedPrefix(competitionId));

/** An apparatus of another discipline, as a heading: "tumbling_track" → "Tumbling track". */
function unsnaked(code: string): string {
  const words = code.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
