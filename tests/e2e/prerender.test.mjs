// The demo page's first step is prerendered into the page: usable before the wasm arrives, and
// taken over by the wasm without losing what the customer did there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderFirstStep } from '../../scripts/prerender.mjs';
import { assertContains, byId, keyboard, mouse, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const prerendered = readFileSync(new URL('../../public/prerendered/first-step.html', import.meta.url), 'utf8');

/**
 * Opens the demo page as it is, holding the wasm back until `release()`, so the customer meets
 * the prerendered step first.
 */
async function openHeldBack({ browserLocale = 'en-US', javaScriptEnabled = true } = {}) {
  const context = await env.browser.newContext({ locale: browserLocale, javaScriptEnabled, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/case-widget-app-*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.addInitScript(() => document.addEventListener('case-ready', () => { window.caseReady = true; }));
  await page.goto(`${env.server.url}/`);
  await byId(page, 'case_type-technical').waitFor();
  return { page, problems, release, takenOver: () => page.waitForFunction(() => window.caseReady) };
}

const wasmHasNotTakenOver = (page) => page.evaluate(() => !window.caseReady && Boolean(document.querySelector('case-widget').shadowRoot.querySelector('[data-prerendered]')));
const checked = (page) => page.evaluate(() => document.querySelector('case-widget').shadowRoot.querySelector('input[name=case_type]:checked')?.value ?? null);

test('the prerendered first step is what the widget renders for the demo page (run `make prerender` when this fails)', async () => {
  assert.equal(prerendered, await renderFirstStep(env.browser, env.server, { catalog: 'aws', plan: 'business', locale: 'en' }));
});

test('by mouse, a case type chosen and Continue pressed before the wasm arrives carry on when it takes over', async () => {
  const { page, problems, release, takenOver } = await openHeldBack();
  await mouse.radio(page, 'case_type', 'technical');
  await mouse.next(page);
  assert.ok(await wasmHasNotTakenOver(page), 'the step was used before the wasm arrived');
  assert.equal(new URL(page.url()).search, '', 'Continue did not submit the page');
  release();
  await takenOver();
  await waitForStep(page, 'classification');
  assert.equal(await page.locator('case-widget .cw-root').getAttribute('lang'), 'en');
  await page.locator('case-widget [data-action="back"]').click();
  await waitForStep(page, 'case-type');
  assert.equal(await checked(page), 'technical');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('by keyboard in a Japanese browser, the English prerendered step carries on in Japanese with the choice and the focus kept', async () => {
  const { page, problems, release, takenOver } = await openHeldBack({ browserLocale: 'ja-JP' });
  await keyboard.radio(page, 'case_type', 'service-limit-increase');
  assert.ok(await wasmHasNotTakenOver(page));
  release();
  await takenOver();
  await waitForStep(page, 'case-type');
  assert.equal(await page.locator('case-widget .cw-root').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('case-widget .cw-heading').first().innerText(), 'どのようなサポートが必要ですか？');
  assert.equal(await checked(page), 'service-limit-increase');
  const focusedId = await page.evaluate(() => document.querySelector('case-widget').shadowRoot.activeElement?.id);
  assert.equal(focusedId, 'case_type-service-limit-increase', 'focus stayed on the chosen radio');
  await page.keyboard.press('Enter');
  await waitForStep(page, 'classification');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a language picked in the prerendered step is the one the wizard shows, and Continue with no choice asks for one', async () => {
  const { page, problems, release, takenOver } = await openHeldBack();
  await byId(page, 'cw-language').selectOption('ko');
  await mouse.next(page);
  release();
  await takenOver();
  await waitForStep(page, 'case-type');
  await page.locator('case-widget .cw-root[lang="ko"]').waitFor();
  await assertContains(page.locator('case-widget .cw-error-summary'), '필요한 도움의 유형을 선택하세요');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('with scripts blocked, the first step still shows and its case types can be chosen', async () => {
  const { page } = await openHeldBack({ javaScriptEnabled: false });
  await mouse.radio(page, 'case_type', 'account-billing');
  assert.equal(await checked(page), 'account-billing');
  assert.equal(await page.locator('case-widget h2').innerText(), 'What do you need help with?');
  await page.context().close();
});
