// The results sheet as a PDF: the same rankings as the JSON and CSV results (resultsOf), one
// table per apparatus and then the all-around, with the names as the competition entered them.
import type { Db } from "../db";
import { type Column, renderTablesPdf } from "../lib/pdf";
import { forget, storedOr } from "../lib/stored-documents";
import type { GymResults } from "./protocol";
import { findCompetition, resultsOf } from "./results";
import { formatScore } from "./rules";

interface Entry {
  place: number;
  athleteId: string;
  athlete: { bib: number; name: string; team: string | null } | null;
}

const who: Column[] = [
  { label: "Place", width: 1.1, align: "right" },
  { label: "Bib", width: 1.1, align: "right" },
  { label: "Athlete", width: 5 },
  { label: "Team", width: 3.6 },
];
const score = (label: string): Column => ({ label, width: 1.6, align: "right" });

/** An athlete's place and name; one whose record is gone is still shown by id, not as a blank. */
const entry = (r: Entry) => [r.place, r.athlete?.bib ?? null, r.athlete?.name ?? r.athleteId, r.athlete?.team ?? null];

export function resultsPdf(results: GymResults, generatedAt: Date = new Date()): Promise<Uint8Array> {
  const status = results.official ? "Official results" : "Unofficial results (not final)";
  const stamp = `${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return renderTablesPdf({
    title: results.competition.name,
    subtitle: `${status} · generated ${stamp}`,
    // On every page, so that a page printed alone still says whether it is final.
    footer: `${results.competition.name} · ${status}`,
    sections: [
      ...results.apparatus.map((a) => ({
        heading: apparatusName(a.apparatus),
        columns: [...who, score("D"), score("E"), score("Score")],
        rows: a.ranking.map((r) => [...entry(r), formatScore(r.d), formatScore(r.e), formatScore(r.final)]),
        empty: "No scores yet.",
      })),
      {
        heading: "All-around",
        columns: [...who, score("Total")],
        rows: results.all_around.map((r) => [...entry(r), formatScore(r.total)]),
        empty: "No scores yet.",
      },
    ],
  });
}

const storedPrefix = (competitionId: string) => `gym/results/${competitionId}/`;

/**
 * The results sheet: official results are rendered once per finalizing and kept in R2 (the key
 * names when they were made final, so reopening and finalizing again makes a new one); results
 * still changing are rendered for each download.
 */
export async function resultsPdfOf(bucket: R2Bucket, db: Db, competitionId: string): Promise<Uint8Array> {
  const { finalizedAt } = await findCompetition(db, competitionId);
  const render = async () => resultsPdf(await resultsOf(db, competitionId));
  if (finalizedAt === null) return render();
  return storedOr(bucket, `${storedPrefix(competitionId)}${finalizedAt}.pdf`, render);
}

/** Drops a competition's stored results sheets (its results were reopened). */
export const forgetResultsPdf = (bucket: R2Bucket, competitionId: string) =>
  forget(bucket, storedPrefix(competitionId));

/** "pommel_horse" as a heading: "Pommel horse". */
function apparatusName(code: string): string {
  const words = code.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
