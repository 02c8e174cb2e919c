// The words of the results sheets (PDF), in each language of the web app, so that a sheet reads
// in the language of the page it was downloaded from (lib/language.ts picks it).
import type { Language } from "../lib/language";

interface ResultsWords {
  official: string;
  unofficial: string;
  generated: (stamp: string) => string;
  place: string;
  bib: string;
  athlete: string;
  team: string;
  score: string;
  total: string;
  allAround: string;
  noScores: string;
  /** After a final the head judge set in place of the computed one. */
  overridden: string;
  /** What an all-arounder without a total is missing. */
  didNotStart: string;
  noScoreYet: string;
  note: string;
  apparatus: Record<string, string>;
}

export const RESULTS_WORDS: Record<Language, ResultsWords> = {
  en: {
    official: "Official results",
    unofficial: "Unofficial results (not final)",
    generated: (stamp) => `generated ${stamp}`,
    place: "Place",
    bib: "Bib",
    athlete: "Athlete",
    team: "Team",
    score: "Score",
    total: "Total",
    allAround: "All-around",
    noScores: "No scores yet.",
    overridden: "set by the head judge",
    didNotStart: "did not start",
    noScoreYet: "no score yet",
    note: "Note",
    apparatus: {
      floor: "Floor",
      pommel_horse: "Pommel horse",
      rings: "Rings",
      vault: "Vault",
      parallel_bars: "Parallel bars",
      horizontal_bar: "Horizontal bar",
      uneven_bars: "Uneven bars",
      balance_beam: "Balance beam",
    },
  },
  ru: {
    official: "Официальные результаты",
    unofficial: "Неофициальные результаты (не окончательные)",
    generated: (stamp) => `сформировано ${stamp}`,
    place: "Место",
    bib: "Номер",
    athlete: "Спортсмен",
    team: "Команда",
    score: "Оценка",
    total: "Сумма",
    allAround: "Многоборье",
    noScores: "Оценок пока нет.",
    overridden: "установлена главным судьёй",
    didNotStart: "не стартовал(а)",
    noScoreYet: "оценки пока нет",
    note: "Примечание",
    apparatus: {
      floor: "Вольные упражнения",
      pommel_horse: "Конь",
      rings: "Кольца",
      vault: "Опорный прыжок",
      parallel_bars: "Брусья",
      horizontal_bar: "Перекладина",
      uneven_bars: "Брусья разной высоты",
      balance_beam: "Бревно",
    },
  },
};
