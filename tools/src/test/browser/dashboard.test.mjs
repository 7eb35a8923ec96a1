// Driven by DashboardBrowserTest: checks the daemon's dashboard in a real headless Chromium.
// Env: DASHBOARD_URL, DASHBOARD_USER, DASHBOARD_PASSWORD, CONTROL_URL (the Java test's control port),
// SCREENSHOT (where to save the picture), CHROMIUM (executable).
import { chromium } from 'playwright-core';

const url = process.env.DASHBOARD_URL;
const control = process.env.CONTROL_URL;
const step = (m) => console.log('step: ' + m);
const check = (cond, m) => { if (!cond) throw new Error('check failed: ' + m); };

async function call(what) {
  const r = await fetch(control + '/' + what);
  check(r.ok, what + ' -> ' + r.status);
  return (await r.text()).trim();
}

// Playwright's launch() gives Chromium a fresh temporary --user-data-dir of its own (it refuses the flag).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60000,
});
try {
  step('the page needs credentials');
  // Headless Chromium answers a 401 by failing the navigation (no prompt to show).
  const refused = async (ctx) => (await ctx.newPage()).goto(url).then((r) => r.status() === 401,
    (e) => /ERR_INVALID_AUTH_CREDENTIALS/.test(String(e)));
  const anonymous = await browser.newContext();
  check(await refused(anonymous), 'served without credentials');
  const wrong = await browser.newContext({ httpCredentials: { username: 'pool', password: 'wrong' } });
  check(await refused(wrong), 'wrong credentials accepted');
  await anonymous.close();
  await wrong.close();

  const context = await browser.newContext({
    httpCredentials: { username: process.env.DASHBOARD_USER, password: process.env.DASHBOARD_PASSWORD },
    viewport: { width: 1100, height: 1000 },
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => { console.error('page error: ' + e); process.exitCode = 1; });
  const ok = await page.goto(url);
  check(ok.status() === 200, 'with credentials: ' + ok.status());
  await page.waitForFunction(() => document.getElementById('peers').textContent === '3/3', null, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('live').textContent === 'live', null, { timeout: 10000 });
  const loads = [];
  page.on('load', () => loads.push(Date.now()));

  step('blocks appear live, without reload');
  for (let i = 1; i <= 3; i++) {
    const hash = await call('submit');
    await page.waitForFunction((n) => document.getElementById('blocks').textContent === String(n), i, { timeout: 20000 });
    await page.waitForFunction((h) => document.getElementById('waterfall').dataset.hash === h, hash, { timeout: 20000 });
    const bars = await page.locator('#waterfall rect.handoff').count();
    check(bars === 3, 'waterfall hand-off bars: ' + bars);
    await page.waitForFunction(() => document.querySelectorAll('#waterfall rect.ack').length === 3, null, { timeout: 20000 });
  }
  check(loads.length === 0, 'the page reloaded');
  check((await page.textContent('#success')) === '100.0%', 'success rate ' + await page.textContent('#success'));
  check((await page.textContent('#avg')) !== '–', 'average broadcast time');
  check(/s ago|minutes ago/.test(await page.textContent('#last')), 'last block');
  const health = await page.textContent('tr[data-peer="sim-1"] .peer-health');
  check(health === '100% (3/3)', 'sim-1 health: ' + health);
  check(await page.locator('#percentiles polyline').count() >= 4, 'latency percentile lines');
  for (const peer of ['sim-0', 'sim-1', 'sim-2']) {
    // A measured round trip (the first keep-alive ping goes out at READY), never '–' or 0.
    const rtt = await page.textContent('tr[data-peer="' + peer + '"] .peer-rtt');
    check(/^[1-9][0-9]* µs$|^[0-9.]+ ms$/.test(rtt) && !/^0\.00 ms$/.test(rtt), peer + ' RTT: ' + rtt);
  }
  check((await page.locator('#block-table tbody tr').count()) === 3, 'block rows');

  step('a killed peer turns ✗ reconnecting');
  await call('kill');
  await page.waitForFunction(() => {
    const row = document.querySelector('tr[data-peer="sim-2"]');
    return row && row.cells[0].textContent === '✗' && row.querySelector('.peer-health').textContent === 'reconnecting';
  }, null, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('peers').textContent === '2/3', null, { timeout: 5000 });

  step('and back');
  await call('restart');
  await page.waitForFunction(() => {
    const row = document.querySelector('tr[data-peer="sim-2"]');
    return row && row.cells[0].textContent === '✓';
  }, null, { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('peers').textContent === '3/3', null, { timeout: 5000 });
  const hash = await call('submit');
  await page.waitForFunction((h) => document.getElementById('waterfall').dataset.hash === h, hash, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('blocks').textContent === '4', null, { timeout: 20000 });
  check(loads.length === 0, 'the page reloaded');

  if (process.env.SCREENSHOT) {
    await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    step('screenshot ' + process.env.SCREENSHOT);
  }
  await context.close();
  step('done');
} finally {
  await browser.close();
}
