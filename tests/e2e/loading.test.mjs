// When the widget loads, by its `loading` attribute: nothing but the loader is fetched before
// the element is needed (eager: at once; visible, the default: near the viewport; interaction:
// on first use), a skeleton holds its place without text, and `load()` starts it early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byId, collectProblems, liveWizard, mouse, useServerAndBrowser, waitForStep, widgetPage } from './support.mjs';

const env = useServerAndBrowser();
const testPage = (name, options) => widgetPage(env.server, name, options);

/** The demo page's prerendered step inside a widget with `attrs`, on a page of its own. */
function prerenderedPage(name, attrs) {
  const demo = readFileSync(join(env.server.dist, 'index.html'), 'utf8');
  writeFileSync(join(env.server.dist, `${name}.html`), demo.replace(/ loading="[^"]*"/, '').replace('<case-widget ', `<case-widget ${attrs} `));
  return `${env.server.url}/case-widget/${name}.html`;
}

/**
 * Opens `url`, noting every request for the glue or the wasm; with `hold`, the wasm is held
 * back until `release()`, so the customer meets the step before it takes over.
 */
async function open(url, { hold = false } = {}) {
  const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
  const tab = await context.newPage();
  await collectProblems(tab);
  const fetched = [];
  const warnings = [];
  tab.on('request', (r) => { if (/case-widget-app-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(r.url())) fetched.push(r.url()); });
  tab.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  let release = () => {};
  if (hold) {
    const held = new Promise((resolve) => { release = resolve; });
    await tab.route('**/case-widget-app-*_bg.wasm', async (route) => { await held; await route.continue(); });
  }
  await tab.addInitScript(() => document.addEventListener('case-ready', () => { window.caseReady = true; }));
  await tab.goto(url);
  await tab.waitForLoadState('networkidle');
  return { page: tab, fetched, warnings, release, wasm: () => fetched.filter((u) => u.endsWith('_bg.wasm')) };
}

/** Waits up to 5 s for `done()`. */
async function until(done, what) {
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`waited for ${what}`);
}

/** Gives a lazily loading widget time to start if it wrongly would. */
const settle = (page) => page.waitForTimeout(800);

const skeleton = (page) => page.evaluate(() => {
  const el = document.querySelector('case-widget');
  const placeholder = el.shadowRoot?.querySelector('.cw-placeholder');
  return placeholder && { busy: el.getAttribute('aria-busy'), text: placeholder.textContent, hidden: placeholder.getAttribute('aria-hidden'), height: placeholder.getBoundingClientRect().height };
});

const checked = (page) => page.evaluate(() => document.querySelector('case-widget').shadowRoot.querySelector('input[name=case_type]:checked')?.value ?? null);

/** The first step, taken over, is usable: a case type chosen and Continue go on. */
async function usable(page) {
  await waitForStep(page, 'case-type');
  await mouse.radio(page, 'case_type', 'technical');
  await mouse.next(page);
  await waitForStep(page, 'classification');
}

test('visible, the default, below the fold: a skeleton without text and no glue or wasm until scrolled near, then the step is usable', async () => {
  const { page, fetched } = await open(testPage('below-default', { below: true }));
  await settle(page);
  assert.deepEqual(fetched, [], 'nothing but the loader before it is near the viewport');
  const before = await skeleton(page);
  assert.deepEqual({ ...before, height: undefined }, { busy: 'true', text: '', hidden: 'true', height: undefined });
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/loading-placeholder.png` });
  await page.locator('case-widget').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.caseReady);
  assert.equal(fetched.length, 2, 'the glue and the wasm, once each');
  const step = await page.locator('case-widget').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(Math.abs(step - before.height) / step < 0.25, `the skeleton (${before.height}px) reserves about the step's height (${step}px)`);
  assert.equal(await page.locator('case-widget').getAttribute('aria-busy'), null);
  await page.screenshot({ path: '/tmp/loading-taken-over.png' });
  await usable(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('visible in view starts at once; eager below the fold starts at once', async () => {
  for (const [name, options] of [['in-view-default', {}], ['below-eager', { below: true, attrs: 'loading="eager"' }]]) {
    const { page, wasm } = await open(testPage(name, options));
    await page.waitForFunction(() => window.caseReady);
    assert.equal(wasm().length, 1, name);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('interaction: nothing fetched while in view and untouched; a pointer over it starts it', async () => {
  const { page, fetched } = await open(testPage('interaction-hover', { attrs: 'loading="interaction"' }));
  await settle(page);
  assert.deepEqual(fetched, []);
  await page.mouse.move(300, 400);
  await page.waitForFunction(() => window.caseReady);
  await usable(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('interaction with a skeleton: the keyboard reaches it, which starts it, and focus carries on in the step', async () => {
  const { page, fetched } = await open(testPage('interaction-keyboard', { attrs: 'loading="interaction"' }));
  await settle(page);
  assert.deepEqual(fetched, []);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'CASE-WIDGET');
  await page.waitForFunction(() => window.caseReady);
  await page.waitForFunction(() => document.querySelector('case-widget').shadowRoot.activeElement?.hasAttribute('data-step-heading'));
  assert.equal(await page.locator('case-widget').getAttribute('tabindex'), null, 'the element takes no turn of its own once the step is there');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('interaction with a prerendered step: the first click chooses the case type and starts the wasm; Continue pressed before it arrives carries on', async () => {
  const { page, fetched, wasm, release } = await open(prerenderedPage('interaction-prerendered', 'loading="interaction"'), { hold: true });
  await settle(page);
  assert.deepEqual(fetched, []);
  await mouse.radio(page, 'case_type', 'technical');
  assert.equal(await checked(page), 'technical', 'the click took effect in the prerendered step');
  await until(() => wasm().length === 1, 'the wasm requested');
  await mouse.next(page);
  assert.equal(await page.evaluate(() => Boolean(!window.caseReady && document.querySelector('case-widget').shadowRoot.querySelector('[data-prerendered]'))), true, 'still the prerendered step');
  release();
  await page.waitForFunction(() => window.caseReady);
  await waitForStep(page, 'classification');
  await page.locator('case-widget [data-action="back"]').click();
  await waitForStep(page, 'case-type');
  assert.equal(await checked(page), 'technical');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('load() starts a widget below the fold and resolves once it is mounted; what was asked for before applies', async () => {
  const { page, fetched } = await open(testPage('load-early', { below: true, attrs: 'loading="interaction"' }));
  await settle(page);
  assert.deepEqual(fetched, []);
  const result = await page.evaluate(async () => {
    const el = document.querySelector('case-widget');
    el.setLocale('ja');
    el.prefill({ caseType: 'technical' });
    const first = el.load();
    const same = first === el.load();
    await first;
    return { same, mounted: Boolean(el.widget) };
  });
  assert.deepEqual(result, { same: true, mounted: true });
  assert.equal(fetched.length, 2);
  await page.locator('case-widget').scrollIntoViewIfNeeded();
  await page.locator(`case-widget ${liveWizard}[data-step="case-type"]`).waitFor();
  await page.locator('case-widget .cw-root[lang="ja"]').waitFor();
  assert.equal(await checked(page), 'technical');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an unknown loading value warns, naming it, and loads as visible does', async () => {
  const { page, fetched, warnings } = await open(testPage('unknown-value', { below: true, attrs: 'loading="lazy"' }));
  await settle(page);
  assert.deepEqual(fetched, []);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /loading="lazy"/);
  await page.locator('case-widget').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.caseReady);
  await byId(page, 'case_type-technical').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('when the wasm cannot be loaded, load() rejects, case-failed says so, and the skeleton goes', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.route('**/case-widget-app-*_bg.wasm', (route) => route.abort());
  await page.goto(testPage('wasm-unreachable', { attrs: 'loading="interaction"' }));
  const result = await page.evaluate(async () => {
    const el = document.querySelector('case-widget');
    const failed = new Promise((resolve) => el.addEventListener('case-failed', (e) => resolve(e.detail.reason)));
    const loaded = await el.load().then(() => 'resolved', () => 'rejected');
    return { loaded, failed: await failed, skeleton: Boolean(el.shadowRoot.querySelector('.cw-placeholder')), busy: el.getAttribute('aria-busy') };
  });
  assert.deepEqual(result, { loaded: 'rejected', failed: 'load', skeleton: false, busy: null });
  await context.close();
});

test('axe-core finds no violations in the skeleton, the one the keyboard reaches included', async () => {
  // Waiting for interaction keeps the skeleton on screen; the page's own tabindex keeps it out of the tab order.
  for (const [name, attrs] of [['skeleton-reached', 'loading="interaction"'], ['skeleton-not-reached', 'loading="interaction" tabindex="-1"']]) {
    const { page, fetched } = await open(testPage(name, { attrs }));
    assert.deepEqual(fetched, [], 'still the skeleton');
    const result = await new AxeBuilder({ page }).include('case-widget').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), [], name);
    await page.context().close();
  }
});
