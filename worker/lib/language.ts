// The languages Podium speaks (those of the web app), and which one a download is made in: the
// page's own (`?lang=`), else the first of the browser's Accept-Language we speak, else English.
// Every area's documents (results sheets, reports) pick their words by it.

export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language asked for (the page's), else the first the browser accepts that we have, else English. */
export function languageOf(asked: string | undefined, acceptLanguage: string | undefined): Language {
  const wanted = [asked, ...(acceptLanguage ?? "").split(",").map((part) => part.split(";")[0])];
  for (const tag of wanted) {
    const base = tag?.trim().toLowerCase().split("-")[0];
    const language = LANGUAGES.find((l) => l === base);
    if (language) return language;
  }
  return "en";
}
