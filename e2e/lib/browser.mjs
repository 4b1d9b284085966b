// Chromium via playwright-core, with screenshots, an axe-core accessibility check, and a guard
// that fails the test on console errors or CSP violations.
import { chromium, selectors } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const OUTPUT = resolve(import.meta.dirname, '..', 'output');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

let testIdSet = false;

export async function launch() {
  if (!testIdSet) {
    selectors.setTestIdAttribute('data-test-id');
    testIdSet = true;
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A fresh browser context (its own cookies) with a page that records problems. */
export async function newPage(browser, name) {
  const context = await browser.newContext({ viewport: DESKTOP });
  return track(await context.newPage(), name);
}

/** Records a page's problems and requests in flight (for a tab the app opened itself). */
export function track(page, name) {
  page.problems = [];
  page.on('console', (msg) => {
    // 4xx answers are part of the journeys (a signed-out `/me`, a used link) and are checked by
    // the specs through the UI; script errors, CSP violations and 5xx are always problems.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      page.problems.push(`[${name}] console: ${msg.text()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 500) page.problems.push(`[${name}] ${res.status()} from ${res.url()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`[${name}] page error: ${err.message}`));
  // Requests in flight, for `settle`: the live stream (an EventSource that stays open by
  // design) is not counted, which is why Playwright's own 'networkidle' cannot be used.
  // A request counts until its response arrives (Playwright does not report every body as
  // finished, e.g. a 204 nobody reads) and only for http(s) (not `blob:` media).
  page.inflight = new Set();
  page.on('request', (req) => {
    if (req.resourceType() !== 'eventsource' && /^https?:/.test(req.url())) page.inflight.add(req);
  });
  page.on('response', (res) => page.inflight.delete(res.request()));
  page.on('requestfinished', (req) => page.inflight.delete(req));
  page.on('requestfailed', (req) => page.inflight.delete(req));
  return page;
}

/** Waits until the page has loaded and no request but the live stream has been in flight for
 *  500 ms (at most 30 s). */
export async function settle(page) {
  await page.waitForLoadState('load');
  const deadline = Date.now() + 30000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (page.inflight.size) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`still loading after 30 s: ${[...page.inflight].map((r) => r.url()).join(', ')}`);
}

export function assertNoProblems(page) {
  if (page.problems.length) throw new Error(page.problems.join('\n'));
}

let shot = 0;
export async function screenshot(page, spec, label) {
  const dir = join(OUTPUT, spec);
  mkdirSync(dir, { recursive: true });
  shot += 1;
  const file = join(dir, `${String(shot).padStart(2, '0')}-${label}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs axe-core in the page; throws on serious or critical violations. */
export async function checkA11y(page, label) {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  if (result.length) throw new Error(`accessibility violations on ${label}:\n  ${result.join('\n  ')}`);
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** The browser tab names the page and the agency or product: "Approvals · Lumen Creative". */
export async function checkTitle(page, label) {
  try {
    await page.waitForFunction(() => / · \S/.test(document.title), null, { timeout: 3000 });
  } catch {
    throw new Error(`${label}: document.title does not name the page: "${await page.title()}"`);
  }
}

/** Fails when anything on the page reaches past a 390 px wide viewport (sideways scrolling). */
export async function checkPhoneWidth(page, spec, label) {
  await page.setViewportSize(PHONE);
  try {
    await page.waitForTimeout(150);
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= limit) return null;
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && el.getClientRects().length)
        .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > limit + 1))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testId ? `[${el.dataset.testId}]` : ''}.${el.className} → ${Math.round(el.getBoundingClientRect().right)}px`);
      return { width: document.documentElement.scrollWidth, culprits };
    });
    await screenshot(page, spec, `${label}-390`);
    if (wide) throw new Error(`${label} is ${wide.width}px wide at 390: ${wide.culprits.join('; ')}`);
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

/** The step every spec takes per page: its title, a screenshot and the accessibility check at
 *  1280 px, then a screenshot at 390 px that must not scroll sideways. */
export async function visit(page, spec, label) {
  await settle(page);
  await checkTitle(page, label);
  await screenshot(page, spec, label);
  await checkA11y(page, label);
  await checkPhoneWidth(page, spec, label);
}

/** After a navigation, keyboard focus is on the new page's heading, not on `<body>`. */
export async function checkFocusOnHeading(page, label) {
  try {
    await page.waitForFunction(() => document.activeElement?.dataset?.testId === 'page-title', null, { timeout: 3000 });
  } catch {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
    throw new Error(`${label}: focus is on ${active}, not the page heading`);
  }
}
