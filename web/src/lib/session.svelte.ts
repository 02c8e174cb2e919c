// The logged-in person, shared by every page through Svelte context (set in the root layout).
import { createContext } from "svelte";
import type { Profile } from "../../../worker/auth/contract";
import { ApiProblem, api } from "./api";

/** Who was logged in last, so that a page reloaded with no network (a judge's phone) still knows. */
const REMEMBERED = "podium.profile";

export class Session {
  #profile = $state<Profile | null>(null);
  #ready = $state(false);
  #offline = $state(false);

  get profile() {
    return this.#profile;
  }

  /** False until the first check of the session cookie has answered. */
  get ready() {
    return this.#ready;
  }

  /** True when the last check could not reach the server, so the profile is the remembered one. */
  get offline() {
    return this.#offline;
  }

  hasRole(role: string) {
    return this.#profile?.roles.some((r) => r.role === role) ?? false;
  }

  async refresh() {
    try {
      this.#remember(await api<Profile>("GET", "/me"));
      this.#offline = false;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.status === 0) {
        // No network: the server will still check every call; the page just knows who this is.
        this.#offline = true;
        const remembered = localStorage.getItem(REMEMBERED);
        this.#profile = remembered ? (JSON.parse(remembered) as Profile) : null;
      } else if (error.status === 401) {
        this.#remember(null);
      } else {
        throw error;
      }
    } finally {
      this.#ready = true;
    }
  }

  async logout() {
    await api("POST", "/auth/logout").catch(() => {});
    this.#remember(null);
  }

  #remember(profile: Profile | null) {
    this.#profile = profile;
    if (profile) localStorage.setItem(REMEMBERED, JSON.stringify(profile));
    else localStorage.removeItem(REMEMBERED);
  }
}

export const [getSession, setSession] = createContext<Session>();
