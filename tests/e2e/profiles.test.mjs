// Wire profiles chosen by the page: a backend's link to the case on the confirmation, and a
// profile the widget cannot use explained to the portal owner instead of a broken form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertContains, fileCase, mouse, openWidget, useServerAndBrowser } from './support.mjs';

const env = useServerAndBrowser();
const root = new URL('../../', import.meta.url).pathname;

/** Profiles a portal owner might write, served beside the shipped ones. */
function writeProfiles() {
  const profile = JSON.parse(readFileSync(join(root, 'public/profiles/reference.json'), 'utf8'));
  profile.answer.link = '/api/cases/{/id}';
  writeFileSync(join(env.server.dist, 'profiles', 'with-link.json'), JSON.stringify(profile));
  for (const [name, link] of [['hostile-link', 'javascript:alert(1)'], ['backslash-link', '/\\evil.example/{/id}'], ['two-backslashes-link', '\\\\evil.example/{/id}']]) {
    profile.answer.link = link;
    writeFileSync(join(env.server.dist, 'profiles', `${name}.json`), JSON.stringify(profile));
  }
  writeFileSync(join(env.server.dist, 'profiles', 'broken.json'), '{"id": "broken", "create": {"url": "{endpoint}", "encoding": "raw", "body": {}}}');
}

const basic = {
  caseType: 'account-billing', service: 'billing', category: 'payment', severity: 'low', subject: 'Card declined',
  description: 'The card was declined.', name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en',
};

test('a link the backend gives is offered on the confirmation and told to the page; a script link, or one a browser reads as another site\'s, is not', async () => {
  writeProfiles();
  const page = await openWidget(env.browser, env.server, { profile: '/case-widget/profiles/with-link.json', plan: 'business' });
  await page.evaluate(() => document.addEventListener('case-submitted', (e) => { window.submitted = e.detail; }));
  const id = await fileCase(page, mouse, basic);
  const link = page.locator('case-widget a.cw-case-link');
  assert.equal(await link.getAttribute('href'), `/api/cases/${id}`);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.innerText(), 'Follow your case (opens in a new tab)');
  assert.equal((await page.evaluate(() => window.submitted)).link, `/api/cases/${id}`);
  const stored = await env.server.getCase(id);
  assert.equal(stored.case.subject, 'Card declined');
  await page.context().close();

  for (const name of ['hostile-link', 'backslash-link', 'two-backslashes-link']) {
    const hostile = await openWidget(env.browser, env.server, { profile: `/case-widget/profiles/${name}.json`, plan: 'business', id: name });
    await hostile.evaluate(() => document.addEventListener('case-submitted', (e) => { window.submitted = e.detail; }));
    await fileCase(hostile, mouse, basic);
    assert.equal(await hostile.locator('case-widget a.cw-case-link').count(), 0, name);
    assert.equal((await hostile.evaluate(() => window.submitted)).link, undefined, name);
    await hostile.context().close();
  }
});

test('a profile that cannot work stops the widget with the reason, in the page language', async () => {
  writeProfiles();
  for (const [locale, heading] of [['en', 'its wire profile (/case-widget/profiles/broken.json) has a problem'], ['ja', '送信プロファイル (/case-widget/profiles/broken.json) に問題があります']]) {
    const page = await openWidget(env.browser, env.server, { profile: '/case-widget/profiles/broken.json', locale });
    const error = page.locator('case-widget .cw-catalog-error');
    await assertContains(error, heading);
    await assertContains(error, 'a case cannot be sent raw');
    const missing = await openWidget(env.browser, env.server, { profile: '/case-widget/profiles/none.json', locale });
    await assertContains(missing.locator('case-widget .cw-catalog-error'), 'HTTP 404');
    await page.context().close();
    await missing.context().close();
  }
});
