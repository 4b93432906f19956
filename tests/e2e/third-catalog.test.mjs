// A third company's catalog, Kumo Ledger's, walked in all four languages: first-response times
// set by case type, a code checked against the catalog's pattern in the catalog's own words,
// named business hours with their holidays, filing for client accounts by plan, refused file types,
// and the reference server taking, and refusing, cases under the same rules.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerDetailsAndFiles, assertContains, byId, file, liveWizard, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const fixture = new URL('../../core/tests/fixtures/kumo-ledger-catalog.json', import.meta.url).pathname;
const kumo = JSON.parse(readFileSync(fixture, 'utf8'));

// The server checks cases against the catalogs it is given: the shipped ones and Kumo Ledger's.
const catalogs = mkdtempSync(join(tmpdir(), 'case-widget-catalogs-'));
cpSync(new URL('../../public/catalog', import.meta.url).pathname, catalogs, { recursive: true });
cpSync(fixture, join(catalogs, 'kumo-ledger.json'));

const env = useServerAndBrowser({ args: ['--catalogs', catalogs] });
after(() => rmSync(catalogs, { recursive: true, force: true }));

// Monday 28 December 2026, 19:00 in Tokyo: after hours, and the Tokyo team's year-end holidays
// (29 December to 3 January) come next.
const now = '2026-12-28T10:00:00Z';
const accounts = [{ id: 'tk-bakery', name: 'Tokyo Bakery' }];

/** Opens the widget on Kumo Ledger's catalog, served beside the shipped ones, at `now` in Tokyo. */
function open(plan, locale, extra = {}) {
  cpSync(fixture, join(env.server.dist, 'catalog', 'kumo-ledger.json'));
  return openWidget(env.browser, env.server, {
    catalog: '/case-widget/catalog/kumo-ledger.json', plan, locale, accounts: JSON.stringify(accounts), ...extra,
  }, { timezoneId: 'Asia/Tokyo', prepare: (page) => page.clock.setFixedTime(new Date(now)) });
}

const field = (service, category, id) => kumo.services.find((s) => s.id === service)
  .categories.find((c) => c.id === category).fields.find((f) => f.id === id);

/** What each language shows, in the widget's words; the catalog's own words are read from it. */
const says = {
  en: {
    filingContact: 'Initial contact within 30 minutes',
    filingDue: 'Expected by Mon 12/28 19:30',
    partnerBlocked: 'First response within 2 hours',
    partnerBlockedDue: 'Expected by Mon 12/28 21:00',
    ownAccount: 'Your own account',
    dayWithin: 'First response within 1 business day',
    fourHours: 'First response within 4 hours',
    billingDue: 'Expected by Mon 1/4 13:00',
    technicalDue: 'Expected by Tue 12/29 19:00',
    billingHours: 'Response times count business hours only: 09:00–18:00 on working days, Asia/Tokyo time.',
    technicalHours: 'Response times count business hours only: 08:00–22:00 on working days, Asia/Tokyo time.',
    englishAway: 'The English team works business hours and is away now. It next starts Mon 1/4 09:00 (your time)',
    refused: (name) => `“${name}” is not a type of file you can attach here`,
  },
  ja: {
    filingContact: '初回連絡: 30分以内',
    filingDue: '目安: 12月28日(月) 19:30まで',
    partnerBlocked: '初回応答: 2時間以内',
    partnerBlockedDue: '目安: 12月28日(月) 21:00まで',
    ownAccount: 'ご自身のアカウント',
    dayWithin: '初回応答: 1営業日以内',
    fourHours: '初回応答: 4時間以内',
    billingDue: '目安: 1月4日(月) 13:00まで',
    technicalDue: '目安: 12月29日(火) 19:00まで',
    billingHours: '応答時間は営業時間 (平日 09:00–18:00、Asia/Tokyo 時間) のみで計算されます。',
    technicalHours: '応答時間は営業時間 (平日 08:00–22:00、Asia/Tokyo 時間) のみで計算されます。',
    englishAway: '英語のチームは営業時間のみ対応しており、現在は時間外です。次の対応開始は 1月4日(月) 09:00 (お客様の現地時間) です。',
    refused: (name) => `「${name}」はここに添付できない種類のファイルです`,
  },
  ko: {
    filingContact: '최초 연락: 30분 이내',
    filingDue: '예상: 12월 28일(월) 19:30까지',
    partnerBlocked: '첫 응답: 2시간 이내',
    partnerBlockedDue: '예상: 12월 28일(월) 21:00까지',
    ownAccount: '본인 계정',
    dayWithin: '첫 응답: 영업일 기준 1일 이내',
    fourHours: '첫 응답: 4시간 이내',
    billingDue: '예상: 1월 4일(월) 13:00까지',
    technicalDue: '예상: 12월 29일(화) 19:00까지',
    billingHours: '응답 시간은 영업 시간(Asia/Tokyo 기준 평일 09:00–18:00)만 계산됩니다.',
    technicalHours: '응답 시간은 영업 시간(Asia/Tokyo 기준 평일 08:00–22:00)만 계산됩니다.',
    englishAway: '영어 팀은 영업 시간에만 응대하며 지금은 업무 시간이 아닙니다. 다음 업무 시작은 1월 4일(월) 09:00(고객님 현지 시간)입니다.',
    refused: (name) => `"${name}"은(는) 여기에 첨부할 수 없는 파일 형식입니다`,
  },
  zh: {
    filingContact: '首次联系：30 分钟内',
    filingDue: '预计 12月28日（周一）19:30 前',
    partnerBlocked: '首次响应：2 小时内',
    partnerBlockedDue: '预计 12月28日（周一）21:00 前',
    ownAccount: '您自己的账户',
    dayWithin: '首次响应：1 个工作日内',
    fourHours: '首次响应：4 小时内',
    billingDue: '预计 1月4日（周一）13:00 前',
    technicalDue: '预计 12月29日（周二）19:00 前',
    billingHours: '响应时间仅按工作时间计算：Asia/Tokyo 时间工作日 09:00–18:00。',
    technicalHours: '响应时间仅按工作时间计算：Asia/Tokyo 时间工作日 08:00–22:00。',
    englishAway: '英语团队仅在工作时间服务，现在不在工作时间。下次开始服务为 1月4日（周一）09:00（您的当地时间）',
    refused: (name) => `“${name}”不是此处允许添加的文件类型`,
  },
};

const wizard = (page) => page.locator(`case-widget ${liveWizard}`);

/**
 * Answers the classification step with a wrong code, then the right one: the catalog's own
 * message for the pattern shows at the field, beside its hint, until the code is right.
 */
async function answerCode(page, locale, { service, category, id, wrong, right }) {
  const f = field(service, category, id);
  await mouse.select(page, 'service', service);
  await mouse.select(page, 'category', category);
  await assertContains(byId(page, `field.${id}-hint`), f.hint[locale]);
  await mouse.fill(page, `field.${id}`, wrong);
  await mouse.next(page);
  await assertContains(byId(page, `field.${id}-error`), f.pattern_error[locale]);
  await assertContains(page.locator('case-widget .cw-error-summary'), f.pattern_error[locale]);
  assert.equal(await wizard(page).getAttribute('data-step'), 'classification');
  await mouse.fill(page, `field.${id}`, right);
  await mouse.next(page);
  await waitForStep(page, 'severity');
}

/** Goes back from the severity step to the first and chooses `caseType` instead. */
async function retype(page, caseType) {
  for (const previous of ['classification', 'case-type']) {
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, previous);
  }
  await mouse.radio(page, 'case_type', caseType);
  await mouse.next(page);
}

/** The severity's hint says each of `texts`: what is promised, within what time, by when. */
async function assertPromise(page, severity, ...texts) {
  const hint = await byId(page, `severity-${severity}-hint`).innerText();
  for (const text of texts) assert.ok(hint.includes(text), `${JSON.stringify(text)} in ${JSON.stringify(hint)}`);
}

/** Answers the classification step with a ledger entry's company code and goes on to severity. */
async function classifyEntry(page) {
  await waitForStep(page, 'classification');
  await mouse.select(page, 'service', 'ledger');
  await mouse.select(page, 'category', 'entries');
  await mouse.fill(page, 'field.company_code', 'KL-OS0815');
  await mouse.next(page);
  await waitForStep(page, 'severity');
}

const caseTypes = (page) => page.locator('case-widget input[name="case_type"]').evaluateAll((rs) => rs.map((r) => r.value));

for (const locale of ['en', 'ja', 'ko', 'zh']) {
  describe(`Kumo Ledger in ${locale}`, () => {
    const s = says[locale];

    test('filing for a client account is offered to the partner plan and to accountants, not to the team plan', async () => {
      const team = await open('team', locale);
      await waitForStep(team, 'case-type');
      assert.equal(await byId(team, 'on_behalf_of').count(), 0, 'the team plan files for its own account only');
      await team.context().close();
      for (const [plan, extra] of [['partner', {}], ['team', { entitlements: 'accountant' }]]) {
        const page = await open(plan, locale, extra);
        await waitForStep(page, 'case-type');
        const options = await byId(page, 'on_behalf_of').locator('option').allInnerTexts();
        assert.deepEqual(options, [s.ownAccount, 'Tokyo Bakery (tk-bakery)'], plan);
        assert.deepEqual(page.problems, []);
        await page.context().close();
      }
    });

    test('the same severity is answered in 4 hours about an invoice and in a business day about the ledger, each in its own hours; codes follow their patterns; refused file types are refused', async () => {
      const page = await open('team', locale);
      await waitForStep(page, 'case-type');
      await mouse.radio(page, 'case_type', 'billing');
      await mouse.next(page);
      await answerCode(page, locale, { service: 'subscription', category: 'invoice', id: 'invoice_number', wrong: 'INV-26-123', right: 'INV-2026-00123' });
      await assertPromise(page, 'question', s.fourHours, s.billingDue);
      await assertContains(wizard(page), s.billingHours);

      await retype(page, 'technical');
      await answerCode(page, locale, { service: 'ledger', category: 'entries', id: 'company_code', wrong: 'kl-tk0042', right: 'KL-TK0042' });
      await assertPromise(page, 'question', s.dayWithin, s.technicalDue);
      await assertContains(wizard(page), s.technicalHours);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, `kumo-${locale}-severity.png`), fullPage: true });

      await mouse.radio(page, 'severity', 'question');
      await mouse.next(page);
      await waitForStep(page, 'details');
      await mouse.fill(page, 'subject', 'Journal entry rejected');
      await mouse.fill(page, 'description', 'A journal entry for December is rejected on saving.');
      await mouse.next(page);
      await waitForStep(page, 'attachments');
      await mouse.attach(page, [
        file('notes.txt', 'text/plain', 'The entry is dated 2026-12-27.'),
        file('notes.txt.js', 'text/plain', 'alert(1)'),
        file('invoice.html', 'text/html', '<!doctype html><p>Invoice</p>'),
        file('logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      ]);
      const refusals = page.locator('case-widget #attachments-refusals');
      for (const name of ['notes.txt.js', 'invoice.html', 'logo.svg']) await assertContains(refusals, s.refused(name));
      assert.deepEqual(await page.locator('case-widget .cw-file-name').allInnerTexts(), ['notes.txt']);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, `kumo-${locale}-attachments.png`), fullPage: true });
      await mouse.next(page);
      await waitForStep(page, 'contact');
      // The team plan's English team keeps the plan's hours: nothing to say about it.
      await mouse.select(page, 'contact_language', 'en');
      assert.equal((await page.locator('case-widget .cw-team-hours').innerText()).trim(), '');

      if (locale === 'ja') {
        await mouse.fill(page, 'name', '山田 花子');
        await mouse.fill(page, 'email', 'hanako@example.jp');
        await mouse.radio(page, 'contact_method', 'web');
        await mouse.select(page, 'contact_language', 'ja');
        await mouse.next(page);
        await waitForStep(page, 'review');
        await assertContains(page.locator('case-widget .cw-summary'), 'KL-TK0042');
        await mouse.next(page);
        await waitForStep(page, 'done');
        const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)?.[0];
        assert.ok(id, 'a case ID');
        const stored = (await env.server.getCase(id)).case;
        assert.equal(stored.catalog, 'kumo-ledger');
        assert.equal(stored.plan, 'team');
        assert.equal(stored.severity, 'question');
        assert.deepEqual(stored.fields, { company_code: 'KL-TK0042' });
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('in the filing season, a partner with the entitlement is promised initial contact in 30 minutes, sooner than a blocked ledger; the notice says so', async () => {
      const plain = await open('partner', locale);
      await waitForStep(plain, 'case-type');
      assert.deepEqual(await caseTypes(plain), ['technical', 'billing'], 'filing needs the entitlement');
      await plain.context().close();

      const page = await open('partner', locale, { entitlements: 'tax-season' });
      await waitForStep(page, 'case-type');
      assert.deepEqual(await caseTypes(page), ['technical', 'billing', 'tax-filing']);
      await mouse.radio(page, 'case_type', 'tax-filing');
      await mouse.next(page);
      await classifyEntry(page);
      await assertPromise(page, 'blocked', s.filingContact, s.filingDue);
      await assertContains(page.locator('case-widget .cw-catalog-notice'), kumo.notices[0].text[locale]);

      await retype(page, 'technical');
      await classifyEntry(page);
      await assertPromise(page, 'blocked', s.partnerBlocked, s.partnerBlockedDue);
      assert.equal(await page.locator('case-widget .cw-catalog-notice').count(), 0, 'the notice is for filing only');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('on the starter plan, the English team keeps Tokyo hours and holidays: the contact step says when it is back', async () => {
      const page = await open('starter', locale);
      await waitForStep(page, 'case-type');
      await mouse.radio(page, 'case_type', 'billing');
      await mouse.next(page);
      await mouse.select(page, 'service', 'subscription');
      await mouse.select(page, 'category', 'invoice');
      await mouse.fill(page, 'field.invoice_number', 'CRN-2026-00007');
      await mouse.next(page);
      await waitForStep(page, 'severity');
      await assertPromise(page, 'question', s.dayWithin);
      await mouse.radio(page, 'severity', 'question');
      await mouse.next(page);
      await answerDetailsAndFiles(page, { subject: 'Credit note', description: 'The credit note for December is missing.' });
      await mouse.select(page, 'contact_language', 'en');
      await assertContains(page.locator('case-widget .cw-team-hours'), s.englishAway);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, `kumo-${locale}-contact.png`), fullPage: true });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  });
}

describe('Kumo Ledger at the reference server', () => {
  const post = async (plan, change) => {
    const body = {
      spam_check: await env.server.spamCheck(),
      catalog: 'kumo-ledger', plan, locale: 'en',
      case_type: 'technical', service: 'ledger', category: 'entries', severity: 'question', fields: { company_code: 'KL-TK0042' },
      subject: 'Journal entry rejected', description: 'A journal entry for December is rejected on saving.',
      contact: { name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en' }, attachments: [],
    };
    change(body);
    return fetch(`${env.server.url}/api/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  };
  const refusal = async (response) => {
    assert.equal(response.status, 422);
    return (await response.json()).fields.map((f) => [f.field, f.code]);
  };

  test('refuses a code against its pattern, and filing for another account from a plan the catalog does not allow', async () => {
    const before = await env.server.countCases();
    assert.deepEqual(await refusal(await post('team', (b) => { b.fields.company_code = 'kl-tk0042'; })), [['field.company_code', 'error-pattern']]);
    const client = { account: 'tk-bakery', name: 'Tokyo Bakery', customer_may_see: true };
    assert.deepEqual(await refusal(await post('team', (b) => { b.on_behalf_of = client; })), [['on_behalf_of', 'error-choice-unknown']]);
    assert.equal(await env.server.countCases(), before, 'nothing stored');
    assert.equal((await post('partner', (b) => { b.on_behalf_of = client; })).status, 201, 'a partner files for a client');
  });
});
