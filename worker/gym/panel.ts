// Competitions, apparatus and panel seats: the vocabulary of the gym area (pure).
import type { SchemaId } from "./rules";

export const DISCIPLINE_APPARATUS: Record<string, readonly string[]> = {
  MAG: ["floor", "pommel_horse", "rings", "vault", "parallel_bars", "horizontal_bar"],
  WAG: ["vault", "uneven_bars", "balance_beam", "floor"],
};

/** The seats a schema's panel has: FIG has a D panel, an E panel and reference judges. */
export const SCHEMA_SEATS: Record<SchemaId, readonly string[]> = {
  fig_artistic: ["D1", "D2", "E1", "E2", "E3", "E4", "E5", "R1", "R2"],
  drop_extremes: ["J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8", "J9"],
};

/** The scope a judge's role is granted on: exactly one seat of one apparatus's panel. */
export const seatScope = (competitionId: string, apparatus: string, position: string) =>
  `competition:${competitionId}/apparatus:${apparatus}/position:${position}`;

export const competitionScope = (competitionId: string) => `competition:${competitionId}`;

/**
 * A session's name says what it scores, so opening the same attempt twice finds the same one (and
 * the console can find a published one again from the athlete, apparatus and attempt).
 */
export const sessionName = (competitionId: string, athleteId: string, apparatus: string, attempt: number) =>
  `${competitionId}.${athleteId}.${apparatus}.${attempt}`;
