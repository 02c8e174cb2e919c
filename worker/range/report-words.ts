// The words of a session's PDF report, in each language of the web app, so that the report reads
// in the language of the page it was asked from.
import type { Discipline } from "./rules";

export const REPORT_LANGUAGES = ["en", "ru"] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

interface SessionWords {
  title: (discipline: string) => string;
  session: string;
  figure: string;
  value: string;
  shooter: string;
  lane: string;
  started: string;
  ended: string;
  matchShots: string;
  sighters: string;
  total: string;
  rings: string;
  average: string;
  tens: string;
  innerTens: string;
  centre: string;
  spread: string;
  series: string;
  seriesN: (n: number) => string;
  shots: string;
  noShots: string;
  targets: string;
  allMatchShots: string;
  /** A drawing's scale, e.g. 2:1 (drawn twice life size) or 1:4. */
  scale: (ratio: string) => string;
  /** Shots outside the drawn face (misses far off). */
  offFace: (n: number) => string;
  mm: (value: string) => string;
  disciplines: Record<Discipline, string>;
}

export const SESSION_WORDS: Record<ReportLanguage, SessionWords> = {
  en: {
    title: (discipline) => `Shooting session · ${discipline}`,
    session: "The session",
    figure: "Figure",
    value: "Value",
    shooter: "Shooter",
    lane: "Lane",
    started: "Started (UTC)",
    ended: "Ended (UTC)",
    matchShots: "Match shots",
    sighters: "Sighters",
    total: "Total",
    rings: "Rings",
    average: "Average",
    tens: "Tens",
    innerTens: "Inner tens",
    centre: "Group centre",
    spread: "Spread",
    series: "Series of 10",
    seriesN: (n) => `Series ${n}`,
    shots: "Shots",
    noShots: "No match shots were recorded in this session.",
    targets: "Targets",
    allMatchShots: "All match shots",
    scale: (ratio) => `scale ${ratio}`,
    offFace: (n) => `${n} off the face`,
    mm: (value) => `${value} mm`,
    disciplines: {
      air_rifle_10m: "10 m air rifle",
      air_pistol_10m: "10 m air pistol",
      pistol_25m: "25 m pistol",
      rifle_50m: "50 m rifle",
    },
  },
  ru: {
    title: (discipline) => `Стрелковая сессия · ${discipline}`,
    session: "Сессия",
    figure: "Показатель",
    value: "Значение",
    shooter: "Стрелок",
    lane: "Дорожка",
    started: "Начало (UTC)",
    ended: "Конец (UTC)",
    matchShots: "Зачётные выстрелы",
    sighters: "Пробные",
    total: "Сумма",
    rings: "Кольца",
    average: "Средний",
    tens: "Десятки",
    innerTens: "Внутренние десятки",
    centre: "Центр группы",
    spread: "Разброс",
    series: "Серии по 10",
    seriesN: (n) => `Серия ${n}`,
    shots: "Выстрелы",
    noShots: "В этой сессии нет зачётных выстрелов.",
    targets: "Мишени",
    allMatchShots: "Все зачётные выстрелы",
    scale: (ratio) => `масштаб ${ratio}`,
    offFace: (n) => `вне мишени: ${n}`,
    mm: (value) => `${value} мм`,
    disciplines: {
      air_rifle_10m: "Пневматическая винтовка, 10 м",
      air_pistol_10m: "Пневматический пистолет, 10 м",
      pistol_25m: "Пистолет, 25 м",
      rifle_50m: "Винтовка, 50 м",
    },
  },
};
