// Time ranges of the service page, and axis ticks for the charts.
import { clock, day } from './format.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The longest range the service page asks for (the aggregator keeps hour rollups a little longer). */
export const MAX_RANGE = 30 * DAY;

/** The range buttons of the service page, shortest first. */
export const PRESETS = [
  { key: '1h', label: '1 hour', ms: HOUR },
  { key: '6h', label: '6 hours', ms: 6 * HOUR },
  { key: '24h', label: '24 hours', ms: DAY },
  { key: '7d', label: '7 days', ms: 7 * DAY },
  { key: '30d', label: '30 days', ms: 30 * DAY },
];
export const DEFAULT_PRESET = '1h';

/**
 * The range a page shows: a preset sliding with `now` ("live"), or fixed bounds from the route
 * (e.g. an alert's time). Bad or missing parameters fall back to the default preset; fixed ranges
 * are clipped to MAX_RANGE (keeping their end) and never end after `now`.
 * Answers { from, to, preset, live, clipped }.
 */
export function resolveRange(params, now) {
  const from = params?.from != null ? Number(params.from) : NaN;
  const to = params?.to != null ? Number(params.to) : NaN;
  if (Number.isFinite(from) && Number.isFinite(to) && to > from) {
    const end = Math.min(to, now);
    let start = Math.min(from, end - MINUTE);
    let clipped = false;
    if (end - start > MAX_RANGE) {
      start = end - MAX_RANGE;
      clipped = true;
    }
    return { from: start, to: end, preset: null, live: false, clipped };
  }
  const preset = PRESETS.find((p) => p.key === params?.range) || PRESETS.find((p) => p.key === DEFAULT_PRESET);
  return { from: now - preset.ms, to: now, preset: preset.key, live: true, clipped: false };
}

/** The range around an alert: from 30 min before it started to 15 min after it ended (or now), at least 1 h. */
export function alertRange(startsAt, endsAt, now) {
  const end = Math.min(now, (endsAt ?? now) + 15 * MINUTE);
  let start = (startsAt ?? now) - 30 * MINUTE;
  if (end - start < HOUR) start = end - HOUR;
  if (end - start > MAX_RANGE) start = end - MAX_RANGE;
  return { from: Math.floor(start / MINUTE) * MINUTE, to: Math.ceil(end / MINUTE) * MINUTE };
}

/** Values from an HTML datetime-local input ("2024-03-04T14:05") in local time, as epoch ms; null if unreadable. */
export function fromLocalInput(value) {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : t;
}

/** Epoch ms as an HTML datetime-local value in local time. */
export function toLocalInput(epochMs) {
  const d = new Date(epochMs);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Round, readable ticks covering [min, max]: about `count` of them, on 1, 2, 2.5 or 5 times a power of ten. */
export function niceTicks(min, max, count = 5) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9));
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks = [];
  for (let v = first; v <= max + step * 1e-9; v += step) {
    // Avoid 0.30000000000000004.
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/** The y domain for a chart: [min, max] of the values, widened to nice ticks; zero-based on request. */
export function yDomain(values, { zero = false, min: floor, max: ceiling, minSpan = 0 } = {}) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) return { min: zero ? 0 : floor ?? 0, max: ceiling ?? 1, ticks: niceTicks(zero ? 0 : floor ?? 0, ceiling ?? 1) };
  if (zero) lo = Math.min(0, lo);
  if (hi - lo < minSpan) {
    // Keep a flat line near 100% from looking like a cliff: show at least minSpan.
    lo = hi - minSpan;
  }
  if (floor !== undefined) lo = Math.max(floor, lo);
  if (ceiling !== undefined) hi = Math.min(ceiling, hi);
  if (hi <= lo) hi = lo + (minSpan || 1);
  const ticks = niceTicks(lo, hi, 4);
  const min = Math.min(lo, ticks[0]);
  const max = Math.max(hi, ticks[ticks.length - 1]);
  return { min: floor !== undefined ? Math.max(floor, min) : min, max: ceiling !== undefined ? Math.min(ceiling, max) : max, ticks: ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12) };
}

const TIME_STEPS = [
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY,
];

/**
 * Time ticks for [from, to]: about `count` of them on round local times, labelled with the time of
 * day, or the date for steps of a day or more (and at midnight).
 */
export function timeTicks(from, to, count = 6) {
  if (!(to > from)) return [];
  const raw = (to - from) / Math.max(1, count);
  const step = TIME_STEPS.find((s) => s >= raw) ?? TIME_STEPS[TIME_STEPS.length - 1];
  // Round in local time: shift by the zone offset so that e.g. 6 h steps land on 00, 06, 12, 18.
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  let t = Math.ceil((from - offset) / step) * step + offset;
  const ticks = [];
  for (; t <= to; t += step) {
    const d = new Date(t);
    const midnight = d.getHours() === 0 && d.getMinutes() === 0;
    ticks.push({ t, label: step >= DAY || midnight ? day(t) : clock(t) });
  }
  return ticks;
}
