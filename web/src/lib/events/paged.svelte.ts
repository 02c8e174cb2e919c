// A keyset-paginated list of the API ({items, next_cursor}), shown a page at a time with "show
// more". A search typed quickly asks several times: only the answer to the latest question counts.
import { ApiProblem, api } from "../api";

const PAGE_SIZE = 50;

export class Paged<T> {
  #items = $state.raw<T[] | null>(null);
  #next = $state<string | null>(null);
  #busy = $state(false);
  #problem = $state<string | undefined>();
  #asked = 0;

  /** `path` gives the list's path with its query (no cursor, no limit); it may read the page's filters. */
  constructor(private readonly path: () => string) {}

  /** The items so far; null until the first page answered. */
  get items(): T[] | null {
    return this.#items;
  }
  get hasMore(): boolean {
    return this.#next !== null;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get problem(): string | undefined {
    return this.#problem;
  }

  /** Asks for the first page again (the filters changed, or something was changed). */
  reload(): Promise<void> {
    return this.#fetch(null);
  }

  more(): Promise<void> {
    return this.#next === null ? Promise.resolve() : this.#fetch(this.#next);
  }

  /** Shows an item as a change answered it, in its place. */
  replace(item: T, same: (a: T, b: T) => boolean): void {
    this.#items = this.#items?.map((i) => (same(i, item) ? item : i)) ?? null;
  }

  async #fetch(cursor: string | null): Promise<void> {
    const asked = ++this.#asked;
    const path = this.path();
    const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    this.#busy = true;
    try {
      const page = await api<{ items: T[]; next_cursor: string | null }>(
        "GET",
        `${path}${path.includes("?") ? "&" : "?"}${query}`,
      );
      if (asked !== this.#asked) return;
      this.#items = cursor === null ? page.items : [...(this.#items ?? []), ...page.items];
      this.#next = page.next_cursor;
      this.#problem = undefined;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (asked === this.#asked) this.#problem = error.message;
    } finally {
      if (asked === this.#asked) this.#busy = false;
    }
  }
}
