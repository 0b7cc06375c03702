import { describe, expect, it } from 'vitest';
import { linePath, nearestIndex, pathPointCount, scale, stepIndex } from '../src/lib/chart.js';

const id = (v) => v;

describe('chart geometry', () => {
  it('scales linearly, inverted for y', () => {
    const sy = scale(0, 100, 200, 0);
    expect(sy(0)).toBe(200);
    expect(sy(100)).toBe(0);
    expect(sy(25)).toBe(150);
    expect(scale(5, 5, 0, 10)(5)).toBe(5);
  });

  it('draws lines with gaps at missing values and dots for lone points', () => {
    expect(linePath([0, 1, 2], [1, 2, 3], id, id)).toBe('M0,1L1,2L2,3');
    expect(linePath([0, 1, 2, 3, 4], [1, null, 3, 4, null], id, id)).toBe('M0,1h0M2,3L3,4');
    expect(linePath([0, 1, 2], [null, 5, null], id, id)).toBe('M1,5h0');
    expect(linePath([0, 1], [1, 7], id, id)).toBe('M0,1L1,7');
    expect(linePath([0, 1], [NaN, 7], id, id)).toBe('M1,7h0');
    expect(linePath([], [], id, id)).toBe('');
  });

  it('counts the points a path drew', () => {
    expect(pathPointCount(linePath([0, 1, 2, 3, 4], [1, null, 3, 4, 5], id, id))).toBe(4);
  });

  it('finds the nearest point and moves by keys within bounds', () => {
    const xs = [0, 10, 20, 30];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
    expect(stepIndex(xs, -1, 1)).toBe(0);
    expect(stepIndex(xs, -1, -1)).toBe(3);
    expect(stepIndex(xs, 2, 10)).toBe(3);
    expect(stepIndex(xs, 1, -10)).toBe(0);
  });
});
