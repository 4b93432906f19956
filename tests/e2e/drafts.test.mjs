// Drafts: attached files kept in IndexedDB across a reload and a closed tab, removed with the
// draft, and a visible note instead of an error when the browser keeps nothing or is full.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { answerContactAndReview, answerFirstSteps, assertContains, byId, mouse, openWidget, putWidget, useServerAndBrowser, waitForFileSets, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const aws = { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' };
const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

const someFiles = () => [
  { name: 'trace.bin', mimeType: 'application/octet-stream', buffer: randomBytes(1024 * 1024) },
  { name: 'notes "today".txt', mimeType: 'text/plain', buffer: Buffer.from('ログ line\n'.repeat(2000)) },
];

async function attachOnDetails(page, files) {
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
  await mouse.fill(page, 'subject', 'Kept with its files');
  await mouse.fill(page, 'description', 'Every byte must survive a reload.');
  await mouse.next(page);
  await mouse.attach(page, files);
  await page.locator('case-widget .cw-file-name').nth(files.length - 1).waitFor();
}

async function submitAndExpectFiles(page, files) {
  await mouse.next(page);
  await waitForStep(page, 'done');
  const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];
  const stored = await env.server.getCase(id);
  assert.deepEqual(stored.attachments.map((a) => a.sha256), files.map((f) => sha256(f.buffer)));
  return stored;
}

describe('attached files in the draft', () => {
  test('files come back after a reload and after the tab is closed, and reach the server byte-identical', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    const files = someFiles();
    await attachOnDetails(page, files);
    await waitForFileSets(page, 1);
    await page.reload();
    await waitForStep(page, 'attachments');
    await assertContains(page.locator('case-widget .cw-notice'), 'We restored the draft');
    await assertContains(page.locator('case-widget .cw-file-list'), 'notes "today".txt');
    assert.equal(await page.locator('case-widget .cw-file-name').count(), 2);
    await mouse.next(page);
    await answerContactAndReview(page);

    const context = page.context();
    await page.close();
    const again = await context.newPage();
    await again.goto(`${env.server.url}/`);
    await waitForStep(again, 'review');
    await assertContains(again.locator('case-widget [data-row="attachments"]'), 'trace.bin');
    await assertContains(again.locator('case-widget [data-row="attachments"]'), 'notes "today".txt');
    await submitAndExpectFiles(again, files);
    await waitForFileSets(again, 0);
  });

  test('a visit that attaches nothing never opens IndexedDB', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
    await waitForStep(page, 'details');
    await mouse.fill(page, 'subject', 'Typed, nothing attached');
    await page.reload();
    await waitForStep(page, 'details');
    assert.equal(await byId(page, 'subject').inputValue(), 'Typed, nothing attached');
    assert.deepEqual(await page.evaluate(() => indexedDB.databases()), []);
    await page.context().close();
  });

  test('removing a file removes it from the draft too', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    const files = someFiles();
    await attachOnDetails(page, files);
    await page.locator('case-widget [data-action="remove-file"]').first().click();
    await assertContains(page.locator('case-widget .cw-file-count'), '1');
    await page.waitForTimeout(300);
    await page.reload();
    await waitForStep(page, 'attachments');
    await assertContains(page.locator('case-widget .cw-file-list'), 'notes "today".txt');
    assert.equal(await page.locator('case-widget .cw-file-name').count(), 1);
    await mouse.next(page);
    await answerContactAndReview(page);
    await submitAndExpectFiles(page, files.slice(1));
  });

  test('discarding the draft removes its files as well', async () => {
    const page = await openWidget(env.browser, env.server, aws);
    await attachOnDetails(page, someFiles());
    await waitForFileSets(page, 1);
    await page.locator('case-widget [data-action="discard"]').click();
    await page.locator('case-widget [data-action="discard-yes"]').click();
    await waitForStep(page, 'case-type');
    await waitForFileSets(page, 0);
    await page.reload();
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget .cw-notice').count(), 0, 'nothing left to restore');
  });
});

describe('drafts on a shared browser', () => {
  const draft = (page) => page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('case-widget:draft:')));

  test('another user\'s draft is discarded with its files, not shown', async () => {
    const page = await openWidget(env.browser, env.server, { ...aws, user: 'ada', id: 'shared' });
    await attachOnDetails(page, someFiles());
    await waitForFileSets(page, 1);
    // The next person signs in at the same browser: the page names them.
    await page.evaluate(putWidget, { endpoint: '/api/cases', ...aws, user: 'bob', id: 'shared' });
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget .cw-notice').count(), 0, 'nothing restored');
    await waitForFileSets(page, 0);
    assert.equal(await draft(page), undefined, "ada's answers are gone too");
    await page.context().close();
  });

  test('a draft left longer than its keeping time is discarded with its files; draft-days keeps it longer', async () => {
    const page = await openWidget(env.browser, env.server, { ...aws, id: 'old' });
    await attachOnDetails(page, someFiles());
    await waitForFileSets(page, 1);
    const age = async (days) => page.evaluate((days) => {
      const [key, json] = Object.entries(localStorage).find(([k]) => k.startsWith('case-widget:draft:'));
      const saved = JSON.parse(json);
      saved.saved_at = Date.now() - days * 24 * 3600 * 1000;
      localStorage.setItem(key, JSON.stringify(saved));
    }, days);
    await age(8);
    await page.evaluate(putWidget, { endpoint: '/api/cases', ...aws, id: 'old', 'draft-days': '30' });
    await waitForStep(page, 'attachments');
    await assertContains(page.locator('case-widget .cw-notice'), 'We restored the draft');
    await age(8);
    await page.evaluate(putWidget, { endpoint: '/api/cases', ...aws, id: 'old' });
    await waitForStep(page, 'case-type');
    assert.equal(await page.locator('case-widget .cw-notice').count(), 0, 'an 8-day-old draft is not restored by default');
    await waitForFileSets(page, 0);
    await page.context().close();
  });
});

describe('when the browser keeps nothing', () => {
  test('with storage unavailable, as in some private modes, the widget says so and still files the case', async () => {
    const page = await openWidget(env.browser, env.server, aws, {
      prepare: (page) => page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
        Object.defineProperty(window, 'indexedDB', { get() { return undefined; } });
      }),
    });
    const files = someFiles();
    await attachOnDetails(page, files);
    const note = page.locator('case-widget .cw-notice-storage');
    await assertContains(note, 'This browser is not keeping a copy of your answers');
    assert.equal(await note.getAttribute('role'), 'status');
    await mouse.next(page);
    await answerContactAndReview(page);
    await submitAndExpectFiles(page, files);
  });

  test('with storage full the widget says so in the customer\'s language and loses nothing typed', async () => {
    const page = await openWidget(env.browser, env.server, { ...aws, locale: 'ja' }, {
      prepare: (page) => page.addInitScript(() => {
        Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      }),
    });
    await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
    await assertContains(page.locator('case-widget .cw-notice-storage'), 'このブラウザーでは回答のコピーを保存できない');
    await mouse.fill(page, 'subject', '容量がいっぱいでも消えない');
    await mouse.fill(page, 'description', '入力した内容はそのまま残ります。');
    await mouse.next(page);
    await waitForStep(page, 'attachments');
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'details');
    assert.equal(await byId(page, 'subject').inputValue(), '容量がいっぱいでも消えない');
    assert.equal(await byId(page, 'description').inputValue(), '入力した内容はそのまま残ります。');
  });

  test('when only the files cannot be kept, the note says so and the text draft still survives a reload', async () => {
    const page = await openWidget(env.browser, env.server, aws, {
      prepare: (page) => page.addInitScript(() => {
        IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      }),
    });
    await attachOnDetails(page, someFiles());
    await assertContains(page.locator('case-widget .cw-notice-storage'), 'This browser cannot keep your attached files');
    await page.reload();
    await waitForStep(page, 'attachments');
    await assertContains(page.locator('case-widget .cw-notice'), 'We restored the draft');
    assert.equal(await page.locator('case-widget .cw-file-name').count(), 0, 'no file listed without its bytes');
    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'details');
    assert.equal(await byId(page, 'subject').inputValue(), 'Kept with its files');
  });
});
