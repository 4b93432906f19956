// Filing for another customer's account: the page lists the accounts its user may file for, the
// first step asks which one and whether that customer may see the case, the review says so, and
// the reference server stores it. The page's entitlements open the case types reserved for them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertContains, byId, fileCase, keyboard, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const accounts = [{ id: 'acme-jp', name: 'ACME Japan' }, { id: 'beta-kr', name: 'Beta Korea' }];

const scenario = {
  caseType: 'technical', service: 's3', category: 'access-denied', severity: 'low', fields: { bucket: 'logs' },
  subject: '읽기가 느립니다', description: '오늘 아침부터 느립니다.', name: '김 민수', email: 'minsu@example.kr',
  method: 'web', language: 'ko', onBehalfOf: { account: 'beta-kr', customerMaySee: false },
};

describe('a case filed on behalf of another account', () => {
  test('keyboard in Korean: the account and that the customer may not see it show on the review and reach the server', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'ko', accounts: JSON.stringify(accounts) });
    const id = await fileCase(page, keyboard, {
      ...scenario,
      reviewLines: ['접수 대상', 'Beta Korea (beta-kr)', '고객에게 표시되지 않습니다'],
    });
    const stored = await env.server.getCase(id);
    assert.deepEqual(stored.case.on_behalf_of, { account: 'beta-kr', name: 'Beta Korea', customer_may_see: false });
    await page.context().close();
  });

  test('the review names the account and whether the customer may see it, in English', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en', accounts: JSON.stringify(accounts) });
    await waitForStep(page, 'case-type');
    const options = await byId(page, 'on_behalf_of').locator('option').allInnerTexts();
    assert.deepEqual(options, ['Your own account', 'ACME Japan (acme-jp)', 'Beta Korea (beta-kr)']);
    assert.equal(await byId(page, 'customer_may_see').count(), 0, 'nothing to ask for the own account');
    await mouse.select(page, 'on_behalf_of', 'acme-jp');
    await assertContains(page.locator('case-widget label[for="customer_may_see"]'), 'Let ACME Japan see this case');
    assert.equal(await byId(page, 'customer_may_see').isChecked(), true, 'visible to the customer unless unticked');
    // Ticking keeps the focus on the box: the control is not re-created under the customer.
    await mouse.toggle(page, 'customer_may_see');
    await mouse.toggle(page, 'customer_may_see');
    const focusedId = await page.evaluate(() => document.querySelector('case-widget').shadowRoot.activeElement?.id);
    assert.equal(focusedId, 'customer_may_see');
    await mouse.radio(page, 'case_type', 'account-billing');
    await mouse.next(page);
    await mouse.select(page, 'service', 'billing');
    await mouse.select(page, 'category', 'invoice');
    await mouse.next(page);
    await waitForStep(page, 'severity');
    await page.locator('case-widget [data-action="back"]').click();
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'case-type');
    assert.equal(await byId(page, 'on_behalf_of').inputValue(), 'acme-jp', 'the choice is kept going back');
    await page.context().close();
  });

  test('prefill() replaces the list, and a case for an account no longer listed is for the own account', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en', accounts: JSON.stringify(accounts) });
    await waitForStep(page, 'case-type');
    await mouse.select(page, 'on_behalf_of', 'acme-jp');
    await page.evaluate(() => document.querySelector('case-widget').prefill({ accounts: [{ id: 'gamma-cn', name: 'Gamma China' }] }));
    await assertContains(byId(page, 'on_behalf_of'), 'Gamma China (gamma-cn)');
    const options = await byId(page, 'on_behalf_of').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(options, ['', 'gamma-cn']);
    assert.equal(await byId(page, 'on_behalf_of').inputValue(), '');
    assert.equal(await byId(page, 'customer_may_see').count(), 0);
    await page.context().close();
  });

  test('without accounts, the first step asks nothing about them', async () => {
    const page = await openWidget(env.browser, env.server, { plan: 'business', locale: 'en' });
    await waitForStep(page, 'case-type');
    assert.equal(await byId(page, 'on_behalf_of').count(), 0);
    await page.context().close();
  });
});
