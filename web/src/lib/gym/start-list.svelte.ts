// A competition's start list, for naming the athletes that live standings list by id. Fetched
// once, and again only when the standings name someone it does not know yet (a late entry).
import type { Athlete } from "../../../../worker/gym/contract";
import { api } from "../api";

export class StartList {
  #athletes = $state.raw<Map<string, Athlete>>(new Map());
  #loading = false;

  constructor(private readonly competitionId: string) {}

  nameOf(athleteId: string): string {
    return this.#athletes.get(athleteId)?.name ?? "…";
  }

  /** Makes sure these athletes can be named. */
  know(athleteIds: readonly string[]): void {
    if (this.#loading || (this.#athletes.size > 0 && athleteIds.every((a) => this.#athletes.has(a)))) return;
    this.#loading = true;
    api<Athlete[]>("GET", `/gym/events/${this.competitionId}/athletes`)
      .then((list) => (this.#athletes = new Map(list.map((a) => [a.id, a]))))
      .finally(() => (this.#loading = false));
  }
}
