// The logged-in person, shared by every page through Svelte context (set in the root layout).
import { createContext } from "svelte";
import type { Profile } from "../../../worker/auth/contract";
import { holdsRole, type Role } from "../../../worker/auth/rules";
import { ApiProblem, api } from "./api";
import { SESSION_ENDED_EVENT } from "./reconnect";

/** Who was logged in last, so that a page reloaded with no network (a judge's phone) still knows. */
const REMEMBERED = "podium.profile";
/**
 * A logout the server has not heard yet (the phone was offline). The session cookie is HttpOnly,
 * so only the server can end it: until it has, the logout is sent before anything else, on every
 * start and whenever the network comes back, and the page says it is still waiting.
 */
const PENDING_LOGOUT = "podium.logout-pending";

export class Session {
  #profile = $state<Profile | null>(null);
  #ready = $state(false);
  #offline = $state(false);
  #logoutPending = $state(false);

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

  /** A logout is waiting for the network: on this phone the person is out; the server does not know yet. */
  get logoutPending() {
    return this.#logoutPending;
  }

  /** Keeps the session true to the server: a queued logout is sent when the network is back; a
   * socket closed because the session ended (elsewhere) has the page ask who is logged in now. */
  listen() {
    window.addEventListener("online", () => this.refresh());
    window.addEventListener(SESSION_ENDED_EVENT, () => this.refresh());
  }

  /** Holds the role anywhere, or is a global admin, who may do everything (to show the way to its pages). */
  hasRole(role: Role) {
    return this.#profile?.roles.some((r) => r.role === role || (r.role === "admin" && r.scope === "*")) ?? false;
  }

  /** Holds the role on this scope, as the API decides (worker/auth/rules.ts): to show what it allows. */
  holds(role: Role, scope: string) {
    return holdsRole(this.#profile?.roles ?? [], role, scope);
  }

  async refresh() {
    if (localStorage.getItem(PENDING_LOGOUT) && !(await this.#sendLogout())) {
      this.#ready = true;
      return;
    }
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

  /** Logs out; with no network, out on this phone at once and on the server as soon as it can be told. */
  async logout() {
    localStorage.setItem(PENDING_LOGOUT, "1");
    this.#remember(null);
    await this.#sendLogout();
  }

  /** Tells the server; true once it knows (or had no session anyway), false while there is no network. */
  async #sendLogout(): Promise<boolean> {
    try {
      await api("POST", "/auth/logout");
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.status === 0) {
        this.#logoutPending = true;
        this.#remember(null);
        return false;
      }
      // 401: the session had already ended. Anything else: the server heard us and refused.
    }
    localStorage.removeItem(PENDING_LOGOUT);
    this.#logoutPending = false;
    return true;
  }

  #remember(profile: Profile | null) {
    this.#profile = profile;
    if (profile) localStorage.setItem(REMEMBERED, JSON.stringify(profile));
    else localStorage.removeItem(REMEMBERED);
  }
}

export const [getSession, setSession] = createContext<Session>();
