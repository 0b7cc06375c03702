// Preset ranges (live) and a custom from/to (fixed), as links so that every view can be shared.
import { useState } from 'preact/hooks';
import { PRESETS, fromLocalInput, toLocalInput, MAX_RANGE } from '../lib/time.js';
import { serviceHref } from '../lib/route.js';
import { duration } from '../lib/format.js';

export function RangePicker({ service, range, slo }) {
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  const [error, setError] = useState(null);
  const apply = (e) => {
    e.preventDefault();
    const f = fromLocalInput(from);
    const t = fromLocalInput(to);
    if (f === null || t === null) return setError('Enter both times.');
    if (t <= f) return setError('“To” must be after “From”.');
    if (t - f > MAX_RANGE) return setError(`At most ${duration(MAX_RANGE)}.`);
    setError(null);
    window.location.hash = serviceHref(service, { from: f, to: t, slo });
    return undefined;
  };
  return (
    <div class="range">
      <nav aria-label="Time range" class="presets">
        {PRESETS.map((p) => (
          <a key={p.key} href={serviceHref(service, { range: p.key, slo })} class="preset" aria-current={range.preset === p.key ? 'true' : undefined}>
            {p.key}
          </a>
        ))}
      </nav>
      <form class="custom" onSubmit={apply}>
        <label>From <input type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></label>
        <label>To <input type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} /></label>
        <button type="submit">Show</button>
        {error && <span class="form-error" role="alert">{error}</span>}
      </form>
    </div>
  );
}
