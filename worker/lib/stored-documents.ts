// Documents that stop changing (official results once final) are made once and kept in R2, so a
// download costs a read instead of half a second of PDF rendering. Keys name what the document
// depends on, so a changed source gets a new key; `forget` drops the old ones.

/** The stored bytes under `key`, or what `make` gives, stored under it first. */
export async function storedOr(bucket: R2Bucket, key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const kept = await bucket.get(key);
  if (kept) return new Uint8Array(await kept.arrayBuffer());
  const bytes = await make();
  await bucket.put(key, bytes);
  return bytes;
}

/** Drops every document stored under a prefix (e.g. a competition's results when they reopen). */
export async function forget(bucket: R2Bucket, prefix: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor && { cursor }) });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
