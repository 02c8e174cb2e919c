// One Idempotency-Key per request a person means to make: the same key whenever they send the
// same thing again (a double tap, a retry after a dropped connection, the page reloaded in
// between), a new one as soon as they send something else. Kept in the tab's sessionStorage.

type KeyStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

interface Kept {
  key: string;
  request: string;
}

/** The key for `request` in `slot` (e.g. one per event's registration form). */
export function requestKey(slot: string, request: unknown, store: KeyStore = sessionStorage): string {
  const sent = JSON.stringify(request);
  const stored = store.getItem(slot);
  const kept = stored ? (JSON.parse(stored) as Kept) : null;
  if (kept?.request === sent) return kept.key;
  const key = crypto.randomUUID();
  store.setItem(slot, JSON.stringify({ key, request: sent } satisfies Kept));
  return key;
}

/** Done with: the next request in this slot is a new one, even if it says the same (registering again after cancelling). */
export function forgetRequestKey(slot: string, store: KeyStore = sessionStorage): void {
  store.removeItem(slot);
}
