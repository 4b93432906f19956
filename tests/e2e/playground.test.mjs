// The catalog playground: a portal owner chooses a catalog, plan, entitlements, account time zone,
// language, wire profile and theme, or picks a catalog file of their own, and the widget follows;
// a picked file's problems are listed with where each is; the page has no axe-core violations in
// any language.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { assertContains, byId, collectProblems, fileCase, liveWizard, mouse, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const root = new URL('../../', import.meta.url).pathname;
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Opens the playground (with `query` chosen in its address) in a fresh context; fails on any page error. */
async function openPlayground(query = '') {
  const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await collectProblems(page);
  await page.goto(`${env.server.url}/case-widget/playground.html${query}`);
  return page;
}

const widget = (page) => page.locator('#pg-stage case-widget');
const options = (page, id) => page.locator(`#${id} option`).evaluateAll((os) => os.map((o) => o.value));
const isDisabled = (page, id) => byId(page, id).evaluate((e) => e.disabled);
const rootStyle = (page) => widget(page).evaluate((el) => {
  const root = el.shadowRoot.querySelector('.cw-root');
  return { lang: root.getAttribute('lang'), background: getComputedStyle(root).backgroundColor };
});

/**
 * What axe-core finds on the whole page, one line per violation. (axe adds a style element of its
 * own, which the page's policy refuses: page problems are checked before it runs.)
 */
async function violations(page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
}

/** A catalog file as the file picker hands it over. */
const catalogFile = (name, catalog) => ({
  name, mimeType: 'application/json', buffer: Buffer.from(typeof catalog === 'string' ? catalog : JSON.stringify(catalog, null, 2)),
});

const minimal = () => JSON.parse(readFileSync(`${root}core/tests/fixtures/minimal-catalog.json`, 'utf8'));
const shipped = (name) => JSON.parse(readFileSync(`${root}public/catalog/${name}.json`, 'utf8'));
const aws = () => shipped('aws');
const planIds = (name) => shipped(name).plans.map((p) => p.id);

test('choosing catalog, plan, language, wire profile and theme changes the widget accordingly', async () => {
  const page = await openPlayground();
  await waitForStep(page, 'case-type');
  assert.equal(await widget(page).getAttribute('catalog'), '/case-widget/catalog/aws.json');
  assert.deepEqual(await options(page, 'pg-plan'), planIds('aws'));
  // The catalog's first plan: Basic cannot open technical cases.
  assert.equal(await isDisabled(page, 'case_type-technical'), true);
  await assertContains(page.locator('#pg-catalog-info'), `Catalog id “aws”: ${planIds('aws').length} plans; languages ${aws().languages.join(', ')}.`);

  await page.selectOption('#pg-plan', 'business');
  await waitForStep(page, 'case-type');
  assert.equal(await widget(page).getAttribute('plan'), 'business');
  assert.equal(await isDisabled(page, 'case_type-technical'), false);

  // The language changes in place: the answer given stays.
  await mouse.radio(page, 'case_type', 'technical');
  await page.selectOption('#pg-locale', 'ja');
  await assertContains(page.locator(`case-widget ${liveWizard}`), 'どのようなサポートが必要ですか？');
  assert.equal((await rootStyle(page)).lang, 'ja');
  assert.equal(await byId(page, 'case_type-technical').isChecked(), true);

  const light = (await rootStyle(page)).background;
  await page.locator('input[name="theme"][value="dark"]').check();
  assert.equal(await widget(page).getAttribute('class'), 'dark');
  assert.equal((await rootStyle(page)).background, 'rgb(27, 31, 35)');
  assert.notEqual(light, 'rgb(27, 31, 35)');

  await page.selectOption('#pg-profile', 'reference-two-phase.json');
  await waitForStep(page, 'case-type');
  assert.equal(await widget(page).getAttribute('profile'), '/case-widget/profiles/reference-two-phase.json');
  assert.equal(await widget(page).getAttribute('upload-endpoint'), '/api/uploads');
  assert.equal((await rootStyle(page)).lang, 'ja', 'a new element keeps the language chosen');
  assert.equal(await widget(page).getAttribute('class'), 'dark', 'and the theme');

  await page.selectOption('#pg-catalog', 'akamai.json');
  await widget(page).and(page.locator('[catalog="/case-widget/catalog/akamai.json"]')).waitFor();
  await waitForStep(page, 'case-type');
  assert.deepEqual(await options(page, 'pg-plan'), planIds('akamai'));
  assert.equal(await widget(page).getAttribute('plan'), planIds('akamai')[0]);
  const billing = shipped('akamai').case_types.find((t) => t.id === 'billing');
  await assertContains(page.locator(`case-widget ${liveWizard}`), billing.label.ja);

  // The markup shown is the element's, and the address keeps the choices.
  const markup = await page.locator('#pg-markup').innerText();
  for (const part of ['catalog="/case-widget/catalog/akamai.json"', `plan="${planIds('akamai')[0]}"`, 'locale="ja"', 'class="dark"', 'case-widget-dark.css']) {
    assert.ok(markup.includes(part), `${part} in ${markup}`);
  }
  assert.equal(new URL(page.url()).search, `?catalog=akamai.json&plan=${planIds('akamai')[0]}&locale=ja&profile=reference-two-phase.json&theme=dark`);
  await page.reload();
  await waitForStep(page, 'case-type');
  assert.equal(await widget(page).getAttribute('catalog'), '/case-widget/catalog/akamai.json');
  assert.equal((await rootStyle(page)).lang, 'ja');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a picked catalog with problems shows each of them with where it is', async () => {
  const page = await openPlayground();
  await waitForStep(page, 'case-type');
  const catalog = minimal();
  catalog.case_types[0].services.push('nowhere');
  catalog.services[0].label = { en: 'Service' };
  catalog.severities[0].response.basic = { minutes: 0 };
  catalog.plans[0].business_hours = { start: '09:00', end: '17:00', days: ['Mon'], time_zone: 'Asia/Tokio' };
  await page.setInputFiles('#pg-file', catalogFile('my-catalog.json', catalog));
  const error = page.locator('case-widget .cw-catalog-error');
  await error.waitFor();
  await assertContains(error.locator('h2'), 'my-catalog.json');
  assert.deepEqual(await error.locator('li').allInnerTexts(), [
    'case_types[tech].services: “nowhere” is not defined in the catalog',
    'services[svc].label: the text is missing in language “ja”',
    'severities[low].response.basic: the response time {"minutes": 0} is out of range: minutes 1 to 129600, hours 1 to 2160 (both 90 days), business days 1 to 60',
  ]);
  // What only a time-zone database can say, the page says beside the form.
  assert.deepEqual(await page.locator('#pg-zones li').allInnerTexts(), ['plans[basic].business_hours.time_zone: “Asia/Tokio”']);
  assert.equal(await page.locator('#pg-catalog').inputValue(), 'picked-file');
  await assertContains(page.locator('#pg-catalog option:checked'), 'my-catalog.json (your file)');
  await assertContains(page.locator('#pg-catalog-info'), 'Your file my-catalog.json. Catalog id “mini”: 1 plan; languages en, ja.');
  assert.ok((await page.locator('#pg-markup').innerText()).includes('catalog="my-catalog.json"'));

  // A file that is not JSON at all: the line and column where it breaks.
  await page.setInputFiles('#pg-file', catalogFile('half-written.json', '{\n  "id": "mini",\n  "plans": [\n}\n'));
  await widget(page).and(page.locator('[catalog*="half-written.json"]')).waitFor();
  await page.locator('case-widget .cw-catalog-error').waitFor();
  const said = await page.locator('case-widget .cw-catalog-error li').allInnerTexts();
  assert.equal(said.length, 1);
  assert.match(said[0], /^The catalog is not valid JSON of the expected shape, at line 4, column 1: /);
  await assertContains(page.locator('#pg-catalog-info'), 'It is not JSON');
  assert.deepEqual(await options(page, 'pg-plan'), ['']);
  assert.equal(await page.locator('#pg-zones').isHidden(), true);

  // The problems are readable: inside the page's width, in dark as in light.
  await page.locator('input[name="theme"][value="dark"]').check();
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'nothing wider than the page');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await violations(page), []);
  await page.context().close();
});

test("a picked catalog's warnings are listed beside the form, which still works", async () => {
  const page = await openPlayground();
  await waitForStep(page, 'case-type');
  const catalog = minimal();
  catalog.services[0].categories[0].help_links = [{ label: { en: 'Help', ja: 'Help' }, url: 'https://support example/kb' }];
  catalog.services.push({ id: 'orphan', label: { en: 'Orphan', ja: 'Orphan' }, categories: [{ id: 'cat', label: { en: 'Cat', ja: 'Cat' } }] });
  await page.setInputFiles('#pg-file', catalogFile('warned.json', catalog));
  await widget(page).and(page.locator('[catalog*="warned.json"]')).waitFor();
  await waitForStep(page, 'case-type');
  await page.locator('#pg-warnings').waitFor();
  assert.deepEqual(await page.locator('#pg-warnings li').allInnerTexts(), [
    'services[orphan]: no case type and plan offer the service “orphan”: no customer can choose it',
    'services[svc].categories[cat].help_links[0].url: the link “https://support example/kb” is not a whole web address: write https://, a host name of letters, digits, dots and hyphens, and no spaces',
  ]);
  await assertContains(page.locator('#pg-events'), 'case-catalog-warnings: 2');

  // A catalog without warnings clears them.
  await page.selectOption('#pg-catalog', 'aws.json');
  await widget(page).and(page.locator('[catalog$="aws.json"]')).waitFor();
  await waitForStep(page, 'case-type');
  assert.equal(await page.locator('#pg-warnings').isHidden(), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a good picked catalog runs the wizard and files its case with the reference server', async () => {
  const page = await openPlayground();
  await waitForStep(page, 'case-type');
  const catalog = aws();
  catalog.case_types.find((t) => t.id === 'account-billing').label.en = 'Account and billing (new wording)';
  await page.setInputFiles('#pg-file', catalogFile('aws-draft.json', catalog));
  await widget(page).and(page.locator('[catalog*="aws-draft.json"]')).waitFor();
  await waitForStep(page, 'case-type');
  await page.selectOption('#pg-plan', 'business');
  await waitForStep(page, 'case-type');
  assert.equal(await widget(page).getAttribute('plan'), 'business');
  await assertContains(page.locator(`case-widget ${liveWizard}`), 'Account and billing (new wording)');
  const id = await fileCase(page, mouse, {
    caseType: 'account-billing', service: 'billing', category: 'payment', severity: 'low', subject: 'Card declined',
    description: 'The card was declined.', name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en',
  });
  const stored = await env.server.getCase(id);
  assert.equal(stored.case.catalog, 'aws');
  assert.equal(stored.case.plan, 'business');
  await assertContains(page.locator('#pg-events'), `case-submitted: ${id}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the page's entitlements and the account's time zone reach the widget", async () => {
  const page = await openPlayground();
  await waitForStep(page, 'case-type');
  const catalog = minimal();
  catalog.case_types.push({ id: 'consulting', label: { en: 'Consulting', ja: 'Consulting' }, services: ['svc'], entitlement: 'consulting' });
  catalog.plans[0].business_hours = { start: '09:00', end: '17:00', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] };
  await page.setInputFiles('#pg-file', catalogFile('entitled.json', catalog));
  await widget(page).and(page.locator('[catalog*="entitled.json"]')).waitFor();
  await waitForStep(page, 'case-type');
  assert.equal(await byId(page, 'case_type-consulting').count(), 0, 'not shown without the entitlement');

  await page.fill('#pg-entitlements', '  training consulting ');
  await page.press('#pg-entitlements', 'Enter');
  await widget(page).and(page.locator('[entitlements="training consulting"]')).waitFor();
  await waitForStep(page, 'case-type');
  assert.equal(await isDisabled(page, 'case_type-consulting'), false);

  await page.fill('#pg-time-zone', 'Asia/Tokyo');
  await page.press('#pg-time-zone', 'Enter');
  await widget(page).and(page.locator('[time-zone="Asia/Tokyo"]')).waitFor();
  await waitForStep(page, 'case-type');
  await mouse.radio(page, 'case_type', 'consulting');
  await mouse.next(page);
  await waitForStep(page, 'classification');
  await mouse.select(page, 'service', 'svc');
  await mouse.select(page, 'category', 'cat');
  await mouse.next(page);
  await waitForStep(page, 'severity');
  await assertContains(page.locator(`case-widget ${liveWizard}`), '09:00–17:00 on working days, Asia/Tokyo time');
  const markup = await page.locator('#pg-markup').innerText();
  assert.ok(markup.includes('entitlements="training consulting"') && markup.includes('time-zone="Asia/Tokyo"'), markup);
  assert.equal(new URL(page.url()).searchParams.get('entitlements'), 'training consulting');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

describe('axe-core finds no violations on the playground', () => {
  for (const locale of ['en', 'ja', 'ko', 'zh']) {
    test(`in ${locale}, light and dark`, async () => {
      const page = await openPlayground(`?catalog=aws.json&plan=business&locale=${locale}`);
      await waitForStep(page, 'case-type');
      assert.equal((await rootStyle(page)).lang, locale);
      assert.deepEqual(page.problems, []);
      const found = [];
      for (const theme of ['light', 'dark']) {
        await page.locator(`input[name="theme"][value="${theme}"]`).check();
        found.push(...(await violations(page)).map((v) => `${theme}: ${v}`));
      }
      assert.deepEqual(found, []);
      await page.context().close();
    });
  }
});
