// The state of one form's submit: busy while it runs, and the API's problem when it fails.
import { ApiProblem } from "./api";

export class Submission {
  #busy = $state(false);
  #problem = $state<ApiProblem | null>(null);

  get busy() {
    return this.#busy;
  }

  /** The error for one field, as the API named it; `shown` formats a number field's bounds. */
  field(path: string, shown?: (value: number) => string) {
    return this.#problem?.field(path, shown);
  }

  /** The API's problem with the last run, for a page that words it itself (by its `reason`). */
  get problem() {
    return this.#problem;
  }

  /** The error to show above the form: anything not tied to a field. */
  get message() {
    return this.#problem && !this.#problem.problem.errors?.length ? this.#problem.message : undefined;
  }

  /** Forgets the last problem, as when the form is given something else to edit. */
  reset() {
    this.#problem = null;
  }

  /** Runs the action; true if it succeeded. Only API problems are caught: bugs stay loud. */
  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.#busy = true;
    this.#problem = null;
    try {
      await action();
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      this.#problem = error;
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
