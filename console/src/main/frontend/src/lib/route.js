// Hash routes, so that the server only serves one page and every view has a link:
//   #/                                 overview
//   #/alerts                           alerts
//   #/services/<service>?range=6h      a service over a preset range (live)
//   #/services/<service>?from=<ms>&to=<ms>&slo=<id>   a service at a fixed time, one SLO in focus

const PAGES = new Set(['overview', 'alerts', 'service']);

/** Parse `location.hash` into { page, service?, params }. Unknown paths answer page 'notfound'. */
export function parseRoute(hash) {
  const text = (hash || '').replace(/^#/, '');
  const [pathPart, queryPart = ''] = text.split('?', 2);
  const params = Object.fromEntries(new URLSearchParams(queryPart));
  const segments = pathPart.split('/').filter((s) => s !== '');
  if (segments.length === 0) return { page: 'overview', params };
  if (segments.length === 1 && segments[0] === 'alerts') return { page: 'alerts', params };
  if (segments.length === 2 && segments[0] === 'services') {
    let service;
    try {
      service = decodeURIComponent(segments[1]);
    } catch {
      return { page: 'notfound', params, path: pathPart };
    }
    return { page: 'service', service, params };
  }
  return { page: 'notfound', params, path: pathPart };
}

function query(params) {
  const entries = Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (entries.length === 0) return '';
  return `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** Build a hash link for a page. */
export function href(page, { service, ...params } = {}) {
  if (!PAGES.has(page)) throw new Error(`unknown page ${page}`);
  if (page === 'overview') return `#/${query(params)}`;
  if (page === 'alerts') return `#/alerts${query(params)}`;
  return `#/services/${encodeURIComponent(service)}${query(params)}`;
}

/**
 * Link to a service page: a preset `range`, or fixed `from`/`to`; `slo` puts one SLO in focus;
 * `at`/`end` mark an alert's time on the charts.
 */
export function serviceHref(service, { range, from, to, slo, at, end } = {}) {
  return href('service', { service, range, from, to, slo, at, end });
}
