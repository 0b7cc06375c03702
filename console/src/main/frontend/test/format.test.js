import { describe, expect, it } from 'vitest';
import { ago, count, duration, ms, parseDuration, pct, rate, toEpoch, trimZeros, windowLabel } from '../src/lib/format.js';

describe('format', () => {
  it('shows availability with the nines that matter', () => {
    expect(pct(0.99953)).toBe('99.95%');
    expect(pct(0.99996)).toBe('99.996%');
    expect(pct(1)).toBe('100.00%');
    expect(pct(0.5)).toBe('50.0%');
    expect(pct(0.0123)).toBe('1.23%');
    expect(pct(0.25, 0)).toBe('25%');
    expect(pct(null)).toBe('–');
    expect(pct(Number.NaN)).toBe('–');
  });

  it('shows latencies in a readable unit', () => {
    expect(ms(0)).toBe('0 ms');
    expect(ms(0.42)).toBe('0.42 ms');
    expect(ms(12.34)).toBe('12.3 ms');
    expect(ms(450.4)).toBe('450 ms');
    expect(ms(1250)).toBe('1.25 s');
    expect(ms(120_000)).toBe('2.0 min');
    expect(ms(undefined)).toBe('–');
  });

  it('shortens large counts only', () => {
    expect(count(9999)).toBe('9,999');
    expect(count(12_345)).toBe('12.3k');
    expect(count(4_500_000)).toBe('4.5M');
    expect(count(0)).toBe('0');
  });

  it('formats burn rates and durations', () => {
    expect(rate(14.4)).toBe('14.4×');
    expect(rate(0.523)).toBe('0.52×');
    expect(rate(250)).toBe('250×');
    expect(duration(45_000)).toBe('45 s');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(200 * 60_000)).toBe('3 h 20 min');
    expect(duration(2 * 3600_000)).toBe('2 h');
    expect(duration(102 * 3600_000)).toBe('4 d 6 h');
    expect(ago(1000, 31_000)).toBe('30 s ago');
    expect(ago(1000, 1500)).toBe('just now');
  });

  it('parses Vigil and ISO-8601 durations', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('PT1H30M')).toBe(5_400_000);
    expect(parseDuration('P1DT2H')).toBe(26 * 3_600_000);
    expect(parseDuration('PT0.5S')).toBe(500);
    expect(parseDuration('PT')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration(null)).toBeNull();
    expect(parseDuration(1234)).toBe(1234);
  });

  it('labels rule windows as Vigil writes them', () => {
    expect(windowLabel(3_600_000)).toBe('1h');
    expect(windowLabel(300_000)).toBe('5m');
    expect(windowLabel(3 * 86_400_000)).toBe('3d');
    expect(windowLabel(90_000)).toBe('90s');
  });

  it('trims axis labels', () => {
    expect(trimZeros('40.00 s')).toBe('40 s');
    expect(trimZeros('99.80%')).toBe('99.8%');
    expect(trimZeros('100.00%')).toBe('100%');
    expect(trimZeros('1.05 s')).toBe('1.05 s');
    expect(trimZeros('1,000')).toBe('1,000');
    expect(trimZeros('0 ms')).toBe('0 ms');
  });

  it('reads instants as ISO strings or epoch millis', () => {
    expect(toEpoch('2024-03-04T14:05:00Z')).toBe(Date.UTC(2024, 2, 4, 14, 5));
    expect(toEpoch(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpoch('1700000000000')).toBe(1_700_000_000_000);
    expect(toEpoch('not a time')).toBeNull();
    expect(toEpoch(null)).toBeNull();
  });
});
