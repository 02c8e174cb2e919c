// A new build deployed while a phone keeps the old app open all day (an installed judge app):
// SvelteKit notices (`updated`, from version.json: polled, and checked whenever the app comes
// back to the screen). Then the service worker is updated (it activates at once and drops the old
// cache) and the page reloads onto the new build at a safe moment: when no page holds it back
// (marks not yet confirmed, a mark half typed). Until then a banner offers to update now. What the
// outbox holds is in IndexedDB, so it survives the reload either way.

class AppUpdate {
  #ready = $state(false);
  #holds = new Set<() => boolean>();

  /** A newer build is installed and waits for a safe moment (or the person) to load. */
  get ready() {
    return this.#ready;
  }

  /** Keeps the old build loaded while `busy()` says so; returns how to let go (for `$effect`). */
  holdWhile(busy: () => boolean): () => void {
    this.#holds.add(busy);
    return () => {
      this.#holds.delete(busy);
      // After the current update: an effect that lets go only to hold again must not be left out.
      queueMicrotask(() => this.whenSafe());
    };
  }

  /** SvelteKit saw a new build: install it, then load it as soon as it is safe. */
  async install(): Promise<void> {
    if (this.#ready) return;
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.update().catch(() => {});
    this.#ready = true;
    this.whenSafe();
  }

  /** Loads the new build if it is installed and nothing holds the old one. */
  whenSafe(): void {
    if (this.#ready && ![...this.#holds].some((busy) => busy())) location.reload();
  }

  /** The person chose to update now. */
  now(): void {
    location.reload();
  }
}

export const appUpdate = new AppUpdate();
