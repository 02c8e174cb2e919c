// Every string a person reads comes from the message catalogue, in both languages: a key missing
// in one of them (or a placeholder one of them lacks) fails here, not on a page in front of someone.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const MESSAGES = join(import.meta.dirname, "../../web/messages");
const LANGUAGES = ["en", "ru"];

/** Each folder of catalogues (the platform's, and each area's own), with its messages per language. */
function catalogues(): [string, Record<string, Record<string, string>>][] {
  const folders = [
    MESSAGES,
    ...readdirSync(MESSAGES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(MESSAGES, e.name)),
  ];
  return folders.map((folder) => [
    folder,
    Object.fromEntries(
      LANGUAGES.map((language) => {
        const { $schema: _, ...messages } = JSON.parse(readFileSync(join(folder, `${language}.json`), "utf8"));
        return [language, messages];
      }),
    ),
  ]);
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each(catalogues())("the catalogue in %s", (_, byLanguage) => {
  const keys = [...new Set(Object.values(byLanguage).flatMap((messages) => Object.keys(messages)))];

  it.each(LANGUAGES)("has every key in %s, none of them empty", (language) => {
    const messages = byLanguage[language] ?? {};
    expect(keys.filter((key) => !messages[key]?.trim())).toEqual([]);
  });

  it("gives each message the same placeholders in every language", () => {
    const differing = keys.filter((key) => {
      const [first, ...rest] = LANGUAGES.map((language) => placeholders(byLanguage[language]?.[key] ?? ""));
      return rest.some((other) => JSON.stringify(other) !== JSON.stringify(first));
    });
    expect(differing).toEqual([]);
  });
});
