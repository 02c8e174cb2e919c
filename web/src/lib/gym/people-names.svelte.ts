// The names of the people a competition's audit logs credit (the head judge, the secretary, the
// judges), asked of the API as new ids turn up: the logs store who by account id.
import type { PersonName } from "../../../../worker/gym/contract";
import { api } from "../api";
import { SYSTEM_ACTOR } from "./audit-words";

export class PeopleNames {
  #names = $state.raw<ReadonlyMap<string, string>>(new Map());
  #asked = new Set<string>([SYSTEM_ACTOR]);

  constructor(private readonly competitionId: string) {}

  nameOf(id: string): string | undefined {
    return this.#names.get(id);
  }

  /** Makes sure these people can be named. */
  know(ids: readonly string[]): void {
    const fresh = [...new Set(ids)].filter((id) => !this.#asked.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.#asked.add(id);
    const query = encodeURIComponent(fresh.join(","));
    api<PersonName[]>("GET", `/gym/events/${this.competitionId}/people/names?ids=${query}`).then((people) => {
      this.#names = new Map([...this.#names, ...people.map((p): [string, string] => [p.id, p.name])]);
    });
  }
}
