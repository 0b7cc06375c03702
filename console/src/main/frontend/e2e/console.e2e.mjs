// End-to-end: the console in a real headless Chromium (Debian's, driven by playwright-core) against a
// running Vigil stack with generated traffic. Run by ConsoleBrowserIT; by hand:
//   CONSOLE_URL=http://127.0.0.1:8083 node e2e/console.e2e.mjs
//
// Environment:
//   CONSOLE_URL          the console under test (its stack has traffic, the demo SLOs and an incident)
//   BROKEN_CONSOLE_URL   optional: a console whose alerting URL points nowhere (the "unreachable" view)
//   INCIDENT_SERVICE     service with the generated incident (default checkout)
//   INCIDENT_SLO         SLO the incident pages (default checkout-availability)
//   SCREENSHOT_DIR       where screenshots go (default ./screenshots)
//   INCIDENT_TIMEOUT_S   how long to wait for the alert to fire, and then to resolve (default 240 each)
//   CHROMIUM             the browser (default /usr/bin/chromium)
//   E2E_SKIP_INCIDENT    1: leave out the incident checks (by hand, against a stack without an incident)
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CONSOLE = (process.env.CONSOLE_URL || 'http://127.0.0.1:8083').replace(/\/$/, '');
const BROKEN = process.env.BROKEN_CONSOLE_URL?.replace(/\/$/, '');
const SERVICE = process.env.INCIDENT_SERVICE || 'checkout';
const SLO = process.env.INCIDENT_SLO || 'checkout-availability';
const SHOTS = process.env.SCREENSHOT_DIR || 'screenshots';
const INCIDENT_TIMEOUT = Number(process.env.INCIDENT_TIMEOUT_S || 240) * 1000;
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const MINUTE = 60_000;

const started = Date.now();
const log = (msg) => console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const checks = [];
function check(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
  checks.push(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeoutMs, everyMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

async function rest(path) {
  const r = await fetch(`${CONSOLE}${path}`, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status} ${JSON.stringify(body)}`);
  return body;
}

const close = (a, b) => (a === null || a === undefined || a === '' ? b === null || b === undefined : Math.abs(Number(a) - b) <= 1e-9 * Math.max(1, Math.abs(b)));

mkdirSync(SHOTS, { recursive: true });
rmSync(join(SHOTS, 'failure.png'), { force: true });
const profile = mkdtempSync(join(process.env.E2E_TMP || tmpdir(), 'vigil-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: BROWSER,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  colorScheme: 'light',
  timezoneId: 'UTC',
});
const errors = [];
const external = [];
context.on('request', (req) => {
  const url = req.url();
  if (!url.startsWith(CONSOLE) && !(BROKEN && url.startsWith(BROKEN)) && !url.startsWith('data:')) external.push(url);
});

try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  // A failed API answer (404 before data, 502 while an app is down) is logged by Chromium too; those are expected.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console error: ${m.text()}`); });

  // ---- overview: every service the aggregator knows, worst first, with SLO budgets ----
  const services = await until('the aggregator to list services', async () => {
    const list = await rest('/api/aggregator/v1/services?hours=1');
    return list.length > 0 && list.some((s) => s.service === SERVICE) ? list : null;
  }, 180_000, 2000);
  log(`the aggregator lists ${services.length} services`);
  await page.goto(`${CONSOLE}/`);
  await page.waitForSelector('table.services tbody tr');
  await until('every service on the overview', async () => {
    const shown = await page.$$eval('table.services tbody tr', (rows) => rows.map((r) => r.dataset.service));
    return services.every((s) => shown.includes(s.service));
  }, 30_000);
  const sources = await page.$$eval('[data-source]', (els) => els.map((e) => `${e.dataset.source}=${e.dataset.state}`));
  check(sources.includes('sli-aggregator=ok') && sources.includes('alerting=ok'), `both sources are live (${sources})`);
  check(await page.$eval('h1', (h) => h.textContent) === 'Services', 'the overview is titled Services');
  const budgets = await until('SLO budgets on the overview', () => page.$$eval(`tr[data-service="${SERVICE}"] [data-slo]`, (els) => els.length), 60_000);
  check(budgets >= 1, `${SERVICE} shows its SLO budget`);
  const statusOrder = await page.$$eval('table.services tbody tr', (rows) => rows.map((r) => r.dataset.status));
  const rank = { critical: 0, warning: 1, stale: 2, unknown: 3, ok: 4 };
  check(statusOrder.every((s, i) => i === 0 || rank[statusOrder[i - 1]] <= rank[s]), `worst first by default (${statusOrder})`);
  await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });

  // Search, then sort by p99 with the keyboard.
  await page.fill('input[type=search]', SERVICE);
  await until('the search to filter', async () => {
    const shown = await page.$$eval('table.services tbody tr', (rows) => rows.map((r) => r.dataset.service));
    return shown.length >= 1 && shown.every((s) => s.includes(SERVICE));
  }, 5000, 200);
  await page.fill('input[type=search]', '');
  const p99Button = page.locator('th button', { hasText: 'p99' });
  await p99Button.focus();
  await page.keyboard.press('Enter');
  const p99s = await page.$$eval('table.services tbody td[data-label="p99"]', (tds) => tds.map((td) => td.dataset.v).filter((v) => v !== '').map(Number));
  check(p99s.length > 1 && p99s.every((v, i) => i === 0 || p99s[i - 1] >= v), `sorted by p99, highest first (${p99s.slice(0, 5)})`);
  check(await p99Button.evaluate((b) => b.closest('th').getAttribute('aria-sort')) === 'descending', 'the sorted column says so (aria-sort)');
  log('overview checked');

  // ---- a service page over a fixed, settled range: the charts draw the API's numbers ----
  const settledTo = Math.floor((Date.now() - 4 * MINUTE) / MINUTE) * MINUTE;
  const settledFrom = settledTo - 10 * MINUTE;
  const api = await rest(`/api/aggregator/v1/services/${encodeURIComponent(SERVICE)}/sli?from=${settledFrom}&to=${settledTo}`);
  check(api.points.length === 10, `the API has 10 minute points for the settled range (${api.points.length})`);
  await page.goto(`${CONSOLE}/#/services/${encodeURIComponent(SERVICE)}?from=${settledFrom}&to=${settledTo}`);
  // The numbers sit in closed <details>: present, not visible.
  await page.waitForSelector('[data-chart-table="availability"] tbody tr', { state: 'attached' });
  for (const [chart, series] of [['availability', [['availability', 'availability']]], ['latency', [['p50', 'p50Ms'], ['p90', 'p90Ms'], ['p99', 'p99Ms']]],
    ['traffic', [['total', 'total'], ['errors', 'availabilityErrors'], ['client', 'clientErrors']]]]) {
    const rows = await page.$$eval(`[data-chart-table="${chart}"] tbody tr`, (trs) => trs.map((tr) => ({
      t: Number(tr.dataset.t),
      v: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.series, td.dataset.v])),
    })));
    check(rows.length === api.points.length, `${chart}: one row per API point (${rows.length})`);
    rows.forEach((row, i) => {
      const p = api.points[i];
      check(row.t === Date.parse(p.start), `${chart}: point ${i} starts at ${p.start}`);
      for (const [key, field] of series) {
        const expected = key === 'availability' && p.total === 0 ? null : p[field];
        check(close(row.v[key], expected), `${chart}: ${key} at ${p.start} is ${expected} (page: ${row.v[key]})`);
      }
    });
    for (const [key, field] of series) {
      await page.waitForSelector(`[data-chart="${chart}"] path[data-series="${key}"]`, { state: 'attached' });
      const drawn = await page.$eval(`[data-chart="${chart}"] path[data-series="${key}"]`, (p) => (p.getAttribute('d').match(/[ML]/g) || []).length);
      const values = api.points.filter((p) => p[field] !== null && !(key === 'availability' && p.total === 0)).length;
      check(drawn === values, `${chart}: the ${key} line goes through ${values} points (drew ${drawn})`);
    }
  }
  for (const [stat, field] of [['total', 'total'], ['availability', 'availability'], ['p99', 'p99Ms'], ['p50', 'p50Ms']]) {
    const v = await page.$eval(`[data-stat="${stat}"]`, (el) => el.dataset.v);
    check(close(v, api.summary[field]), `summary ${stat} is the API's ${api.summary[field]} (page: ${v})`);
  }
  const endpoints = await rest(`/api/aggregator/v1/services/${encodeURIComponent(SERVICE)}/endpoints?from=${settledFrom}&to=${settledTo}`);
  const shownEndpoints = await page.$$eval('table.endpoints tbody tr', (trs) => trs.map((tr) => tr.dataset.endpoint));
  check(shownEndpoints.length === endpoints.endpoints.length && endpoints.endpoints.every((e, i) => e.endpoint === shownEndpoints[i]),
    `the endpoint breakdown lists the API's ${endpoints.endpoints.length} endpoints in order`);
  log('service charts match the REST API');

  // ---- the live service page, its SLOs and burn rates ----
  await page.goto(`${CONSOLE}/#/services/${encodeURIComponent(SERVICE)}`);
  await page.waitForSelector(`article.slo[data-slo="${SLO}"] table.rules tbody tr`);
  await page.waitForSelector('[data-chart="latency"] path[data-series="p99"]');
  check(await page.$eval('[aria-current="true"]', (a) => a.textContent) === '1h', 'the last hour by default');
  const points = await page.$eval('[data-chart="availability"] svg[data-points]', (s) => Number(s.dataset.points));
  check(points >= 55 && points <= 61, `an hour of minute points (${points})`);
  await page.screenshot({ path: join(SHOTS, 'service.png'), fullPage: true });

  // Live without flicker: over several refreshes no chart, table row or card is taken out and put back.
  const settings = await rest('/api/console/settings');
  const watchMs = settings.refreshSeconds * 3500;
  for (const [hash, ready] of [[`#/services/${encodeURIComponent(SERVICE)}`, '[data-chart="latency"] path[data-series="p99"]'],
    ['#/', 'table.services tbody tr']]) {
    await page.goto(`${CONSOLE}/${hash}`);
    await page.waitForSelector(ready);
    await sleep(1000);
    const { removed, moved } = await page.evaluate(async (ms) => {
      const taken = new Set();
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          // A live range slides: its oldest point leaves the charts' number tables; that is not a blink.
          if (r.target.closest?.('table.data')) continue;
          for (const n of r.removedNodes) {
            if (n.nodeType === 1 && (n.matches('figure, tr, article, table, section') || n.querySelector?.('figure, tr, article'))) taken.add(n);
          }
        }
      });
      observer.observe(document.querySelector('main'), { childList: true, subtree: true });
      await new Promise((r) => setTimeout(r, ms));
      observer.disconnect();
      // A worst-first list reorders as live numbers change: the DOM moves the same row (a removal record,
      // then the node is back in place). A blink replaces the node: the old one stays detached.
      const nodes = [...taken];
      const name = (n) => n.dataset?.service ? `${n.tagName}[${n.dataset.service}]` : n.tagName;
      return { removed: nodes.filter((n) => !n.isConnected).map(name), moved: nodes.filter((n) => n.isConnected).length };
    }, watchMs);
    check(removed.length === 0, `${hash} refreshes in place for ${watchMs / 1000} s (removed: ${removed.slice(0, 5)}; moved: ${moved})`);
  }

  // ---- the incident: a firing alert, then resolved ----
  if (process.env.E2E_SKIP_INCIDENT !== '1') {
    await page.goto(`${CONSOLE}/#/alerts`);
    const firingRow = `[data-section="firing"] tr[data-slo="${SLO}"][data-status="firing"][data-severity="page"]`;
    await page.waitForSelector(firingRow, { timeout: INCIDENT_TIMEOUT });
    // The same alert (fingerprint and start) must later show as resolved.
    const [fingerprint, startsAt] = await page.$eval(firingRow, (tr) => [tr.dataset.alert, tr.dataset.starts]);
    log(`${SLO} is firing on the alerts page (page alert ${fingerprint} since ${new Date(Number(startsAt)).toISOString()})`);
    await until('the navigation to count the firing alert',
      async () => (await page.$$eval('[data-firing-count]', (els) => els.map((e) => Number(e.dataset.firingCount))))[0] >= 1, 15_000, 500);
    await page.goto(`${CONSOLE}/#/`);
    await until(`${SERVICE} paging on the overview`, () => page.$eval(`tr[data-service="${SERVICE}"]`, (tr) => tr.dataset.status === 'critical'), 30_000, 500);
    const order = await page.$$eval('table.services tbody tr', (rows) => rows.map((r) => [r.dataset.service, r.dataset.status]));
    const paging = order.filter(([, st]) => st === 'critical').length;
    const at = order.findIndex(([name]) => name === SERVICE);
    check(at >= 0 && at < paging, `the paging service is listed among the first, paging ones (${order.slice(0, paging + 1)})`);
    await page.screenshot({ path: join(SHOTS, 'overview-incident.png'), fullPage: true });
    await page.goto(`${CONSOLE}/#/services/${encodeURIComponent(SERVICE)}`);
    await page.waitForSelector(`article.slo[data-slo="${SLO}"] tr.firing`);
    await page.waitForSelector('table.alerts tr[data-status="firing"]');
    await page.screenshot({ path: join(SHOTS, 'service-incident.png'), fullPage: true });

    await page.goto(`${CONSOLE}/#/alerts`);
    const resolvedRow = `[data-section="resolved"] tr[data-alert="${fingerprint}"][data-starts="${startsAt}"][data-status="resolved"]`;
    await page.waitForSelector(resolvedRow, { timeout: INCIDENT_TIMEOUT });
    const stillFiring = `[data-section="firing"] tr[data-alert="${fingerprint}"][data-starts="${startsAt}"]`;
    await until('the alert to leave "firing now"', async () => (await page.$$(stillFiring)).length === 0, 30_000, 500);
    log(`${SLO} resolved on the alerts page`);
    await page.screenshot({ path: join(SHOTS, 'alerts.png'), fullPage: true });

    // The resolved alert links to its service and SLO at its time.
    await page.click(`${resolvedRow} a[href^="#/services/"]`);
    await page.waitForSelector(`article.slo.focus[data-slo="${SLO}"]`);
    const range = await page.$eval('section[data-range-from]', (s) => [Number(s.dataset.rangeFrom), Number(s.dataset.rangeTo)]);
    const alerts = await rest(`/api/alerting/v1/alerts?state=resolved&service=${encodeURIComponent(SERVICE)}`);
    const resolved = alerts.find((a) => a.fingerprint === fingerprint && Date.parse(a.startsAt) === Number(startsAt) && a.status === 'resolved');
    check(range[0] <= Date.parse(resolved.startsAt) && range[1] >= Date.parse(resolved.endsAt), 'the alert link shows the alert\'s time');
    check((await page.$$('[data-chart="availability"] rect.band')).length === 1, 'the charts mark when the alert fired');
  }

  // ---- 390 px wide, dark ----
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${CONSOLE}/#/`);
  await page.waitForSelector('table.services tbody tr');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no sideways scrolling at 390 px (${overflow} px too wide)`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(bg === 'rgb(13, 17, 23)', `dark background in dark mode (${bg})`);
  await page.screenshot({ path: join(SHOTS, 'overview-390-dark.png'), fullPage: true });
  await page.goto(`${CONSOLE}/#/services/${encodeURIComponent(SERVICE)}`);
  await page.waitForSelector('[data-chart="availability"] path[data-series="availability"]');
  const chartWidth = await page.$eval('[data-chart="availability"] svg[data-points]', (s) => s.getBoundingClientRect().width);
  check(chartWidth <= 390 && chartWidth > 250, `charts fit the phone (${chartWidth} px)`);
  await until('the service page to fit 390 px', () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 5000, 250);
  check(true, 'the service page does not scroll sideways at 390 px');
  await page.screenshot({ path: join(SHOTS, 'service-390-dark.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });

  // ---- accessibility basics: landmarks, one h1, labelled controls, keyboard ----
  for (const hash of ['#/', '#/alerts', `#/services/${encodeURIComponent(SERVICE)}`]) {
    await page.goto(`${CONSOLE}/${hash}`);
    await page.waitForSelector('main h1');
    const a11y = await page.evaluate(() => ({
      h1: document.querySelectorAll('h1').length,
      main: document.querySelectorAll('main').length,
      banner: document.querySelectorAll('header.top').length,
      navs: [...document.querySelectorAll('nav')].every((n) => n.getAttribute('aria-label')),
      unlabelled: [...document.querySelectorAll('input, select')].filter((el) => !el.closest('label') && !el.getAttribute('aria-label')).length,
      svgs: [...document.querySelectorAll('main svg[role="img"]')].every((s) => s.getAttribute('aria-label')),
      lang: document.documentElement.lang,
    }));
    check(a11y.h1 === 1 && a11y.main === 1 && a11y.banner === 1 && a11y.navs && a11y.unlabelled === 0 && a11y.svgs && a11y.lang === 'en',
      `landmarks, one h1 and labelled controls on ${hash} (${JSON.stringify(a11y)})`);
  }
  await page.goto('about:blank');
  await page.goto(`${CONSOLE}/#/`);
  await page.waitForSelector('table.services tbody tr');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.textContent) === 'Skip to content', 'the first Tab reaches "Skip to content"');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id) === 'main', '"Skip to content" moves focus to the main content');
  await page.click('table.services tbody tr th a');
  await page.waitForSelector('main h1:focus');
  check(true, 'following a link moves focus to the new page\'s heading');
  await page.goto(`${CONSOLE}/#/services/${encodeURIComponent(SERVICE)}`);
  await page.waitForSelector('[data-chart="latency"] path[data-series="p99"]');
  await page.focus('[data-chart="latency"] svg[data-points]');
  await page.keyboard.press('End');
  const tip = await page.$eval('[data-chart="latency"] .tip', (t) => t.textContent);
  check(/p99: /.test(tip), `arrow keys and End show a point's values (${tip})`);

  // ---- an unreachable upstream ----
  if (BROKEN) {
    const other = await context.newPage();
    await other.goto(`${BROKEN}/`);
    await other.waitForSelector('[data-source="alerting"][data-state="down"]');
    const text = await other.$eval('[data-source="alerting"]', (e) => e.textContent);
    check(/unreachable/.test(text), `an unreachable alerting app is shown as such (${text})`);
    await other.waitForSelector('table.services tbody tr');
    check(await other.$eval('[data-source="sli-aggregator"]', (e) => e.dataset.state) === 'ok', 'the aggregator data still shows');
    const unknown = await other.$$eval('table.services tbody tr', (rows) => rows.filter((r) => r.dataset.status === 'ok').length);
    check(unknown === 0, 'without the alerting app no service is called healthy');
    await other.screenshot({ path: join(SHOTS, 'alerting-unreachable.png'), fullPage: true });
    await other.close();
  }

  check(external.length === 0, `the page loads nothing from elsewhere (${external.slice(0, 3)})`);
  check(errors.length === 0, `no script errors or CSP violations (${errors.slice(0, 3)})`);
  log(`all ${checks.length} checks passed`);
  console.log(`e2e: ${checks.length} passed, 0 failed`);
} catch (e) {
  console.error(`e2e: FAILED: ${e.message}`);
  if (errors.length) console.error(`page errors: ${errors.join('\n')}`);
  try {
    const pages = context.pages();
    if (pages[0]) await pages[0].screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true });
  } catch {
    // best effort
  }
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
