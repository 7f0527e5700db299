import { useCallback, useEffect, useState } from 'react';

interface Settled<T> {
  /** The deps (and reload tick) the result was loaded for. */
  key: unknown[];
  data?: T;
  error?: unknown;
}

const sameKey = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Runs an async loader when its deps change; exposes data, error and a reload.
 * Loading is derived (the last result was for other deps), so the effect sets
 * state only when the loader settles; the previous data stays while loading.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const key = [...deps, tick];
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setSettled({ key, data }),
      (error) => !ctl.signal.aborted && setSettled({ key, error }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, spread: `load` closes over exactly them
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = settled !== null && sameKey(settled.key, [...deps, tick]);
  return { data: settled?.data, error: current ? settled.error : undefined, loading: !current, reload };
}
