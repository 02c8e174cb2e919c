// A role's scope in words: "competition:7a351e34/apparatus:floor/position:E2" reads as
// "Кубок Москвы · Floor · Seat E2". Competitions are named by the API, asked once per id.
import type { CompetitionName } from "../../../worker/gym/contract";
import { api } from "./api";
import { apparatusName } from "./gym/names";
import { m } from "./paraglide/messages";

const segments = (scope: string) => scope.split("/").map((segment) => segment.split(":") as [string, string]);

export class ScopeWords {
  #competitions = $state.raw<ReadonlyMap<string, string>>(new Map());
  #asked = new Set<string>();

  /** Makes sure the competitions these scopes name can be named. */
  know(scopes: readonly string[]): void {
    const ids = scopes.flatMap((scope) =>
      segments(scope)
        .filter(([kind]) => kind === "competition")
        .map(([, id]) => id),
    );
    const fresh = [...new Set(ids)].filter((id) => !this.#asked.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.#asked.add(id);
    api<CompetitionName[]>("GET", `/gym/event-names?ids=${encodeURIComponent(fresh.join(","))}`).then((found) => {
      this.#competitions = new Map([...this.#competitions, ...found.map((c): [string, string] => [c.id, c.name])]);
    });
  }

  describe(scope: string): string {
    if (scope === "*") return m.scope_global();
    return segments(scope)
      .map(([kind, id]) => {
        switch (kind) {
          case "competition":
            return this.#competitions.get(id) ?? m.scope_competition({ id });
          case "apparatus":
            return apparatusName(id);
          case "position":
            return m.judge_seat({ position: id });
          case "event":
            return m.scope_event({ id });
          default:
            return `${kind} ${id}`;
        }
      })
      .join(" · ");
  }
}
