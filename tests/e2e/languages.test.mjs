// Each language's texts load when it is first shown, not before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertContains, byId, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();

/** Records which locale files the page fetches. */
function recordLocaleFiles(page) {
  const fetched = [];
  page.on('request', (r) => {
    const match = new URL(r.url()).pathname.match(/\/locales\/(.+)$/);
    // By plain name: the build adds a content hash to each.
    if (match) fetched.push(match[1].replace(/-[0-9a-f]{16}(?=\.ftl$)/, ''));
  });
  return fetched;
}

test('only the language shown is loaded; another loads when the customer picks it, keeping the step', async () => {
  let fetched;
  const page = await openWidget(env.browser, env.server, { plan: 'business' }, {
    browserLocale: 'ko-KR',
    prepare: (p) => { fetched = recordLocaleFiles(p); },
  });
  await waitForStep(page, 'case-type');
  await assertContains(page.locator('case-widget .cw-title'), '지원 케이스 생성');
  // Korean for the customer; English, the language the reference contract writes cases in.
  assert.deepEqual([...new Set(fetched)].sort(), ['en/errors.ftl', 'en/widget.ftl', 'ko/errors.ftl', 'ko/widget.ftl']);
  await byId(page, 'cw-language').selectOption('zh');
  await assertContains(page.locator('case-widget .cw-title'), '创建支持案例');
  assert.deepEqual(fetched.filter((f) => f.startsWith('zh/')).sort(), ['zh/errors.ftl', 'zh/widget.ftl']);
  assert.ok(!fetched.some((f) => f.startsWith('ja/')), 'Japanese never loaded');
  await waitForStep(page, 'case-type');
  await page.context().close();
});

test('when a language cannot be loaded, the widget says so in that language', async () => {
  const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'ja' }, {
    prepare: (p) => p.route('**/locales/ja/errors-*.ftl', (route) => route.fulfill({ status: 503, body: '' })),
  });
  const error = page.locator('case-widget .cw-catalog-error');
  await assertContains(error, 'フォームの文言を');
  await assertContains(error, '/locales/ja/errors-');
  assert.equal(await error.locator('ul').count(), 0, 'no empty list of details under the message');
  await page.context().close();
});
