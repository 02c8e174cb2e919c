// Something a page loads from the API, in the states a person must be told about in words:
// loading, there, not found, not theirs to see, or failed (with the reason and a way to retry).
import { ApiProblem } from "../api";

export type Load<T> =
  | { state: "loading" }
  | { state: "ready"; value: T }
  | { state: "missing" }
  | { state: "forbidden" }
  | { state: "failed"; message: string };

export class Resource<T> {
  #load = $state.raw<Load<T>>({ state: "loading" });

  /** `fetch` is called on every reload; it may read reactive state (the page's id) to say what to load. */
  constructor(private readonly fetch: () => Promise<T>) {}

  get load(): Load<T> {
    return this.#load;
  }

  /** The value once loaded, else undefined. */
  get value(): T | undefined {
    return this.#load.state === "ready" ? this.#load.value : undefined;
  }

  async reload(): Promise<void> {
    try {
      this.#load = { state: "ready", value: await this.fetch() };
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      // An id the API cannot even read (400) names nothing that exists, as far as a person can tell.
      if (error.status === 404 || error.status === 400) this.#load = { state: "missing" };
      else if (error.status === 403) this.#load = { state: "forbidden" };
      else this.#load = { state: "failed", message: error.message };
    }
  }

  /** Shows what a change answered (the thing as it is now), without asking again. */
  set(value: T): void {
    this.#load = { state: "ready", value };
  }
}
