import { describe, expect, it } from 'vitest';
import { href, parseRoute, serviceHref } from '../src/lib/route.js';

describe('routes', () => {
  it('parses the pages', () => {
    expect(parseRoute('')).toEqual({ page: 'overview', params: {} });
    expect(parseRoute('#/')).toEqual({ page: 'overview', params: {} });
    expect(parseRoute('#/alerts?service=checkout')).toEqual({ page: 'alerts', params: { service: 'checkout' } });
    expect(parseRoute('#/services/checkout?range=6h')).toEqual({ page: 'service', service: 'checkout', params: { range: '6h' } });
    expect(parseRoute('#/nope').page).toBe('notfound');
    expect(parseRoute('#/services/%E0%A4%A').page).toBe('notfound');
  });

  it('round-trips service names that need escaping', () => {
    const name = 'user profile/v2';
    const link = serviceHref(name, { from: 1, to: 2, slo: 'a-b' });
    expect(link).toBe('#/services/user%20profile%2Fv2?from=1&to=2&slo=a-b');
    expect(parseRoute(link)).toEqual({ page: 'service', service: name, params: { from: '1', to: '2', slo: 'a-b' } });
  });

  it('leaves out empty parameters', () => {
    expect(serviceHref('checkout', { range: '1h', slo: undefined, at: null })).toBe('#/services/checkout?range=1h');
    expect(href('overview')).toBe('#/');
    expect(() => href('settings')).toThrow();
  });
});
