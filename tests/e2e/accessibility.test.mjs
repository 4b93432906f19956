// WCAG 2.2 AA as axe-core checks it: every step, every error state and the confirmation, in each
// language, on both catalogs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page, state, counts) {
  const result = await new AxeBuilder({ page }).include('case-widget').withTags(tags).analyze();
  counts[state] = result.violations.length;
  const described = result.violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
  return described;
}

const journeys = {
  aws: {
    plan: 'business', caseType: 'technical', service: 'ec2', category: 'instance-issue',
    fields: { region: 'us-east-1', instance_id: 'i-0abcd1234ef567890' }, severity: 'high',
  },
  akamai: {
    plan: 'premium', caseType: 'business', service: 'contracts', category: 'modify', fields: {}, severity: '1',
    accounts: [{ id: 'acme-jp', name: 'ACME Japan' }],
  },
};

describe('axe-core finds no violations', () => {
  for (const [catalog, j] of Object.entries(journeys)) {
    for (const locale of ['en', 'ja', 'ko', 'zh']) {
      test(`${catalog} catalog in ${locale}: every step, error state and the confirmation`, async () => {
        const accounts = j.accounts ? { accounts: JSON.stringify(j.accounts) } : {};
        const page = await openWidget(env.browser, env.server, { catalog: `/case-widget/catalog/${catalog}.json`, plan: j.plan, locale, ...accounts });
        const counts = {};
        const problems = [];
        const check = async (state) => problems.push(...await axe(page, state, counts));
        await waitForStep(page, 'case-type');
        await check('case-type');
        if (j.accounts) {
          await mouse.select(page, 'on_behalf_of', j.accounts[0].id);
          await page.locator('case-widget #customer_may_see').waitFor();
          await check('case-type on behalf of another account');
        }
        await mouse.next(page);
        await check('case-type with error');
        await mouse.radio(page, 'case_type', j.caseType);
        await mouse.next(page);
        await waitForStep(page, 'classification');
        await mouse.next(page);
        await check('classification with error');
        await mouse.select(page, 'service', j.service);
        await mouse.select(page, 'category', j.category);
        await check('classification with category');
        for (const [id, value] of Object.entries(j.fields)) {
          const control = page.locator(`case-widget [id="field.${id}"]`);
          if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
          else await control.fill(value);
        }
        await mouse.next(page);
        await waitForStep(page, 'severity');
        if (catalog === 'aws') {
          await mouse.next(page);
          await check('severity with error');
        }
        await mouse.radio(page, 'severity', j.severity);
        await check('severity');
        if (catalog === 'akamai') {
          await mouse.next(page);
          await check('severity call-only error');
          await mouse.radio(page, 'severity', '3');
        }
        await mouse.next(page);
        await waitForStep(page, 'details');
        await mouse.next(page);
        await check('details with errors');
        await mouse.fill(page, 'subject', 'Subject');
        await mouse.fill(page, 'description', 'Description');
        await mouse.next(page);
        await waitForStep(page, 'attachments');
        await mouse.attach(page, [{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') }]);
        await page.locator('case-widget .cw-file-name').first().waitFor();
        await check('attachments with a refusal');
        await mouse.next(page);
        await waitForStep(page, 'contact');
        await mouse.fill(page, 'email', 'not-an-email');
        await mouse.next(page);
        await check('contact with errors');
        await mouse.fill(page, 'name', 'Ada');
        await mouse.fill(page, 'email', 'ada@example.com');
        await mouse.radio(page, 'contact_method', 'web');
        await mouse.select(page, 'contact_language', locale);
        await mouse.next(page);
        await waitForStep(page, 'review');
        await check('review');
        await mouse.next(page);
        await waitForStep(page, 'done');
        await check('confirmation');
        console.log(`# axe ${catalog} ${locale}: ${JSON.stringify(counts)}`);
        assert.deepEqual(problems, []);
      });
    }
  }
});

/** The deepest focused element inside the widget: tag, id and whether it is a step heading. */
const focusedInWidget = (page) => page.evaluate(() => {
  const el = document.querySelector('case-widget').shadowRoot.activeElement;
  return el && { tag: el.tagName, id: el.id, heading: el.hasAttribute('data-step-heading'), text: el.textContent, outline: getComputedStyle(el).outlineStyle };
});

test('the retry notice and the not-submitted message have no violations, in every language', async () => {
  for (const locale of ['en', 'ja', 'ko', 'zh']) {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale });
    await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
    await answerDetailsAndFiles(page);
    await answerContactAndReview(page);
    await env.server.fault({ kind: 'unavailable', count: 100 });
    await mouse.next(page);
    await page.locator('case-widget [data-action="keep-for-later"]').waitFor();
    const counts = {};
    const problems = await axe(page, 'retrying', counts);
    await page.locator('case-widget [data-action="keep-for-later"]').click();
    await page.locator('case-widget .cw-failure').waitFor();
    problems.push(...await axe(page, 'not submitted', counts));
    await env.server.fault({ kind: 'clear' });
    console.log(`# axe failure states ${locale}: ${JSON.stringify(counts)}`);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

describe('GOV.UK patterns, focus and layout', () => {
  test('each step change moves focus to the new heading; a failed Continue puts "Error:" in the page title', async () => {
    for (const [locale, prefix, heading] of [['en', 'Error: ', 'Service and category'], ['ja', 'エラー: ', 'サービスとカテゴリ']]) {
      const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale });
      await waitForStep(page, 'case-type');
      const title = await page.title();
      await mouse.next(page);
      await page.waitForFunction((p) => document.title.startsWith(p), prefix);
      assert.equal(await page.title(), `${prefix}${title}`);
      assert.equal((await focusedInWidget(page)).tag, 'DIV', 'focus on the error summary');
      await mouse.radio(page, 'case_type', 'technical');
      await mouse.next(page);
      await waitForStep(page, 'classification');
      await page.waitForFunction(() => document.querySelector('case-widget').shadowRoot.activeElement?.hasAttribute('data-step-heading'));
      const focused = await focusedInWidget(page);
      assert.equal(focused.text, heading);
      assert.equal(await page.title(), title, 'the title is restored once the errors are gone');
      await page.context().close();
    }
  });

  test('keyboard focus is always visible', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    await waitForStep(page, 'case-type');
    const seen = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focusedInWidget(page);
      if (f) seen.push(f);
    }
    assert.ok(seen.length >= 4, `focus entered the widget (${seen.length})`);
    for (const f of seen) assert.notEqual(f.outline, 'none', `${f.tag}#${f.id} shows its focus`);
  });

  test('at 320 px wide no step scrolls sideways, and every target is at least 24 × 24 px', async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    const check = async (state) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${state}: ${overflow} px of sideways scroll`);
      const small = await page.evaluate(() => [...document.querySelector('case-widget').shadowRoot.querySelectorAll('button, select, input:not(.cw-visually-hidden), label.cw-button, .cw-summary-action button')]
        .map((el) => ({ el, what: `${el.tagName}#${el.id}.${el.className}`, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => !el.closest('[aria-hidden="true"]') && box.width > 0 && (box.width < 24 || box.height < 24))
        .map(({ what, box }) => `${what} ${Math.round(box.width)}×${Math.round(box.height)}`));
      assert.deepEqual(small, [], state);
    };
    await waitForStep(page, 'case-type');
    await check('case type');
    await mouse.radio(page, 'case_type', 'technical');
    await mouse.next(page);
    await mouse.select(page, 'service', 'ec2');
    await mouse.select(page, 'category', 'instance-issue');
    await check('classification');
    await page.locator('case-widget [id="field.region"]').selectOption('us-east-1');
    await page.locator('case-widget [id="field.instance_id"]').fill('i-0abcd1234ef567890');
    await mouse.next(page);
    await mouse.radio(page, 'severity', 'high');
    await check('severity');
    await mouse.next(page);
    await mouse.next(page);
    await check('details with errors');
    await mouse.fill(page, 'subject', '件名'.repeat(60));
    await mouse.fill(page, 'description', 'とても長い説明'.repeat(40));
    await mouse.next(page);
    await mouse.attach(page, [{ name: 'a-very-long-file-name-that-does-not-fit-on-a-phone-screen.log', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
    await page.locator('case-widget .cw-file-name').first().waitFor();
    await check('attachments');
    await mouse.next(page);
    await mouse.fill(page, 'name', '山田 太郎');
    await mouse.fill(page, 'email', 'taro@example.jp');
    await mouse.radio(page, 'contact_method', 'phone');
    await check('contact');
    await mouse.select(page, 'phone_country', 'JP');
    await mouse.fill(page, 'phone_number', '090-1234-5678');
    await mouse.select(page, 'contact_language', 'ja');
    await mouse.next(page);
    await waitForStep(page, 'review');
    await check('review');
    await context.close();
  });

  test('the dark theme example has no violations either, contrast included', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en', class: 'dark' });
    await page.evaluate(() => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/case-widget/case-widget-dark.css';
      document.head.append(link);
      return new Promise((resolve) => { link.onload = resolve; });
    });
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget .cw-root').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(27, 31, 35)');
    const counts = {};
    const problems = await axe(page, 'dark case-type', counts);
    await mouse.next(page);
    problems.push(...await axe(page, 'dark case-type with error', counts));
    assert.deepEqual(problems, []);
  });
});

test('choosing a radio with the arrow keys keeps focus on the radio group', async () => {
  for (const attrs of [{}, { 'case-type': 'technical' }]) {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en', ...attrs });
    await waitForStep(page, 'case-type');
    await page.locator('case-widget [id="case_type-account-billing"]').focus();
    await page.keyboard.press('Space');
    for (const expected of ['case_type-service-limit-increase', 'case_type-technical']) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(50);
      assert.equal((await focusedInWidget(page))?.id, expected);
    }
    await page.context().close();
  }
});

test('fields keep exactly what was typed through an error, say how to fill them, and the step is announced', async () => {
  const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
  await waitForStep(page, 'case-type');
  const progress = page.locator('case-widget .cw-progress');
  assert.equal(await progress.getAttribute('aria-live'), 'polite');
  assert.equal(await progress.innerText(), 'Step 1 of 7');
  await page.locator('case-widget form').evaluate((form) => { if (!form.noValidate) throw new Error('form validates natively'); });
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
  await mouse.fill(page, 'subject', 'Spaces kept  ');
  await mouse.fill(page, 'description', '  ');
  await mouse.next(page);
  await page.locator('case-widget [id="description-error"]').waitFor();
  assert.equal(await page.locator('case-widget [id="subject"]').inputValue(), 'Spaces kept  ');
  assert.equal(await page.locator('case-widget [id="description"]').inputValue(), '  ');
  assert.equal(await progress.innerText(), 'Step 4 of 7');
  await mouse.fill(page, 'description', 'Now described.');
  await mouse.next(page);
  await mouse.next(page);
  await waitForStep(page, 'contact');
  const autocomplete = await page.locator('case-widget input[autocomplete]').evaluateAll((inputs) => Object.fromEntries(inputs.map((i) => [i.id, i.getAttribute('autocomplete')])));
  assert.equal(autocomplete.email, 'email');
  assert.equal(autocomplete.name, 'name');
  await mouse.radio(page, 'contact_method', 'phone');
  assert.equal(await page.locator('case-widget [id="phone_number"]').getAttribute('autocomplete'), 'tel');
  assert.equal(await page.locator('case-widget [id="phone_number"]').getAttribute('type'), 'tel');
  const optional = await page.locator('case-widget .cw-label').allInnerTexts();
  assert.ok(optional.some((l) => l.includes('(optional)')));
  assert.ok(optional.every((l) => !l.includes('*')), 'no asterisks');
});

describe('axe-core finds no violations on the newer surfaces', () => {
  for (const locale of ['en', 'ja', 'ko', 'zh']) {
    test(`${locale}: Emerging Products' contacts, Aura's initial contact, a language team away, suggested articles and "Solve now or contact us"`, async () => {
      const problems = [];
      const counts = {};
      const check = async (page, state) => problems.push(...await axe(page, state, counts));
      for (const caseType of ['emerging', 'aura']) {
        const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/akamai.json', plan: 'premium', locale });
        await waitForStep(page, 'case-type');
        await mouse.radio(page, 'case_type', caseType);
        await mouse.next(page);
        await waitForStep(page, 'classification');
        const service = await page.locator('case-widget [id="service"] option:not([value=""])').first().getAttribute('value');
        await mouse.select(page, 'service', service);
        const category = await page.locator('case-widget [id="category"] option:not([value=""])').first().getAttribute('value');
        await mouse.select(page, 'category', category);
        await mouse.next(page);
        await waitForStep(page, 'severity');
        const first = await page.locator('case-widget input[name="severity"]').first().getAttribute('value');
        await mouse.radio(page, 'severity', first);
        await check(page, `${caseType} severity`);
        await page.context().close();
      }
      // A Developer customer choosing Korean on a Saturday: the team is away.
      const away = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'developer', locale }, {
        timezoneId: 'Asia/Seoul', prepare: (p) => p.clock.setFixedTime(new Date('2026-11-28T03:00:00Z')),
      });
      await answerFirstSteps(away, { caseType: 'technical', service: 'ec2', category: 'connectivity', severity: 'low' });
      await mouse.fill(away, 'subject', locale === 'en' ? 'Cannot connect over SSH after a reboot' : '재부팅 후 SSH 접속이 안 됩니다');
      await mouse.fill(away, 'description', 'SSH');
      await away.locator('case-widget .cw-suggestions li').first().waitFor();
      await check(away, 'details with suggested articles');
      await mouse.next(away);
      await waitForStep(away, 'attachments');
      await mouse.next(away);
      await waitForStep(away, 'solve-now');
      await check(away, 'solve now or contact us');
      await away.locator('case-widget [data-action="solved"]').click();
      await check(away, 'solve now, confirming');
      await away.locator('case-widget [data-action="solved-no"]').click();
      await mouse.next(away);
      await waitForStep(away, 'contact');
      await mouse.select(away, 'contact_language', 'ko');
      await away.locator('case-widget .cw-team-hours').filter({ hasText: /\d/ }).waitFor();
      await check(away, 'contact with the Korean team away');
      await away.context().close();
      assert.deepEqual(problems, [], JSON.stringify(counts));
    });
  }
});
