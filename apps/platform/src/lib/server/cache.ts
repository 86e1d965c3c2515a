/**
 * A small in-process cache for values that change rarely and are read on every page (town list, data provenance).
 * Writers in this process invalidate explicitly; the TTL bounds staleness for changes made elsewhere (CLI imports,
 * other server processes).
 */
export function createCache<T>(ttlMs: number, load: () => Promise<T>) {
  let value: { data: T; expires: number } | undefined;
  let pending: Promise<T> | undefined;
  return {
    async get(): Promise<T> {
      if (value && value.expires > Date.now()) return value.data;
      pending ??= load()
        .then((data) => {
          value = { data, expires: Date.now() + ttlMs };
          return data;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    invalidate(): void {
      value = undefined;
    },
  };
}
