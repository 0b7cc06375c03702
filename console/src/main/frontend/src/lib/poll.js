// Live data: run a loader now and every few seconds, keep the last good answer while the next one
// loads (no flicker, no spinner after the first load), pause while the tab is hidden.
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * `load(signal)` answers an object of results (from api.js); `key` restarts polling when the
 * question changes (e.g. another service or range). Returns { results, loading, updatedAt }:
 * each result keeps its last good data (`data`) alongside its latest outcome.
 */
export function usePoll(load, key, intervalMs) {
  const [state, setState] = useState({ results: {}, loading: true, updatedAt: null, key });
  const loadRef = useRef(load);
  loadRef.current = load;
  const askedKey = useRef(key);

  useEffect(() => {
    let stopped = false;
    let timer = null;
    let controller = null;
    // A new question: forget the old answers rather than show another range's or service's data.
    // A new interval alone (the settings arrived) keeps them: nothing may blink.
    if (askedKey.current !== key) {
      askedKey.current = key;
      setState({ results: {}, loading: true, updatedAt: null, key });
    }

    const tick = async () => {
      if (stopped) return;
      if (typeof document !== 'undefined' && document.hidden) {
        timer = setTimeout(tick, intervalMs);
        return;
      }
      controller = new AbortController();
      let latest;
      try {
        latest = await loadRef.current(controller.signal);
      } catch (e) {
        if (e?.name === 'AbortError' || stopped) return;
        latest = {};
      }
      if (stopped) return;
      setState((prev) => ({ results: mergeResults(prev.results, latest), loading: false, updatedAt: Date.now(), key }));
      timer = setTimeout(tick, intervalMs);
    };
    const onVisible = () => {
      if (!document.hidden && timer !== null) {
        clearTimeout(timer);
        tick();
      }
    };
    tick();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, intervalMs]);

  return state;
}

/**
 * Merge a round of results into the previous ones: a failed result keeps the previous data (marked
 * with its failure and when the data was last good), a good one replaces it.
 */
export function mergeResults(previous, latest) {
  const merged = { ...previous };
  for (const [name, r] of Object.entries(latest || {})) {
    if (!r) continue;
    const before = previous?.[name];
    merged[name] = r.ok
      ? { ...r, goodAt: Date.now() }
      : { ...r, data: before?.data ?? null, goodAt: before?.goodAt ?? null };
  }
  return merged;
}
