// A small SVG time-series chart: axes, grid, lines with gaps, reference lines, a highlighted band
// (an alert's time), a crosshair with the values (mouse, touch or arrow keys), and the numbers
// as a table for screen readers and for anyone who wants them.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { linePath, nearestIndex, scale, stepIndex } from '../lib/chart.js';
import { dateTime, trimZeros } from '../lib/format.js';
import { timeTicks, yDomain } from '../lib/time.js';

const MARGIN = { top: 10, right: 14, bottom: 24, left: 62 };

function useWidth(ref, fallback) {
  const [width, setWidth] = useState(fallback);
  // Measured before the first paint, so that a chart never shows (or overflows) at the fallback width.
  useLayoutEffect(() => {
    const w = ref.current?.clientWidth;
    if (w > 0) setWidth(w);
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w > 0) setWidth((prev) => (Math.abs(prev - w) >= 1 ? w : prev));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return width;
}

/**
 * props: id, title, x (epoch ms[]), from, to, series [{ key, label, values, dash? }],
 * format(v), domain options for yDomain ({ zero, min, max, minSpan } and `include`: values the axis must show),
 * refLines [{ value, label }],
 * band { from, to, label }, height.
 */
export function Chart({ id, title, x, from, to, series, format, domain = {}, refLines = [], band, height = 200, summary }) {
  const box = useRef(null);
  const width = useWidth(box, 640);
  const [active, setActive] = useState(-1);
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = height - MARGIN.top - MARGIN.bottom;

  const allValues = useMemo(() => series.flatMap((s) => s.values).concat(refLines.map((r) => r.value), domain.include ?? []),
    [series, refLines, domain.include]);
  const y = useMemo(() => yDomain(allValues, domain), [allValues, domain.zero, domain.min, domain.max, domain.minSpan]);
  const sx = scale(from, to, MARGIN.left, MARGIN.left + innerW);
  const sy = scale(y.min, y.max, MARGIN.top + innerH, MARGIN.top);
  const xt = timeTicks(from, to, Math.max(2, Math.floor(innerW / 85)));
  const hasData = series.some((s) => s.values.some((v) => typeof v === 'number'));
  const index = active >= 0 && active < x.length ? active : -1;

  const onPointer = (e) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * width;
    const t = from + ((px - MARGIN.left) / innerW) * (to - from);
    setActive(nearestIndex(x, t));
  };
  const onKey = (e) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10 };
    if (e.key in moves) setActive((i) => stepIndex(x, i, moves[e.key]));
    else if (e.key === 'Home') setActive(x.length ? 0 : -1);
    else if (e.key === 'End') setActive(x.length - 1);
    else if (e.key === 'Escape') setActive(-1);
    else return;
    e.preventDefault();
  };

  const label = `${title}: ${summary ?? (hasData ? `${x.length} points from ${dateTime(from)} to ${dateTime(to)}` : 'no data in this range')}`;
  const tipLeft = index >= 0 ? Math.min(Math.max(sx(x[index]) / width, 0.1), 0.75) : 0;

  return (
    <figure class="chart" data-chart={id}>
      <figcaption class="chart-title">
        <span>{title}</span>
        <span class="legend" aria-hidden="true">
          {series.map((s) => (
            <span key={s.key} class="legend-item">
              <svg width="22" height="8"><line x1="1" y1="4" x2="21" y2="4" class={`line s-${s.key}`} stroke-dasharray={s.dash} /></svg>
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div class="chart-box" ref={box}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={label}
          tabIndex={0}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onPointerLeave={() => setActive(-1)}
          onKeyDown={onKey}
          onBlur={() => setActive(-1)}
          data-points={x.length}
        >
          {band && band.to > from && band.from < to && (
            <rect
              class="band"
              x={sx(Math.max(band.from, from))}
              y={MARGIN.top}
              width={Math.max(2, sx(Math.min(band.to, to)) - sx(Math.max(band.from, from)))}
              height={innerH}
            ><title>{band.label}</title></rect>
          )}
          {y.ticks.map((t) => (
            <g key={`y${t}`} class="tick">
              <line x1={MARGIN.left} x2={MARGIN.left + innerW} y1={sy(t)} y2={sy(t)} class="grid" />
              <text x={MARGIN.left - 6} y={sy(t)} dy="0.32em" text-anchor="end">{trimZeros(format(t))}</text>
            </g>
          ))}
          {xt.map((t) => (
            <g key={`x${t.t}`} class="tick">
              <line x1={sx(t.t)} x2={sx(t.t)} y1={MARGIN.top + innerH} y2={MARGIN.top + innerH + 4} class="axis" />
              <text x={sx(t.t)} y={MARGIN.top + innerH + 16} text-anchor="middle">{t.label}</text>
            </g>
          ))}
          <line x1={MARGIN.left} x2={MARGIN.left + innerW} y1={MARGIN.top + innerH} y2={MARGIN.top + innerH} class="axis" />
          {refLines.map((r) => (
            <g key={`r${r.label}`} class="ref">
              <line x1={MARGIN.left} x2={MARGIN.left + innerW} y1={sy(r.value)} y2={sy(r.value)} />
              <text x={MARGIN.left + innerW - 4} y={sy(r.value) - 4} text-anchor="end">{r.label}</text>
            </g>
          ))}
          {series.map((s) => (
            <path key={s.key} class={`line s-${s.key}`} d={linePath(x, s.values, sx, sy)} stroke-dasharray={s.dash} data-series={s.key} />
          ))}
          {!hasData && (
            <text class="empty" x={MARGIN.left + innerW / 2} y={MARGIN.top + innerH / 2} text-anchor="middle">No data in this range</text>
          )}
          {index >= 0 && (
            <g class="cursor">
              <line x1={sx(x[index])} x2={sx(x[index])} y1={MARGIN.top} y2={MARGIN.top + innerH} />
              {series.map((s) => (typeof s.values[index] === 'number'
                ? <circle key={s.key} class={`dot s-${s.key}`} cx={sx(x[index])} cy={sy(s.values[index])} r="3.5" />
                : null))}
            </g>
          )}
        </svg>
        {index >= 0 && (
          <div class="tip" style={{ left: `${tipLeft * 100}%` }} aria-live="polite">
            <div class="tip-time">{dateTime(x[index])}</div>
            {series.map((s) => (
              <div key={s.key} class="tip-row"><span class={`swatch s-${s.key}`} />{s.label}: <b>{format(s.values[index])}</b></div>
            ))}
          </div>
        )}
      </div>
      <details class="chart-data">
        <summary>Numbers of “{title}”</summary>
        <div class="table-scroll">
          <table class="data" data-chart-table={id}>
            <caption class="sr-only">{title}, one row per point</caption>
            <thead>
              <tr><th scope="col">Start</th>{series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}</tr>
            </thead>
            <tbody>
              {x.map((t, i) => (
                <tr key={t} data-t={t}>
                  <th scope="row">{dateTime(t)}</th>
                  {series.map((s) => <td key={s.key} data-series={s.key} data-v={s.values[i] ?? ''}>{format(s.values[i])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
