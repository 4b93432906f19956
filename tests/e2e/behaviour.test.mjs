// What the wizard does around the happy path: going back, plan gates, the rules of the Akamai
// catalog, broken catalogs, languages, errors, drafts and the events a host page hears.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, assertContains, byId, fileCase, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();

const aws = (plan, extra = {}) => ({ catalog: '/case-widget/catalog/aws.json', plan, locale: 'en', ...extra });
const akamai = (plan, extra = {}) => ({ catalog: '/case-widget/catalog/akamai.json', plan, locale: 'en', ...extra });
const widget = (page) => page.locator('case-widget .cw-root');

async function radios(page, name) {
  return page.locator(`case-widget input[name="${name}"]`).evaluateAll((rs) => rs.map((r) => ({ value: r.value, disabled: r.disabled, checked: r.checked })));
}

/** Answers the first two steps and stops on the severity step. */
const reachSeverity = (page, caseType, service, category) => answerFirstSteps(page, { caseType, service, category });

/** Goes to the details step with valid answers for an AWS technical case. */
/** An Akamai technical DNS case, up to its severity step. */
async function reachAkamaiDnsSeverity(page) {
  await answerFirstSteps(page, { caseType: 'technical', service: 'dns', category: 'resolution', fields: { zone: 'example.com' } });
}
const reachDetails = (page) => answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });

const basicCase = {
  caseType: 'technical', service: 's3', category: 'performance', severity: 'normal',
  subject: 'Slow uploads', description: 'PUT takes 30 s since Monday.',
  name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en',
};

describe('going back', () => {
  test('a Change link on the review returns to the review after Continue, with the new answer stored', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await reachDetails(page);
    await mouse.fill(page, 'subject', 'Slow uploads');
    await mouse.fill(page, 'description', 'PUT takes 30 s.');
    await mouse.next(page);
    await mouse.next(page);
    await answerContactAndReview(page);
    await page.locator('case-widget [data-action="change"][data-step="severity"]').click();
    await waitForStep(page, 'severity');
    await mouse.radio(page, 'severity', 'urgent');
    await mouse.next(page);
    await waitForStep(page, 'review');
    await assertContains(page.locator('case-widget [data-row="severity"]'), 'Production system down');
    await assertContains(page.locator('case-widget [data-row="subject"]'), 'Slow uploads');
    await mouse.next(page);
    await waitForStep(page, 'done');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\S+\d/)[0];
    const stored = await env.server.getCase(id);
    assert.equal(stored.case.severity, 'urgent');
    assert.equal(stored.case.subject, 'Slow uploads');
  });

  test('Back keeps every answer already given', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await reachDetails(page);
    await mouse.fill(page, 'subject', 'Typed before going back');
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'severity');
    assert.ok((await radios(page, 'severity')).find((r) => r.value === 'normal').checked);
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'classification');
    assert.equal(await byId(page, 'service').inputValue(), 's3');
    assert.equal(await byId(page, 'category').inputValue(), 'performance');
    await mouse.next(page);
    await mouse.next(page);
    assert.equal(await byId(page, 'subject').inputValue(), 'Typed before going back');
  });
});

describe('plan gates', () => {
  test('on the AWS Basic plan technical cases are offered but disabled, with the reason', async () => {
    const page = await openWidget(env.browser, env.server, aws('basic'));
    await waitForStep(page, 'case-type');
    const types = await radios(page, 'case_type');
    assert.deepEqual(types.map((t) => [t.value, t.disabled]), [['account-billing', false], ['service-limit-increase', false], ['technical', true]]);
    await assertContains(byId(page, 'case_type-technical-hint'), 'Not included in your support plan (Basic)');
    await mouse.radio(page, 'case_type', 'account-billing');
    await mouse.next(page);
    await mouse.select(page, 'service', 'billing');
    await mouse.select(page, 'category', 'invoice');
    await mouse.next(page);
    assert.deepEqual((await radios(page, 'severity')).map((r) => r.value), ['low']);
    await mouse.next(page);
    await mouse.fill(page, 'subject', 's');
    await mouse.fill(page, 'description', 'd');
    await mouse.next(page);
    await mouse.next(page);
    assert.deepEqual((await radios(page, 'contact_method')).map((r) => r.value), ['web', 'chat', 'phone'], 'the guide\'s Basic-plan screen for account and billing');
  });

  test('a case type the plan lacks offers the catalog\'s link to change the plan, in each language', async () => {
    const url = 'https://docs.aws.amazon.com/premiumsupport/latest/user/change-support-plan.html';
    for (const [plan, locale, label] of [['basic', 'en', 'Change your support plan'], ['basic', 'ja', 'サポートプランを変更する'], ['business', 'en', null]]) {
      const page = await openWidget(env.browser, env.server, aws(plan, { locale }));
      await waitForStep(page, 'case-type');
      const link = page.locator(`case-widget .cw-radio:has(#case_type-technical) a[href="${url}"]`);
      if (label) {
        await assertContains(link, label);
        assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      } else {
        assert.equal(await link.count(), 0, 'no link where the plan includes the case type');
      }
      await page.context().close();
    }
  });

  test('the Developer plan gets two severities counted in business hours, and no chat or phone', async () => {
    const page = await openWidget(env.browser, env.server, aws('developer'));
    await reachSeverity(page, 'technical', 'ec2', 'connectivity');
    assert.deepEqual((await radios(page, 'severity')).map((r) => r.value), ['low', 'normal']);
    await assertContains(widget(page), 'count business hours only: 08:00–18:00');
    await assertContains(byId(page, 'severity-normal-hint'), 'First response within 12 hours');
    await assertContains(byId(page, 'severity-normal-hint'), 'Expected by');
  });

  test('Enterprise adds business-critical with a 15-minute first response; Business stops at production down', async () => {
    for (const [plan, expected] of [['enterprise', ['low', 'normal', 'high', 'urgent', 'critical']], ['business', ['low', 'normal', 'high', 'urgent']]]) {
      const page = await openWidget(env.browser, env.server, aws(plan));
      await reachSeverity(page, 'technical', 'ec2', 'connectivity');
      assert.deepEqual((await radios(page, 'severity')).map((r) => r.value), expected, plan);
      if (plan === 'enterprise') await assertContains(byId(page, 'severity-critical-hint'), 'First response within 15 minutes');
      await page.context().close();
    }
  });

  test('only AWS Business, Enterprise On-Ramp and Enterprise customers may name others to notify', async () => {
    for (const [plan, offered] of [['basic', false], ['developer', false], ['business', true], ['enterprise-on-ramp', true]]) {
      for (const locale of ['en', 'ja']) {
        const page = await openWidget(env.browser, env.server, aws(plan, { locale }));
        await answerFirstSteps(page, { caseType: 'account-billing', service: 'billing', category: 'invoice' });
        await mouse.next(page);
        await answerDetailsAndFiles(page);
        await byId(page, 'contact_language').waitFor();
        assert.equal(await byId(page, 'cc').count(), offered ? 1 : 0, `${plan} ${locale}`);
        await page.context().close();
      }
    }
  });

  test('the catalog\'s notices show at their step, to the plans they concern, in each language', async () => {
    const notices = (page) => page.locator('case-widget .cw-catalog-notice');
    for (const [locale, first, second] of [
      ['en', 'Severity can\'t be changed after the case is created.', 'For third-party issues, response times can be longer'],
      ['ja', '重要度はケースの作成後に変更できません。', 'サードパーティに関する問題では'],
    ]) {
      // Third-party software support, and so its note, is for Business and up.
      const page = await openWidget(env.browser, env.server, aws('business', { locale }));
      await reachSeverity(page, 'technical', 'ec2', 'connectivity');
      await assertContains(notices(page).nth(0), first);
      await assertContains(notices(page).nth(2), second);
      await page.context().close();
    }
    for (const [plan, emailNotice] of [['premium', 1], ['priority', 0]]) {
      const severity = await openWidget(env.browser, env.server, akamai(plan));
      await answerFirstSteps(severity, { caseType: 'business', service: 'contracts', category: 'modify' });
      await assertContains(notices(severity).first(), 'The terms of your service agreement or contract take precedence over these response times.');
      await mouse.next(severity);
      await waitForStep(severity, 'details');
      assert.equal(await notices(severity).count(), 0, 'no notice at the details step');
      await answerDetailsAndFiles(severity);
      await byId(severity, 'contact_language').waitFor();
      const atContact = await notices(severity).allInnerTexts();
      assert.equal(atContact.filter((t) => t.includes('sent by e-mail are treated as severity 3')).length, emailNotice, plan);
      await severity.context().close();
    }
  });

  test('severity 1 on Akamai Premium must be called in, technical cases too; on Priority it is filed online', async () => {
    for (const [plan, callout] of [['premium', true], ['priority', false]]) {
      const page = await openWidget(env.browser, env.server, akamai(plan));
      await reachAkamaiDnsSeverity(page);
      await waitForStep(page, 'severity');
      await mouse.radio(page, 'severity', '1');
      if (callout) {
        await assertContains(page.locator('case-widget .cw-callout'), 'Call +1-877-425-2832 now');
        await mouse.next(page);
        await assertContains(page.locator('case-widget .cw-error-summary'), 'This severity can\'t be opened online: call +1-877-425-2832');
      } else {
        assert.equal(await page.locator('case-widget .cw-callout').count(), 0, plan);
        await mouse.next(page);
        await waitForStep(page, 'details');
      }
      await page.context().close();
    }
  });

  test('the contact language starts as the language the form is shown in, and a choice made stays', async () => {
    for (const locale of ['ja', 'ko', 'en']) {
      const page = await openWidget(env.browser, env.server, aws('business', { locale }));
      // A technical case: account and billing is answered in English or Japanese only.
      await reachDetails(page);
      await answerDetailsAndFiles(page);
      assert.equal(await byId(page, 'contact_language').inputValue(), locale, locale);
      if (locale === 'ja') {
        await mouse.select(page, 'contact_language', 'en');
        await page.locator('case-widget [data-action="back"]').click();
        await waitForStep(page, 'attachments');
        await mouse.next(page);
        await waitForStep(page, 'contact');
        assert.equal(await byId(page, 'contact_language').inputValue(), 'en', 'the customer\'s choice stays');
      }
      await page.context().close();
    }
  });

  test('help links and extra questions appear once a category is chosen', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await waitForStep(page, 'case-type');
    await mouse.radio(page, 'case_type', 'technical');
    await mouse.next(page);
    await mouse.select(page, 'service', 'ec2');
    assert.equal(await byId(page, 'field.instance_id').count(), 0);
    await mouse.select(page, 'category', 'instance-issue');
    const links = page.locator('case-widget .cw-help a');
    assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.href)), [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-troubleshoot.html',
      'https://aws.amazon.com/premiumsupport/knowledge-center/',
    ]);
    assert.equal(await links.first().getAttribute('rel'), 'noopener noreferrer');
    await mouse.fill(page, 'field.instance_id', 'i-1');
    await mouse.next(page);
    await assertContains(page.locator('case-widget .cw-error-summary'), 'Select an option for “Region”');
    await assertContains(page.locator('case-widget .cw-error-summary'), 'Enter at least 10 characters');
  });
});

describe('the Akamai catalog', () => {
  test('business cases default to severity 3, and severity 1 shows the number to call and cannot be filed', async () => {
    const page = await openWidget(env.browser, env.server, akamai('premium'));
    await reachSeverity(page, 'business', 'contracts', 'modify');
    const severities = await radios(page, 'severity');
    assert.deepEqual(severities.map((r) => [r.value, r.checked]), [['1', false], ['2', false], ['3', true]]);
    await mouse.radio(page, 'severity', '1');
    const callout = page.locator('case-widget .cw-callout');
    await assertContains(callout, 'Call +1-877-425-2832 now');
    assert.equal(await callout.locator('a').getAttribute('href'), 'tel:+18774252832');
    await mouse.next(page);
    assert.equal(await page.locator('case-widget .cw-wizard').getAttribute('data-step'), 'severity');
    await assertContains(page.locator('case-widget .cw-error-summary'), "This severity can't be opened online: call +1-877-425-2832");
    await mouse.radio(page, 'severity', '2');
    await mouse.next(page);
    await waitForStep(page, 'details');
  });

  test('technical cases on the Standard plan count severity 3 in business days and may be filed at severity 1', async () => {
    const page = await openWidget(env.browser, env.server, akamai('standard'));
    await reachAkamaiDnsSeverity(page);
    assert.ok((await radios(page, 'severity')).every((r) => !r.checked), 'no default for technical cases');
    await assertContains(byId(page, 'severity-3-hint'), 'First response within 2 business days');
    await assertContains(byId(page, 'severity-1-hint'), 'First response within 2 hours');
    await mouse.radio(page, 'severity', '1');
    assert.equal(await page.locator('case-widget .cw-callout').count(), 0);
    await mouse.next(page);
    await waitForStep(page, 'details');
  });
});

describe('catalog problems', () => {
  test('malformed JSON is reported with its line and column instead of a blank widget', async () => {
    const page = await openWidget(env.browser, env.server, aws('basic', { catalog: '/case-widget/catalog/broken-json.json' }));
    const error = page.locator('case-widget .cw-catalog-error');
    await error.waitFor();
    await assertContains(error, 'This support form cannot start: its catalog (/case-widget/catalog/broken-json.json) has a problem.');
    await assertContains(error, 'line 1, column');
  });

  test('an inconsistent catalog lists each problem where it is, in the page language', async () => {
    const page = await openWidget(env.browser, env.server, aws('basic', { catalog: '/case-widget/catalog/broken-refs.json', locale: 'ja' }));
    const error = page.locator('case-widget .cw-catalog-error');
    await error.waitFor();
    await assertContains(error, 'case_types[tech].services: 「nowhere」はカタログで定義されていません');
    await assertContains(error, 'services[svc].label: 言語「ja」のテキストがありません');
    await assertContains(error, 'severities[low].response: 「gold」はカタログで定義されていません');
  });

  test('a plan the catalog does not know and a missing catalog are named', async () => {
    let page = await openWidget(env.browser, env.server, aws('platinum'));
    await page.locator('case-widget .cw-catalog-error').waitFor();
    await assertContains(page.locator('case-widget .cw-catalog-error'), 'the plan “platinum” is not one of the catalog');
    page = await openWidget(env.browser, env.server, aws('basic', { catalog: '/case-widget/catalog/missing.json' }));
    await page.locator('case-widget .cw-catalog-error').waitFor();
    await assertContains(page.locator('case-widget .cw-catalog-error'), 'HTTP 404');
  });
});

describe('languages and errors', () => {
  test('the language follows the browser when the page sets none', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business' }, { browserLocale: 'ko-KR' });
    await waitForStep(page, 'case-type');
    await assertContains(page.locator('case-widget .cw-title'), '지원 케이스 생성');
    assert.equal(await widget(page).getAttribute('lang'), 'ko');
  });

  test('switching language at run time keeps what was typed and translates the errors', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await reachDetails(page);
    await mouse.fill(page, 'description', 'Half-typed description');
    await mouse.next(page);
    await assertContains(byId(page, 'subject-error'), 'Enter a subject');
    await byId(page, 'cw-language').selectOption('ja');
    await assertContains(page.locator('case-widget .cw-heading').first(), '問題の説明');
    await assertContains(byId(page, 'subject-error'), '件名を入力してください');
    assert.equal(await byId(page, 'description').inputValue(), 'Half-typed description');
    assert.equal(await widget(page).getAttribute('lang'), 'ja');
    await page.locator('case-widget').evaluate((el) => el.setAttribute('locale', 'zh'));
    await assertContains(byId(page, 'subject-error'), '请输入主题');
  });

  for (const [locale, summary, message] of [['en', 'There is a problem', 'Enter your email address'], ['ja', '問題があります', 'メールアドレスを入力してください'], ['ko', '문제가 있습니다', '이메일 주소를 입력하세요'], ['zh', '存在问题', '请输入电子邮件地址']]) {
    test(`errors are summarised and shown at each field in ${locale}, and a summary link focuses its field`, async () => {
      const page = await openWidget(env.browser, env.server, aws('business', { locale }));
      await reachDetails(page);
      await answerDetailsAndFiles(page);
      await mouse.fill(page, 'email', '');
      await mouse.next(page);
      const box = page.locator('case-widget .cw-error-summary');
      await assertContains(box, summary);
      await assertContains(box, message);
      await assertContains(byId(page, 'email-error'), message);
      assert.equal(await byId(page, 'email').getAttribute('aria-invalid'), 'true');
      assert.match(await byId(page, 'email').getAttribute('aria-describedby'), /email-error/);
      await box.locator('a', { hasText: message }).click();
      const focused = await page.evaluate(() => document.querySelector('case-widget').shadowRoot.activeElement?.id);
      assert.equal(focused, 'email');
    });
  }
});

describe('the server has the last word', () => {
  test('a phone number impossible in its country is refused by the server and shown at the field in Japanese, as typed', async () => {
    const page = await openWidget(env.browser, env.server, aws('business', { locale: 'ja' }));
    await reachDetails(page);
    await answerDetailsAndFiles(page, { subject: '電話で連絡してください', description: '番号は桁が足りません。' });
    await mouse.fill(page, 'name', '山田');
    await mouse.fill(page, 'email', 'yamada@example.jp');
    await mouse.radio(page, 'contact_method', 'phone');
    await mouse.select(page, 'phone_country', 'JP');
    await mouse.fill(page, 'phone_number', '０３－１２３４');
    await mouse.select(page, 'contact_language', 'ja');
    await mouse.next(page);
    await waitForStep(page, 'review');
    const before = (await (await fetch(`${env.server.url}/api/cases`)).json()).count;
    await mouse.next(page);
    await waitForStep(page, 'contact');
    await assertContains(page.locator('case-widget .cw-field-error'), '日本 の電話番号ではありません');
    assert.equal(await byId(page, 'phone_number').inputValue(), '０３－１２３４');
    assert.equal((await (await fetch(`${env.server.url}/api/cases`)).json()).count, before);
    await mouse.fill(page, 'phone_number', '０３－１２３４－５６７８');
    await mouse.next(page);
    await waitForStep(page, 'review');
    await mouse.next(page);
    await waitForStep(page, 'done');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];
    const stored = await env.server.getCase(id);
    assert.equal(stored.case.contact.phone.number, '０３－１２３４－５６７８');
    assert.equal(stored.case.contact.phone.e164, '+81312345678');
  });
});

describe('input methods', () => {
  /** Presses Enter as the browser delivers it while an input method is composing `text`. */
  async function enterWhileComposing(page, text) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    return cdp;
  }

  for (const [locale, composing] of [['ja', 'にほんご'], ['ko', '한국어'], ['zh', '中文输入']]) {
    test(`${locale}: Enter while the input method is composing neither submits nor changes step; Enter after it does`, async () => {
      const page = await openWidget(env.browser, env.server, aws('business', { locale }));
      await reachDetails(page);
      await mouse.fill(page, 'description', '—');
      await mouse.fill(page, 'subject', 'S3 ');
      const cdp = await enterWhileComposing(page, composing);
      await page.waitForTimeout(300);
      await waitForStep(page, 'details');
      assert.equal(await page.locator('case-widget .cw-error-summary').count(), 0, 'no validation ran');
      assert.equal(await byId(page, 'subject').inputValue(), `S3 ${composing}`);
      await cdp.send('Input.insertText', { text: composing });
      await page.keyboard.press('Enter');
      await waitForStep(page, 'attachments');
      await page.locator('case-widget [data-action="back"]').click();
      assert.equal(await byId(page, 'subject').inputValue(), `S3 ${composing}`);
    });
  }
});

describe('drafts and outcomes', () => {
  test('a reload brings the customer back to the same step with every typed answer', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await reachDetails(page);
    await mouse.fill(page, 'subject', '再読み込みしても消えない');
    await page.reload();
    await page.locator('case-widget .cw-wizard').waitFor();
    await waitForStep(page, 'details');
    assert.equal(await byId(page, 'subject').inputValue(), '再読み込みしても消えない');
    await assertContains(page.locator('case-widget .cw-notice'), 'We restored the draft');
  });

  test('discarding the draft asks first, then removes every answer', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await reachDetails(page);
    await mouse.fill(page, 'subject', 'Will be discarded');
    await page.locator('case-widget [data-action="discard"]').click();
    await page.locator('case-widget [data-action="discard-no"]').click();
    assert.equal(await byId(page, 'subject').inputValue(), 'Will be discarded');
    await page.locator('case-widget [data-action="discard"]').click();
    await page.locator('case-widget [data-action="discard-yes"]').click();
    await waitForStep(page, 'case-type');
    assert.ok((await radios(page, 'case_type')).every((r) => !r.checked));
    await page.reload();
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget .cw-notice').count(), 0, 'nothing left to restore');
  });

  test('the host page hears case-submitted with the case ID, and the draft is gone after success', async () => {
    const page = await openWidget(env.browser, env.server, aws('business'));
    await page.evaluate(() => {
      window.heard = [];
      document.addEventListener('case-submitted', (e) => window.heard.push(e.detail));
    });
    const id = await fileCase(page, mouse, basicCase);
    const heard = await page.evaluate(() => window.heard);
    assert.equal(heard.length, 1);
    assert.equal(heard[0].id, id);
    assert.equal(heard[0].response.id, id);
    await page.reload();
    await waitForStep(page, 'case-type');
  });

  test('a failed submit says so, keeps every answer, and tells the host page', async () => {
    const page = await openWidget(env.browser, env.server, aws('business', { endpoint: '/api/nowhere' }));
    await page.evaluate(() => {
      window.failed = [];
      document.addEventListener('case-failed', (e) => window.failed.push(e.detail));
    });
    await assert.rejects(fileCase(page, mouse, basicCase));
    await assertContains(page.locator('case-widget .cw-failure'), 'The support system could not accept this case. Everything you entered is kept');
    assert.equal(await page.locator('case-widget .cw-wizard').getAttribute('data-step'), 'review');
    await assertContains(page.locator('case-widget [data-row="subject"]'), 'Slow uploads');
    const failed = await page.evaluate(() => window.failed);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].status, 404);
  });
});
