// Help articles suggested while the customer writes, in four languages; "Solve now or contact
// us" before the contact step, both ways out of it; the page's analytics events; a backend's
// article search through a wire profile, and one that fails staying silent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerContactAndReview, answerFirstSteps, assertContains, byId, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();

/** Collects the widget's suggestion events on the page, in order. */
async function hearEvents(page) {
  await page.evaluate(() => {
    window.heard = [];
    for (const name of ['case-suggested', 'case-article-opened', 'case-solved', 'case-submitted']) {
      document.addEventListener(name, (e) => window.heard.push({ name, detail: e.detail }));
    }
  });
}
const heard = (page, name) => page.evaluate((n) => window.heard.filter((e) => e.name === n).map((e) => e.detail), name);
const shown = (page) => page.locator('case-widget .cw-suggestions li').evaluateAll((items) => items.map((i) => i.dataset.article));

async function toDetails(page, first) {
  await answerFirstSteps(page, first);
  await waitForStep(page, 'details');
}

const byLanguage = [
  {
    locale: 'ja', heading: 'こちらの記事が役に立つかもしれません',
    first: { caseType: 'account-billing', service: 'billing', category: 'invoice', fields: { invoice_number: 'INV-1' }, severity: 'low' },
    subject: '請求書で同じ料金が二重に請求されています', article: 'billing-duplicate-charge',
  },
  {
    locale: 'ko', heading: '이 문서가 도움이 될 수 있습니다',
    first: { caseType: 'technical', service: 'ec2', category: 'connectivity', fields: {}, severity: 'low' },
    subject: '재부팅 후 SSH 접속이 안 됩니다', article: 'ec2-ssh-after-reboot',
  },
  {
    locale: 'en', heading: 'These articles might help',
    first: { caseType: 'account-billing', service: 'billing', category: 'unexpected-charges', fields: {}, severity: 'low' },
    subject: 'I was charged twice this month', article: 'billing-duplicate-charge',
  },
  {
    locale: 'zh', heading: '这些文章可能有帮助',
    first: { caseType: 'technical', service: 's3', category: 'access-denied', fields: { bucket: 'logs' }, severity: 'low' },
    subject: '下载文件时 S3 返回 403 访问被拒绝', article: 's3-access-denied-403',
  },
];

describe('articles suggested while the customer types', () => {
  for (const c of byLanguage) {
    test(`${c.locale}: the subject brings up ${c.article}, announced once, and the page hears its id without the text`, async () => {
      const page = await openWidget(env.browser, env.server, { plan: 'business', locale: c.locale });
      await hearEvents(page);
      await toDetails(page, c.first);
      await page.locator('case-widget [id="subject"]').pressSequentially(c.subject, { delay: 20 });
      await page.locator(`case-widget .cw-suggestions li[data-article="${c.article}"]`).waitFor();
      assert.equal((await shown(page))[0], c.article);
      await assertContains(page.locator('case-widget .cw-suggestions h3'), c.heading);
      const link = page.locator(`case-widget .cw-suggestions li[data-article="${c.article}"] a`);
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.match(await link.getAttribute('rel'), /noopener/);
      assert.match(await link.getAttribute('href'), /^https:\/\//);
      const live = await page.locator('case-widget .cw-visually-hidden[aria-live="polite"]').first().innerText();
      assert.match(live, /\d/, `the live region counts the articles: ${live}`);
      const events = await heard(page, 'case-suggested');
      assert.ok(events.length >= 1 && events.length <= 3, `a few events while typing, not one per key: ${events.length}`);
      assert.equal(events.at(-1).ids[0], c.article);
      assert.equal(events.at(-1).text, undefined, 'no typed text unless the page opts in');
      await page.context().close();
    });
  }

  test('the articles file is fetched once the customer reaches the details, not while the first steps load', async () => {
    const asked = [];
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en' }, {
      prepare: (p) => p.on('request', (r) => { if (r.url().includes('/catalog/articles/')) asked.push(r.url()); }),
    });
    await waitForStep(page, 'case-type');
    await page.waitForTimeout(500);
    assert.deepEqual(asked, [], 'nothing fetched on the first step');
    await toDetails(page, byLanguage[2].first);
    await mouse.fill(page, 'subject', 'I was charged twice this month');
    await page.locator('case-widget .cw-suggestions li').first().waitFor();
    assert.equal(asked.length, 1, `fetched once: ${asked}`);
    await page.context().close();
  });

  test('a page that opts in hears the text the articles were matched to', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en', 'events-with-text': '' });
    await hearEvents(page);
    await toDetails(page, byLanguage[2].first);
    await mouse.fill(page, 'subject', 'I was charged twice this month');
    await page.locator('case-widget .cw-suggestions li').first().waitFor();
    const events = await heard(page, 'case-suggested');
    assert.match(events.at(-1).text, /charged twice/);
    await page.context().close();
  });

  test('switching the language shows the suggested articles in the new one, and the page is not told again', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en' });
    await hearEvents(page);
    await toDetails(page, byLanguage[2].first);
    await mouse.fill(page, 'subject', 'I was charged twice this month');
    const title = page.locator('case-widget .cw-suggestions li[data-article="billing-duplicate-charge"] a');
    await assertContains(title, 'billed twice');
    const before = (await heard(page, 'case-suggested')).length;
    await byId(page, 'cw-language').selectOption('ja');
    await assertContains(page.locator('case-widget .cw-suggestions h3'), byLanguage[0].heading);
    await assertContains(title, '二重に請求');
    assert.equal((await heard(page, 'case-suggested')).length, before, 'the same articles are not news to the page');
    await page.context().close();
  });
});

/** Details answered, attachments passed: "Solve now or contact us" is on screen. */
async function toSolveNow(page) {
  await toDetails(page, byLanguage[2].first);
  await mouse.fill(page, 'subject', 'I was charged twice this month');
  await mouse.fill(page, 'description', 'The same charge appears twice on my invoice.');
  await page.locator('case-widget .cw-suggestions li').first().waitFor();
  await mouse.next(page);
  await waitForStep(page, 'attachments');
  await mouse.next(page);
  await waitForStep(page, 'solve-now');
}

describe('solve now or contact us', () => {
  test('this solved my problem: confirmed, nothing filed, the draft gone, and the page hears which articles', async () => {
    const before = await env.server.countCases();
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en' });
    await hearEvents(page);
    await toSolveNow(page);
    await assertContains(page.locator('case-widget h2'), 'Solve now or contact us');
    const offered = await page.locator('case-widget .cw-articles li').evaluateAll((items) => items.map((i) => i.dataset.article));
    assert.ok(offered.includes('billing-duplicate-charge'), offered.join());
    // Opening an article keeps the draft and tells the page.
    const popup = page.waitForEvent('popup');
    await page.locator('case-widget .cw-articles li a').first().click();
    await (await popup).close();
    assert.deepEqual(await heard(page, 'case-article-opened'), [{ id: offered[0] }]);
    await page.locator('case-widget [data-action="solved"]').click();
    await page.locator('case-widget [data-action="solved-yes"]').click();
    await waitForStep(page, 'case-type');
    await assertContains(page.locator('case-widget .cw-notice'), 'Nothing was filed');
    assert.deepEqual(await heard(page, 'case-solved'), [{ ids: offered }]);
    const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k).includes('charged twice')));
    assert.deepEqual(drafts, [], 'no draft keeps what was typed');
    assert.equal(await env.server.countCases(), before);
    await page.context().close();
  });

  test('continue with my case: the contact step, and one case filed', async () => {
    const before = await env.server.countCases();
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en' });
    await toSolveNow(page);
    // "No, keep my case" after "This solved my problem" changes nothing.
    await page.locator('case-widget [data-action="solved"]').click();
    await page.locator('case-widget [data-action="solved-no"]').click();
    await mouse.next(page);
    await answerContactAndReview(page);
    await mouse.next(page);
    await waitForStep(page, 'done');
    assert.equal(await env.server.countCases(), before + 1);
    await page.context().close();
  });
});

describe("a backend's article search through the wire profile", () => {
  test("the reference server's articles show beside the catalog's own", async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en', profile: '/case-widget/profiles/reference.json' });
    const searched = page.waitForRequest((r) => r.url().includes('/api/articles?q='));
    await toDetails(page, byLanguage[2].first);
    // An Akamai article: the AWS catalog's own articles have nothing on purging, the server's do.
    await mouse.fill(page, 'subject', 'Fast Purge of cached content');
    await searched;
    await page.locator('case-widget .cw-suggestions li').first().waitFor();
    const ids = await shown(page);
    assert.ok(ids.some((id) => id.includes('purge')), ids.join());
    await page.context().close();
  });

  test('a search that fails shows nothing of it, and typing and local articles go on', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en', profile: '/case-widget/profiles/reference.json' }, {
      prepare: (p) => p.route('**/api/articles?**', (route) => route.fulfill({ status: 500, body: 'boom' })),
    });
    await toDetails(page, byLanguage[2].first);
    await mouse.fill(page, 'subject', 'I was charged twice this month');
    await page.locator('case-widget .cw-suggestions li[data-article="billing-duplicate-charge"]').waitFor();
    assert.equal(await page.locator('case-widget [role="alert"]').count(), 0);
    assert.equal(await page.locator('case-widget [id="subject"]').inputValue(), 'I was charged twice this month');
    page.problems.length = 0; // the browser logs the failed request itself
    await page.context().close();
  });
});
