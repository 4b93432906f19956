// The Akamai catalog in the browser, against Akamai's support guide: the SLA table's nine support
// types and its footnote 1 (severity 1 opened by phone only), the default severities of business,
// billing and managed security cases, and the severity tables of Emerging Products and Aura.
// Walks stop at the severity step, or one step after it: nothing here files a case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFirstSteps, assertContains, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();

const akamai = (plan, locale = 'en') => ({ catalog: '/case-widget/catalog/akamai.json', plan, locale });

/** The SLA table: each support type's first response for severity 1, 2 and 3. */
const sla = {
  'premium-3': ['15 minutes', '1 hour', '1 business day'],
  premium: ['30 minutes', '1 hour', '1 business day'],
  advanced: ['30 minutes', '2 hours', '1 business day'],
  'named-enhanced': ['30 minutes', '2 hours', '1 business day'],
  plus: ['1 hour', '2 hours', '1 business day'],
  'priority-enhanced': ['30 minutes', '2 hours', '1 business day'],
  priority: ['1 hour', '2 hours', '1 business day'],
  'standard-enhanced': ['30 minutes', '2 hours', '1 business day'],
  standard: ['2 hours', '4 hours', '2 business days'],
};

/** Footnote 1, "Request must be opened via phone", on these rows' severity 1. */
const footnote1 = new Set(['premium-3', 'premium', 'named-enhanced', 'standard-enhanced']);

/** Severity 1 "reported through Akamai Technical Support" on these rows. */
const throughTechnicalSupport = new Set(['advanced', 'plus']);

const callout = (page) => page.locator('case-widget .cw-callout');
const notices = (page) => page.locator('case-widget .cw-catalog-notice');

/** The severity radios as offered: value, whether chosen, label and hint. */
function severities(page) {
  return page.locator('case-widget input[name="severity"]').evaluateAll((radios) => radios.map((r) => {
    const root = r.getRootNode();
    return {
      value: r.value,
      checked: r.checked,
      label: root.querySelector(`label[for="${r.id}"]`)?.innerText ?? '',
      hint: root.getElementById(`${r.id}-hint`)?.innerText ?? '',
    };
  }));
}

/** The parts of a severity's hint: its definition, its time, when that falls due. */
const promises = (option) => option.hint.split(' · ');

/** The `href`s of the links in the notices shown, e.g. `tel:+18774252832`. */
const noticeLinks = (page) => notices(page).locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

async function reachSeverity(plan, caseType, service, category, { locale = 'en', fields = {} } = {}) {
  const page = await openWidget(env.browser, env.server, akamai(plan, locale));
  await answerFirstSteps(page, { caseType, service, category, fields });
  return page;
}

const technical = (plan) => reachSeverity(plan, 'technical', 'dns', 'resolution', { fields: { zone: 'example.com' } });

async function close(page) {
  assert.deepEqual(page.problems, []);
  await page.context().close();
}

describe('the SLA table, plan by plan', () => {
  for (const [plan, times] of Object.entries(sla)) {
    const phoneOnly = footnote1.has(plan);
    test(`${plan}: technical severities 1-3 answer within ${times.join(', ')}; severity 1 is ${phoneOnly ? 'phone-only' : 'filed online'}`, async () => {
      const page = await technical(plan);
      const offered = await severities(page);
      assert.deepEqual(offered.map((o) => o.value), ['1', '2', '3']);
      assert.deepEqual(offered.map((o) => o.label), ['1 - Major impact', '2 - Moderate impact', '3 - Low impact']);
      offered.forEach((o, i) => assert.ok(promises(o).includes(`First response within ${times[i]}`), `${plan} severity ${o.value}: ${o.hint}`));
      assert.ok(offered.every((o) => !o.checked), 'technical cases have no default severity');

      await mouse.radio(page, 'severity', '1');
      if (phoneOnly) {
        await assertContains(callout(page), 'Call +1-877-425-2832 now');
        assert.equal(await callout(page).locator('a').getAttribute('href'), 'tel:+18774252832');
        await mouse.next(page);
        await assertContains(page.locator('case-widget .cw-error-summary'), "This severity can't be opened online: call +1-877-425-2832");
        await waitForStep(page, 'severity');
      } else {
        assert.equal(await callout(page).count(), 0);
        const texts = (await notices(page).allInnerTexts()).join('\n');
        const through = throughTechnicalSupport.has(plan);
        assert.equal(texts.includes('the severity 1 response time applies to issues reported through Akamai Technical Support'), through, texts);
        assert.equal(texts.includes('Recommended escalation: open a case here, or optionally call'), !through, texts);
        assert.ok((await noticeLinks(page)).includes('tel:+18774252832'));
        await mouse.next(page);
        await waitForStep(page, 'details');
      }
      await close(page);
    });
  }
});

describe('default severities', () => {
  for (const [caseType, service, category, chosen] of [
    ['business', 'contracts', 'modify', '3'],
    ['billing', 'invoices', 'usage', '3'],
    ['managed-security', 'managed-security', 'report', '2'],
  ]) {
    test(`${caseType} cases start at severity ${chosen}, and their severity 1 is phone-only even where technical cases file it online`, async () => {
      const page = await reachSeverity('priority', caseType, service, category);
      const offered = await severities(page);
      assert.deepEqual(offered.map((o) => [o.value, o.checked]), [['1', false], ['2', chosen === '2'], ['3', chosen === '3']]);
      await assertContains(notices(page).filter({ hasText: 'you must call support directly' }), `default to severity ${chosen}`);
      await mouse.radio(page, 'severity', '1');
      await assertContains(callout(page), 'Call +1-877-425-2832 now');
      await close(page);
    });
  }
});

describe('Emerging Products', () => {
  test('four levels of their own, with no time promised, and their own e-mail and phones', async () => {
    const page = await reachSeverity('premium', 'emerging', 'emerging-products', 'installation');
    const offered = await severities(page);
    assert.deepEqual(offered.map((o) => o.label), ['1 - Critical impact', '2 - Major impact', '3 - Moderate impact', '4 - Low impact']);
    assert.ok(offered[0].hint.startsWith('An existing network or environment is down'), offered[0].hint);
    for (const o of offered) {
      assert.ok(!/First response|Initial contact|Expected by/.test(o.hint), o.hint);
    }
    assert.deepEqual(await noticeLinks(page), ['mailto:epe-support@akamai.com']);

    await mouse.radio(page, 'severity', 'emerging-1');
    assert.equal(await callout(page).count(), 0, 'a critical issue may be filed online too');
    await assertContains(notices(page).filter({ hasText: 'For a critical issue, call 24×7' }), '+1-855-625-2624 (1-855-6-AKAMAI) / +1-617-444-4605');
    assert.deepEqual(await noticeLinks(page), ['mailto:epe-support@akamai.com', 'tel:+18556252624', 'tel:+16174444605']);

    await mouse.radio(page, 'severity', 'emerging-2');
    assert.deepEqual(await noticeLinks(page), ['mailto:epe-support@akamai.com']);
    await mouse.next(page);
    await waitForStep(page, 'details');
    await close(page);
  });
});

describe('Aura', () => {
  for (const [locale, thirtyMinutes, twoHours, oneBusinessDay] of [
    ['en', 'Initial contact within 30 minutes', 'Initial contact within 2 hours', 'Initial contact within 1 business day'],
    ['ja', '初回連絡: 30分以内', '初回連絡: 2時間以内', '初回連絡: 1営業日以内'],
    ['zh', '首次联系：30 分钟内', '首次联系：2 小时内', '首次联系：1 个工作日内'],
  ]) {
    test(`severities promise an initial contact, not a first response (${locale})`, async () => {
      const page = await reachSeverity('standard', 'aura', 'aura', 'information', { locale });
      const offered = await severities(page);
      assert.deepEqual(offered.map((o) => o.value), ['aura-1', 'aura-2', 'aura-3']);
      [thirtyMinutes, twoHours, oneBusinessDay].forEach((time, i) => assert.ok(promises(offered[i]).includes(time), offered[i].hint));
      assert.ok(offered.every((o) => !/First response|初回応答|首次响应/.test(o.hint)));
      await close(page);
    });
  }
});
