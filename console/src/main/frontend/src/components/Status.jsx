// Status badges and the strip that says where the data comes from and whether it is current.
import { STATUS } from '../lib/shape.js';
import { ago, clock } from '../lib/format.js';

const ICON = { critical: '●', warning: '▲', stale: '○', unknown: '?', ok: '✓' };

/** A service's status: colour, shape and words (never colour alone). */
export function StatusBadge({ status }) {
  const s = STATUS[status] ?? STATUS.stale;
  return (
    <span class={`badge st-${status}`} title={s.description} data-status={status}>
      <span aria-hidden="true">{ICON[status]}</span> {s.label}
    </span>
  );
}

/**
 * One line per upstream: reachable and current, or unreachable (with since when the shown data is).
 * `sources`: [{ name: 'sli-aggregator', results: [result, ...] }].
 */
export function SourceStatus({ sources, now, loading }) {
  return (
    <ul class="sources" aria-label="Data sources">
      {sources.map(({ name, results }) => {
        const present = results.filter(Boolean);
        const failed = present.find((r) => !r.ok);
        const unreachable = present.find((r) => r.unreachable);
        const stale = present.find((r) => r.ok && r.stale);
        const goodAt = Math.min(...present.map((r) => r.goodAt ?? Infinity));
        let state = 'ok';
        let text = 'live';
        if (loading && present.length === 0) {
          state = 'loading';
          text = 'loading…';
        } else if (unreachable) {
          state = 'down';
          text = `unreachable${Number.isFinite(goodAt) ? ` — showing data from ${clock(goodAt, true)}` : ''}`;
        } else if (failed) {
          state = 'degraded';
          text = `${failed.problem?.title ?? 'error'}${failed.problem?.detail ? `: ${failed.problem.detail}` : ''}`;
        } else if (stale) {
          state = 'degraded';
          text = `stale: served by a standby (${stale.stale})`;
        } else if (Number.isFinite(goodAt)) {
          text = `live, updated ${ago(goodAt, now)}`;
        }
        return (
          <li key={name} class={`source src-${state}`} data-source={name} data-state={state}>
            <span class="dot" aria-hidden="true" />
            <span><b>{name}</b>: {text}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A message box for a failed answer (problem+json), when there is no older data to show. */
export function Problem({ result, what }) {
  if (!result || result.ok) return null;
  const p = result.problem ?? {};
  return (
    <div class={`notice ${result.unreachable ? 'notice-down' : 'notice-error'}`} role="alert">
      <b>{result.unreachable ? `${what}: unreachable` : `${what}: ${p.title ?? `HTTP ${result.status}`}`}</b>
      {p.detail && <span> — {p.detail}</span>}
    </div>
  );
}
