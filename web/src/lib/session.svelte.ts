// The logged-in person, shared by every page through Svelte context (set in the root layout).
import { createContext } from "svelte";
import type { Profile } from "../../../worker/auth/contract";
import { ApiProblem, api } from "./api";

export class Session {
  #profile = $state<Profile | null>(null);
  #ready = $state(false);

  get profile() {
    return this.#profile;
  }

  /** False until the first check of the session cookie has answered. */
  get ready() {
    return this.#ready;
  }

  hasRole(role: string) {
    return this.#profile?.roles.some((r) => r.role === role) ?? false;
  }

  async refresh() {
    try {
      this.#profile = await api<Profile>("GET", "/me");
    } catch (error) {
      if (!(error instanceof ApiProblem && error.status === 401)) throw error;
      this.#profile = null;
    } finally {
      this.#ready = true;
    }
  }

  async logout() {
    await api("POST", "/auth/logout").catch(() => {});
    this.#profile = null;
  }
}

export const [getSession, setSession] = createContext<Session>();
