// Whole cases filed in each browser engine (Chromium, Firefox, WebKit) against the reference
// server: English with two files, Japanese picked in the widget, the two-phase upload, a draft
// across a reload, and a retry after a 503. Each reads back what was stored, files by SHA-256,
// and counts the cases. The mouse clicks choices, labels and fields; the keyboard types, moves
// through lists and presses Continue.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineNames, launchEngine } from './engines/index.mjs';
import { assertContains, assertStored, file, fileCase, mouse, putWidget, startServer, step, tabTo, waitForFileSets, waitForStep, widgetPage } from './support.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const aws = { catalog: 'aws', plan: 'business', locale: 'en' };

const english = () => ({
  caseType: 'technical', service: 's3', category: 'performance', severity: 'high',
  subject: 'Uploads to one bucket take minutes',
  description: 'Since 09:10 UTC each PUT to logs-eu takes over 60 seconds.\nOther buckets are fine.',
  files: [file('timings.txt', 'text/plain', 'PUT 61.2 s\nPUT 64.8 s\n'), file('request.json', 'application/json', '{"bucket":"logs-eu"}')],
  name: 'Ada Lovelace', email: 'ada@example.com', method: 'web', language: 'en',
});

const japanese = () => ({
  caseType: 'technical', service: 's3', category: 'performance', severity: 'high',
  subject: 'バケットへのアップロードが遅い',
  description: '今朝からログ用バケットへの書き込みに一分以上かかります。\n他のバケットは正常です。',
  files: [file('ログ 今日.txt', 'text/plain', 'PUT 61.2 秒\n')],
  name: '山田 太郎', email: 'taro@example.jp', method: 'web', language: 'ja',
});

/** Runs in the page: the value of the form control `id` inside the widget. */
const valueOf = (id) => document.querySelector('case-widget').shadowRoot.getElementById(id)?.value;

/** Mouse and keyboard together, for `fileCase`; files are set on the picker's input. */
const driver = {
  radio: mouse.radio,
  /** Clicks the list's label, which focuses it without opening it, and moves with the keys. */
  async select(page, id, value) {
    await page.locator(`case-widget label[for="${id}"]`).click();
    const options = await page.evaluate((id) => [...document.querySelector('case-widget').shadowRoot.getElementById(id).options].map((o) => o.value), id);
    assert.ok(options.includes(value), `option ${value} in ${id}`);
    await page.keyboard.press('Home');
    for (let i = 0; i < options.indexOf(value); i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(valueOf, id), value, `${id} chosen`);
  },
  async fill(page, id, text) {
    await page.locator(`case-widget [id="${id}"]`).click();
    await page.keyboard.type(text);
    assert.equal(await page.evaluate(valueOf, id), text, `${id} typed`);
  },
  async attach(page, files) {
    await page.locator('case-widget #attachments').setInputFiles(files);
    await page.locator(`case-widget .cw-file-list > li:nth-child(${files.length}) .cw-file-name`).waitFor();
  },
  async next(page) {
    await tabTo(page, (f) => f.action === 'next', 'the Continue button');
    await page.keyboard.press('Enter');
  },
};

const listedFiles = (page) => page.evaluate(() => [...document.querySelector('case-widget').shadowRoot.querySelectorAll('.cw-file-name')].map((e) => e.textContent));

/** How many requests to `path` the page's resource timing lists (WebKit leaves out failed ones). */
const requestsTo = (page, path) => page.evaluate((path) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path).length, path);

/** How many times the page fetched the widget's wasm. */
const wasmRequests = (page) => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('_bg.wasm')).length);

/** Files the whole case through `with`; exactly one case is stored, as answered, files intact. */
async function fileAndCheck(page, s, { with: how = driver, locale = aws.locale } = {}) {
  const before = await server.countCases();
  const id = await fileCase(page, how, s);
  assertStored(await server.getCase(id), s, { ...aws, locale });
  assert.equal(await server.countCases(), before + 1, 'exactly one case stored');
}

for (const name of engineNames) {
  describe(name, () => {
    let engine;
    let page;
    before(async () => { engine = await launchEngine(name); });
    afterEach(async () => {
      await page?.close();
      page = undefined;
    });
    after(async () => { await engine?.close(); });

    /** The demo page with a <case-widget> for the AWS catalog's Business plan. */
    async function open(attrs = {}) {
      page = await engine.open(`${server.url}/`);
      await page.evaluate(putWidget, { endpoint: '/api/cases', catalog: `/case-widget/catalog/${aws.catalog}.json`, plan: aws.plan, locale: aws.locale, ...attrs });
    }

    test(`${name}: a widget below the fold fetches no wasm until scrolled near, then its first step is usable`, async () => {
      page = await engine.open(widgetPage(server, 'below-the-fold', { below: true }));
      // Time for a widget that wrongly started at once to ask for its wasm.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(await wasmRequests(page), 0, 'no wasm before the widget is near the viewport');
      await page.evaluate(() => document.querySelector('case-widget').scrollIntoView());
      await waitForStep(page, 'case-type');
      assert.equal(await wasmRequests(page), 1, 'the wasm once scrolled to');
      await mouse.radio(page, 'case_type', 'technical');
      await mouse.next(page);
      await waitForStep(page, 'classification');
    });

    test(`${name}: an English case with two files is stored with both files byte-identical`, async () => {
      await open();
      await fileAndCheck(page, english());
      assert.deepEqual([await requestsTo(page, '/api/uploads'), await requestsTo(page, '/api/cases')], [0, 1], 'one request with the files');
    });

    test(`${name}: a case filed in Japanese, picked in the widget, is stored with its Japanese text and file name`, async () => {
      await open();
      await waitForStep(page, 'case-type');
      await driver.select(page, 'cw-language', 'ja');
      await assertContains(page.locator('case-widget .cw-title'), 'サポートケースの作成');
      // Continue by mouse here.
      await fileAndCheck(page, japanese(), { with: { ...driver, next: mouse.next }, locale: 'ja' });
    });

    test(`${name}: a two-phase case uploads each file first and is stored with both files byte-identical`, async () => {
      const s = english();
      await open({ 'upload-endpoint': '/api/uploads' });
      await fileAndCheck(page, s);
      assert.equal(await requestsTo(page, '/api/uploads'), s.files.length, 'one upload a file');
      assert.equal(await requestsTo(page, '/api/cases'), 1, 'then the case');
    });

    // WebKit's automation session is private: IndexedDB keeps no files there, and the widget
    // says so; the answers are still kept.
    const keepsFiles = name !== 'webkit';
    test(keepsFiles
      ? `${name}: a draft comes back after a reload with its answers and files, and files one case`
      : `${name}: a draft comes back after a reload with its answers, the note says files cannot be kept, and attached again it files one case`, async () => {
      const s = english();
      await open();
      const reloadOnceAttached = {
        ...driver,
        async attach(page, files) {
          await driver.attach(page, files);
          const filesNote = page.locator('case-widget .cw-notice-storage');
          if (keepsFiles) await waitForFileSets(page, 1);
          else await assertContains(filesNote, 'This browser cannot keep your attached files');
          await page.reload();
          await waitForStep(page, 'attachments');
          await assertContains(page.locator('case-widget .cw-notice'), 'We restored the draft');
          assert.deepEqual(await listedFiles(page), keepsFiles ? files.map((f) => f.name) : [], 'the files listed after the reload');
          await page.locator('case-widget [data-action="back"]').click();
          await waitForStep(page, 'details');
          assert.deepEqual([await page.evaluate(valueOf, 'subject'), await page.evaluate(valueOf, 'description')], [s.subject, s.description], 'answers kept');
          await driver.next(page);
          await waitForStep(page, 'attachments');
          if (!keepsFiles) {
            await driver.attach(page, files);
            await assertContains(filesNote, 'This browser cannot keep your attached files');
          }
        },
      };
      await fileAndCheck(page, s, { with: reloadOnceAttached });
      if (keepsFiles) await waitForFileSets(page, 0);
    });

    test(`${name}: a case answered 503 is tried again and stored once with its files intact`, async () => {
      // Set on the contact step: the next case request, the submission, is answered 503.
      const s = { ...english(), before: () => server.fault({ kind: 'unavailable', count: 1 }) };
      await open();
      const seeingTheRetry = {
        ...driver,
        async next(page) {
          const submitting = (await step(page)) === 'review';
          await driver.next(page);
          if (submitting) await assertContains(page.locator('case-widget [role="status"].cw-callout'), 'Trying again in');
        },
      };
      await fileAndCheck(page, s, { with: seeingTheRetry });
    });
  });
}
