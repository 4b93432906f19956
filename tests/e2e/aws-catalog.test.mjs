// The shipped AWS catalog in the browser, against the AWS support guides: the severities each plan
// may choose for account and billing, who may name others to notify, when the Japanese, Chinese
// and Korean teams answer Developer customers, and deadlines that skip a team's holidays.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerDetailsAndFiles, answerFirstSteps, assertContains, byId, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();

const aws = (plan, extra = {}) => ({ catalog: '/case-widget/catalog/aws.json', plan, locale: 'en', ...extra });
const shipped = () => JSON.parse(readFileSync(new URL('../../public/catalog/aws.json', import.meta.url), 'utf8'));

/** Opens the widget with the browser's clock fixed at `now` (an ISO instant). */
const openAt = (now, attrs, options = {}) => openWidget(env.browser, env.server, attrs, {
  ...options,
  prepare: (page) => page.clock.setFixedTime(new Date(now)),
});

const radioValues = (page, name) => page.locator(`case-widget input[name="${name}"]`).evaluateAll((rs) => rs.map((r) => r.value));
const hint = (page, severity) => byId(page, `severity-${severity}-hint`).innerText();
const teamHours = (page) => page.locator('case-widget .cw-team-hours');

/** A technical EC2 case up to the contact step. */
async function reachTechnicalContact(page) {
  await answerFirstSteps(page, { caseType: 'technical', service: 'ec2', category: 'connectivity', severity: 'low' });
  await answerDetailsAndFiles(page);
}

/** An account-and-billing case, at its default severity, up to the contact step. */
async function reachBillingContact(page) {
  await answerFirstSteps(page, { caseType: 'account-billing', service: 'billing', category: 'invoice' });
  await mouse.next(page);
  await answerDetailsAndFiles(page);
}

/** Waits until the team-hours note under the language says nothing. */
async function assertNoTeamNote(page) {
  await page.waitForFunction(() => {
    const note = document.querySelector('case-widget').shadowRoot.querySelector('.cw-team-hours');
    return note && note.textContent.trim() === '';
  }, null, { timeout: 5000 });
}

describe('account and billing severities', () => {
  test('each plan is offered the severities and first-response times of the billing example; Basic is promised no time', async () => {
    const expected = {
      basic: { low: null },
      developer: { low: '24 hours', normal: '12 hours' },
      business: { low: '24 hours', normal: '12 hours', high: '4 hours', urgent: '1 hour' },
      'enterprise-on-ramp': { low: '24 hours', normal: '12 hours', high: '4 hours', urgent: '1 hour', critical: '30 minutes' },
      enterprise: { low: '24 hours', normal: '12 hours', high: '4 hours', urgent: '1 hour', critical: '15 minutes' },
    };
    for (const [plan, times] of Object.entries(expected)) {
      const page = await openWidget(env.browser, env.server, aws(plan));
      await answerFirstSteps(page, { caseType: 'account-billing', service: 'billing', category: 'invoice' });
      assert.deepEqual(await radioValues(page, 'severity'), Object.keys(times), plan);
      for (const [severity, time] of Object.entries(times)) {
        const text = await hint(page, severity);
        if (time) {
          assert.match(text, new RegExp(`First response within ${time}\\b`), `${plan} ${severity}`);
          assert.match(text, /Expected by/, `${plan} ${severity}`);
        } else {
          assert.doesNotMatch(text, /First response|Expected by/, `${plan} ${severity}: no time promised`);
        }
      }
      const notices = (await page.locator('case-widget .cw-catalog-notice').allInnerTexts()).join('\n');
      assert.equal(/Response times are for the first response/.test(notices), plan !== 'basic', plan);
      assert.equal(/24\/7 access/.test(notices), !['basic', 'developer'].includes(plan), plan);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});

describe('contact options by plan', () => {
  test('Basic and Developer see no CC field, and the server refuses a CC from them', async () => {
    for (const [plan, reach, methods] of [
      ['basic', reachBillingContact, ['web', 'chat', 'phone']],
      ['developer', reachTechnicalContact, ['web']],
    ]) {
      const page = await openWidget(env.browser, env.server, aws(plan));
      await reach(page);
      await byId(page, 'contact_language').waitFor();
      assert.equal(await byId(page, 'cc').count(), 0, `${plan}: no CC field`);
      assert.deepEqual(await radioValues(page, 'contact_method'), methods, plan);
      await page.context().close();
    }
    const post = async (plan) => fetch(`${env.server.url}/api/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        spam_check: await env.server.spamCheck(),
        catalog: 'aws', plan, locale: 'en',
        case_type: 'account-billing', service: 'billing', category: 'invoice', severity: 'low', fields: {},
        subject: 'Invoice total', description: 'The November invoice is higher than expected.',
        contact: { name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en' },
        cc: ['finance@example.com'], attachments: [],
      }),
    });
    const before = await env.server.countCases();
    for (const plan of ['basic', 'developer']) {
      const response = await post(plan);
      assert.equal(response.status, 422, plan);
      const body = await response.json();
      assert.deepEqual(body.fields.map((f) => [f.field, f.code]), [['cc', 'error-cc-not-in-plan']], plan);
    }
    assert.equal(await env.server.countCases(), before, 'nothing stored');
    assert.equal((await post('business')).status, 201, 'Business may name others to notify');
  });
});

describe('language teams on the Developer plan', () => {
  test('choosing Korean outside Korean business hours tells when the team next opens; English says nothing', async () => {
    // Saturday 28 November 2026, 12:00 in Seoul; the customer is in Los Angeles.
    const page = await openAt('2026-11-28T03:00:00Z', aws('developer'), { timezoneId: 'America/Los_Angeles' });
    await reachTechnicalContact(page);
    const options = await byId(page, 'contact_language').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, ['en', 'ja', 'zh', 'ko']);
    await mouse.select(page, 'contact_language', 'ko');
    // Monday 08:00 in Seoul is Sunday 15:00 in Los Angeles.
    await assertContains(teamHours(page), 'The Korean team works business hours and is away now. It next starts Sun 11/29 15:00 (your time)');
    await mouse.select(page, 'contact_language', 'en');
    await assertNoTeamNote(page);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('inside Korean business hours nothing is said, while the Chinese team, an hour behind, is still away', async () => {
    // Tuesday 1 December 2026, 08:30 in Seoul and 07:30 in Beijing.
    const page = await openAt('2026-11-30T23:30:00Z', aws('developer'), { timezoneId: 'Asia/Seoul' });
    await reachTechnicalContact(page);
    await mouse.select(page, 'contact_language', 'zh');
    await assertContains(teamHours(page), 'The Chinese team works business hours and is away now. It next starts Tue 12/1 09:00 (your time)');
    await mouse.select(page, 'contact_language', 'ko');
    await assertNoTeamNote(page);
    await page.context().close();
  });

  test('a team away for a holiday opens on its next working day', async () => {
    // Christmas Eve, 19:00 in Seoul: Christmas is a Korean holiday, then the weekend.
    const page = await openAt('2026-12-24T10:00:00Z', aws('developer'), { timezoneId: 'Asia/Seoul' });
    await reachTechnicalContact(page);
    await mouse.select(page, 'contact_language', 'ko');
    await assertContains(teamHours(page), 'It next starts Mon 12/28 08:00 (your time)');
    await page.context().close();
  });

  test('account and billing is answered in English or Japanese only', async () => {
    const page = await openWidget(env.browser, env.server, aws('developer', { locale: 'ko' }));
    await reachBillingContact(page);
    const options = await byId(page, 'contact_language').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, ['en', 'ja']);
    assert.equal(await byId(page, 'contact_language').inputValue(), '', 'Korean is not preselected where it is not offered');
    await page.context().close();
  });
});

describe('deadlines and holidays', () => {
  test('a first-response deadline that crosses a listed holiday skips it', async () => {
    // The Developer plan counted in the Korean team's hours and holidays: a copy of the catalog.
    const catalog = shipped();
    const korean = catalog.contact_languages.find((l) => l.id === 'ko').team_hours[0].hours;
    assert.ok(korean.holidays.includes('2026-12-25'), 'Christmas is a Korean public holiday');
    catalog.plans.find((p) => p.id === 'developer').business_hours = korean;
    writeFileSync(join(env.server.dist, 'catalog', 'aws-korean-hours.json'), JSON.stringify(catalog));
    // Christmas Eve, Thursday, 17:00 in Seoul: one business hour left that day.
    const page = await openAt('2026-12-24T08:00:00Z', aws('developer', { catalog: '/case-widget/catalog/aws-korean-hours.json' }), { timezoneId: 'Asia/Seoul' });
    await answerFirstSteps(page, { caseType: 'technical', service: 'ec2', category: 'connectivity' });
    await assertContains(page.locator('case-widget .cw-root'), 'Response times count business hours only: 08:00–18:00 on working days, Asia/Seoul time.');
    // 12 hours: 1 on Thursday, none on Christmas or the weekend, 10 on Monday, 1 on Tuesday.
    await assertContains(byId(page, 'severity-normal-hint'), 'Expected by Tue 12/29 09:00');
    // 24 hours: 1 + 10 + 10, then 3 on Wednesday.
    await assertContains(byId(page, 'severity-low-hint'), 'Expected by Wed 12/30 11:00');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('third-party software', () => {
  test('is a technical service for Business and up only', async () => {
    for (const [plan, offered] of [['developer', false], ['business', true]]) {
      const page = await openWidget(env.browser, env.server, aws(plan));
      await waitForStep(page, 'case-type');
      await mouse.radio(page, 'case_type', 'technical');
      await mouse.next(page);
      const services = await byId(page, 'service').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.equal(services.includes('third-party-software'), offered, plan);
      await page.context().close();
    }
  });
});
