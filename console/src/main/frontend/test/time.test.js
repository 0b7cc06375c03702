import { describe, expect, it } from 'vitest';
import { alertRange, DAY, HOUR, MAX_RANGE, MINUTE, niceTicks, resolveRange, timeTicks, yDomain } from '../src/lib/time.js';

const NOW = Date.UTC(2024, 2, 4, 14, 5, 30);

describe('ranges', () => {
  it('defaults to the last hour, live', () => {
    expect(resolveRange({}, NOW)).toEqual({ from: NOW - HOUR, to: NOW, preset: '1h', live: true, clipped: false });
    expect(resolveRange({ range: 'nonsense' }, NOW).preset).toBe('1h');
  });

  it('takes a preset', () => {
    const r = resolveRange({ range: '7d' }, NOW);
    expect(r.to - r.from).toBe(7 * DAY);
    expect(r.live).toBe(true);
  });

  it('takes fixed bounds, clipped to 30 days and to now', () => {
    const r = resolveRange({ from: String(NOW - 2 * HOUR), to: String(NOW - HOUR) }, NOW);
    expect(r).toMatchObject({ from: NOW - 2 * HOUR, to: NOW - HOUR, live: false, clipped: false });
    const long = resolveRange({ from: String(NOW - 60 * DAY), to: String(NOW + HOUR) }, NOW);
    expect(long.to).toBe(NOW);
    expect(long.to - long.from).toBe(MAX_RANGE);
    expect(long.clipped).toBe(true);
  });

  it('ignores fixed bounds in the wrong order', () => {
    expect(resolveRange({ from: String(NOW), to: String(NOW - HOUR) }, NOW).live).toBe(true);
  });

  it('frames an alert with context before and after, at least an hour, on whole minutes', () => {
    const start = NOW - 3 * HOUR;
    const end = NOW - HOUR;
    const r = alertRange(start, end, NOW);
    expect(r.from).toBe(Math.floor((start - 30 * MINUTE) / MINUTE) * MINUTE);
    expect(r.to).toBe(Math.ceil((end + 15 * MINUTE) / MINUTE) * MINUTE);
    const firing = alertRange(NOW - 5 * MINUTE, null, NOW);
    expect(firing.to).toBe(Math.ceil(NOW / MINUTE) * MINUTE);
    expect(firing.to - firing.from).toBeGreaterThanOrEqual(HOUR);
  });
});

describe('ticks', () => {
  it('picks round steps', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.998, 1, 4)).toEqual([0.998, 0.9985, 0.999, 0.9995, 1]);
    expect(niceTicks(3, 3)).toEqual(niceTicks(2.7, 3.3));
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('gives a zero-based domain for latencies and a near-100% one for availability', () => {
    const lat = yDomain([12, 40, null, 95], { zero: true });
    expect(lat.min).toBe(0);
    expect(lat.max).toBeGreaterThanOrEqual(95);
    const av = yDomain([1, 1, 0.9995], { max: 1, minSpan: 0.002 });
    expect(av.max).toBe(1);
    expect(av.min).toBeLessThanOrEqual(0.998);
    expect(av.min).toBeGreaterThan(0.99);
    for (const t of av.ticks) {
      expect(t).toBeGreaterThanOrEqual(av.min);
      expect(t).toBeLessThanOrEqual(1);
    }
    expect(yDomain([null, null], { zero: true })).toMatchObject({ min: 0, max: 1 });
  });

  it('puts time ticks on round times inside the range', () => {
    const from = NOW - HOUR;
    const ticks = timeTicks(from, NOW, 6);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) {
      expect(t.t).toBeGreaterThanOrEqual(from);
      expect(t.t).toBeLessThanOrEqual(NOW);
      expect(new Date(t.t).getMinutes() % 10).toBe(0);
      expect(t.label).toMatch(/^\d\d:\d\d$|^[A-Z][a-z]{2} \d+$/);
    }
    const days = timeTicks(NOW - 30 * DAY, NOW, 6);
    expect(days.every((t) => /^[A-Z][a-z]{2} \d+$/.test(t.label))).toBe(true);
  });
});
