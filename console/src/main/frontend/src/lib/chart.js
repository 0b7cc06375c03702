// Geometry for the SVG charts (pure, tested): scales, line paths with gaps, nearest point.

/** A linear scale from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle. */
export function scale(d0, d1, r0, r1) {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

const round = (v) => Math.round(v * 10) / 10;

/**
 * An SVG path through the points (xs[i], ys[i]); null/NaN values break the line. A point alone
 * between gaps becomes a zero-length segment, which a round line cap draws as a dot.
 */
export function linePath(xs, ys, sx, sy) {
  let d = '';
  let open = false;
  let runStart = -1;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      if (open && runStart === i - 1) d += 'h0';
      open = false;
      continue;
    }
    const px = round(sx(xs[i]));
    const py = round(sy(y));
    if (open) {
      d += `L${px},${py}`;
    } else {
      d += `M${px},${py}`;
      open = true;
      runStart = i;
    }
  }
  if (open && runStart === xs.length - 1) d += 'h0';
  return d;
}

/** How many points a path drew (M and L commands): what the browser test compares with the API. */
export function pathPointCount(d) {
  return (d.match(/[ML]/g) || []).length;
}

/** The index of the x closest to `x` in the ascending array `xs` (-1 when empty). */
export function nearestIndex(xs, x) {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x)) return lo - 1;
  return lo;
}

/** The next index with a value in any series, moving by `delta` from `i` (for the keyboard). */
export function stepIndex(xs, i, delta) {
  if (xs.length === 0) return -1;
  if (i < 0) return delta > 0 ? 0 : xs.length - 1;
  return Math.min(xs.length - 1, Math.max(0, i + delta));
}
