// What a portal's developers and designers rely on: prefill and lock, the JS API, events, two
// widgets on one page, and styles that stay on their side of the shadow root.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertContains, byId, fileCase, liveWizard, mouse, openWidget, putWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const aws = { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' };

describe('prefill and lock', () => {
  test('locked answers from attributes are shown, cannot be changed, and reach the server unchanged', async () => {
    const page = await openWidget(env.browser, env.server, {
      ...aws, 'case-type': 'technical', service: 'ec2', category: 'connectivity', locked: 'case-type service',
      name: 'Portal User', email: 'user@portal.example',
    });
    await waitForStep(page, 'case-type');
    const radios = await page.locator('case-widget input[name="case_type"]').evaluateAll((rs) => rs.map((r) => [r.value, r.checked, r.disabled]));
    assert.deepEqual(radios, [['account-billing', false, true], ['service-limit-increase', false, true], ['technical', true, false]]);
    await mouse.next(page);
    await waitForStep(page, 'classification');
    assert.equal(await byId(page, 'service').inputValue(), 'ec2');
    assert.ok(await byId(page, 'service').isDisabled());
    assert.equal(await byId(page, 'category').inputValue(), 'connectivity');
    assert.ok(!(await byId(page, 'category').isDisabled()), 'prefilled but not locked');
    await byId(page, 'category').selectOption('instance-issue');
    await byId(page, 'category').selectOption('connectivity');
    await mouse.next(page);
    await mouse.radio(page, 'severity', 'normal');
    await mouse.next(page);
    await mouse.fill(page, 'subject', 'Prefilled');
    await mouse.fill(page, 'description', 'From the portal.');
    await mouse.next(page);
    await mouse.next(page);
    assert.equal(await byId(page, 'name').getAttribute('readonly'), '');
    await mouse.radio(page, 'contact_method', 'web');
    await mouse.select(page, 'contact_language', 'en');
    await mouse.next(page);
    await mouse.next(page);
    await waitForStep(page, 'done');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\S+\d/)[0];
    const stored = (await env.server.getCase(id)).case;
    assert.deepEqual([stored.case_type, stored.service, stored.category, stored.contact.name, stored.contact.email],
      ['technical', 'ec2', 'connectivity', 'Portal User', 'user@portal.example']);
  });

  test('prefill() fills answers in and reset() starts a new case without asking', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await waitForStep(page, 'case-type');
    await page.evaluate(() => document.querySelector('case-widget').prefill({ caseType: 'service-limit-increase', service: 'lambda-quotas', category: 'quota-increase', email: 'ops@example.com' }));
    assert.ok(await page.locator('case-widget [id="case_type-service-limit-increase"]').isChecked());
    await mouse.next(page);
    assert.equal(await byId(page, 'service').inputValue(), 'lambda-quotas');
    await page.evaluate(() => document.querySelector('case-widget').reset());
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget input[name="case_type"]:checked').count(), 0);
  });
});

describe('events', () => {
  test('the host page hears case-ready, then case-step on each step change', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await waitForStep(page, 'case-type');
    await page.evaluate(() => {
      window.heard = [];
      for (const name of ['case-ready', 'case-step']) document.addEventListener(name, (e) => window.heard.push([name, e.detail?.step ?? null, e.detail?.number ?? null]));
    });
    await page.evaluate(() => {
      const el = document.querySelector('case-widget');
      const copy = el.cloneNode();
      el.replaceWith(copy);
    });
    await waitForStep(page, 'case-type');
    await mouse.radio(page, 'case_type', 'account-billing');
    await mouse.next(page);
    await waitForStep(page, 'classification');
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'case-type');
    assert.deepEqual(await page.evaluate(() => window.heard), [['case-ready', null, null], ['case-step', 'classification', 2], ['case-step', 'case-type', 1]]);
  });
});

describe('two widgets on one page', () => {
  test('each keeps its own answers and draft, and files its own case', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await page.evaluate(() => {
      const second = document.createElement('case-widget');
      second.id = 'second';
      for (const [k, v] of Object.entries({ endpoint: '/api/cases', catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'ja' })) second.setAttribute(k, v);
      document.querySelector('main').append(second);
    });
    const first = page.locator('case-widget').first();
    const second = page.locator('case-widget#second');
    await first.locator('.cw-wizard[data-step="case-type"]').waitFor();
    await second.locator('.cw-wizard[data-step="case-type"]').waitFor();
    await first.locator('label[for="case_type-technical"]').click();
    await first.locator('[data-action="next"]').click();
    await first.locator('.cw-wizard[data-step="classification"]').waitFor();
    assert.equal(await second.locator('.cw-wizard').getAttribute('data-step'), 'case-type');
    assert.equal(await second.locator('input[name="case_type"]:checked').count(), 0);
    await assertContains(second.locator('.cw-title'), 'サポートケースの作成');
    await page.reload();
    await page.locator('case-widget').first().locator(liveWizard).waitFor();
    assert.equal(await page.locator('case-widget').first().locator(liveWizard).getAttribute('data-step'), 'classification');
  });
});

test('a widget the page removes leaves no error behind, even before its first pause for suggestions is over', async () => {
  const page = await openWidget(env.browser, env.server, aws);
  for (let i = 0; i < 2; i++) {
    await waitForStep(page, 'case-type');
    await page.evaluate(() => document.querySelector('case-widget').remove());
    await page.waitForTimeout(600);
    await page.evaluate(putWidget, { endpoint: '/api/cases', ...aws });
  }
  await waitForStep(page, 'case-type');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

describe('style isolation', () => {
  test("the page's CSS does not reach into the widget, and the widget's does not leak out", async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await waitForStep(page, 'case-type');
    const before = await page.locator('case-widget .cw-heading').first().evaluate((h) => {
      const s = getComputedStyle(h);
      return [s.color, s.fontSize, s.letterSpacing, s.textTransform, s.fontFamily];
    });
    await page.evaluate(() => {
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = 'data:text/css,' + encodeURIComponent('case-widget, case-widget *, h2, .cw-heading, button { color: rgb(255, 0, 0) !important; font-size: 40px !important; letter-spacing: 9px !important; text-transform: uppercase !important; font-family: monospace !important; display: none }');
      document.head.append(style);
      const probe = document.createElement('h2');
      probe.className = 'cw-heading cw-button';
      probe.id = 'probe';
      probe.textContent = 'Page heading';
      document.querySelector('main').prepend(probe);
    });
    const after = await page.locator('case-widget .cw-heading').first().evaluate((h) => {
      const s = getComputedStyle(h);
      return [s.color, s.fontSize, s.letterSpacing, s.textTransform, s.fontFamily];
    });
    assert.deepEqual(after, before);
    assert.ok(await page.locator('case-widget [data-action="next"]').isVisible());
    const probe = await page.locator('#probe').evaluate((h) => getComputedStyle(h).backgroundColor);
    assert.equal(probe, 'rgba(0, 0, 0, 0)', 'the widget\'s .cw-button style does not apply to the page');
  });
});

test('a phone number from the page is prefilled, locked when asked, and stored as given', async () => {
  const page = await openWidget(env.browser, env.server, { ...aws, 'phone-country': 'JP', phone: '03-1234-5678', locked: 'phone' });
  const id = await fileCase(page, mouse, {
    caseType: 'technical', service: 's3', category: 'performance', severity: 'normal',
    subject: 'Phone from the portal', description: 'Call me.', name: 'Ada', email: 'ada@example.com',
    method: 'phone', language: 'en',
    before: async () => {
      assert.equal(await byId(page, 'phone_number').inputValue(), '03-1234-5678');
      assert.equal(await byId(page, 'phone_number').getAttribute('readonly'), '');
      assert.ok(await byId(page, 'phone_country').isDisabled());
    },
  });
  const stored = (await env.server.getCase(id)).case;
  assert.deepEqual(stored.contact.phone, { country: 'JP', number: '03-1234-5678', e164: '+81312345678' });
});
