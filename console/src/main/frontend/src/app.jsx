// The page frame: header with navigation and the firing-alert count, the routed page, live clock.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, DEFAULT_SETTINGS } from './lib/api.js';
import { parseRoute, href } from './lib/route.js';
import { normalizeAlerts } from './lib/shape.js';
import { usePoll } from './lib/poll.js';
import { Overview } from './pages/Overview.jsx';
import { Service } from './pages/Service.jsx';
import { AlertsPage } from './pages/AlertsPage.jsx';

function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Ticks every second so that "updated 3 s ago" and "firing for" stay true between refreshes. */
function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function useSettings() {
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  useEffect(() => {
    api.settings().then((r) => r.ok && r.data && setSettings({ ...DEFAULT_SETTINGS, ...r.data }));
  }, []);
  return settings;
}

const TITLES = { overview: 'Services', alerts: 'Alerts', service: null, notfound: 'Not found' };

export function App() {
  const route = useRoute();
  const now = useNow();
  const settings = useSettings();
  const refreshMs = settings.refreshSeconds * 1000;
  const firingPoll = usePoll((signal) => api.alerts('firing', null, { signal }).then((firing) => ({ firing })), 'nav', refreshMs);
  const firing = firingPoll.results.firing?.data ? normalizeAlerts(firingPoll.results.firing.data).filter((a) => a.status === 'firing') : null;
  const pages = firing ? firing.filter((a) => a.severity === 'page').length : 0;

  useEffect(() => {
    const title = TITLES[route.page] ?? route.service;
    document.title = `${pages > 0 ? `(${pages} paging) ` : ''}${title} · Vigil`;
  }, [route.page, route.service, pages]);

  // After a navigation (not on the first load), move focus to the new page's heading, so that keyboard
  // and screen-reader users land on it rather than on a link of the page they left.
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const h = document.querySelector('main h1');
    if (h) h.focus({ preventScroll: true });
  }, [route.page, route.service]);

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header class="top">
        <a class="brand" href={href('overview')} aria-label="Vigil, all services">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true"><circle cx="16" cy="16" r="14" class="brand-disc" /><path d="M7 17h5l3-7 4 13 3-6h3" class="brand-pulse" /></svg>
          <span>Vigil</span>
        </a>
        <nav aria-label="Main">
          <a href={href('overview')} aria-current={route.page === 'overview' ? 'page' : undefined}>Services</a>
          <a href={href('alerts')} aria-current={route.page === 'alerts' ? 'page' : undefined}>
            Alerts{firing && firing.length > 0 && <span class={`count ${pages > 0 ? 'count-page' : ''}`} data-firing-count={firing.length}>
              <span class="sr-only">, firing: </span>{firing.length}</span>}
          </a>
        </nav>
        <span class="live" aria-hidden="true"><span class="pulse" /> live · every {settings.refreshSeconds} s</span>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'overview' && <Overview now={now} settings={settings} params={route.params} />}
        {route.page === 'alerts' && <AlertsPage now={now} settings={settings} params={route.params} />}
        {route.page === 'service' && <Service key={route.service} service={route.service} now={now} settings={settings} params={route.params} />}
        {route.page === 'notfound' && (
          <section>
            <h1 tabIndex={-1}>Not found</h1>
            <p>There is no page at “{route.path}”. <a href={href('overview')}>See all services</a>.</p>
          </section>
        )}
      </main>
      <footer class="foot">
        <span>Vigil console · data from the sli-aggregator and alerting APIs</span>
      </footer>
    </>
  );
}
