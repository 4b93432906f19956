// Submitting under faults: dropped connections before and after storing, 503, 429, a reply
// slower than the client's timeout, double presses. Each ends in exactly one stored case with
// every attachment byte-identical, and the draft kept until the server confirmed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, assertContains, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

async function fillUpToReview(page, files) {
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'high' });
  await answerDetailsAndFiles(page, { subject: 'Under faults', description: 'The network is flaky today.', files });
  await answerContactAndReview(page);
}

const someFiles = () => [
  { name: 'one.bin', mimeType: 'application/octet-stream', buffer: randomBytes(300 * 1024) },
  { name: 'two.log', mimeType: 'text/plain', buffer: Buffer.from('line\n'.repeat(5000)) },
];

const draftCount = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('case-widget:draft:')).length);

async function expectOneCase(page, before, files) {
  await waitForStep(page, 'done').catch(async (e) => {
    const shown = await page.locator('case-widget .cw-wizard').innerText().catch(() => '');
    throw new Error(`${e.message}\nThe widget shows: ${shown.slice(0, 600)}`);
  });
  assert.equal(await env.server.countCases(), before + 1, 'exactly one case stored');
  const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];
  const stored = await env.server.getCase(id);
  assert.deepEqual(stored.attachments.map((a) => a.sha256), files.map((f) => sha256(f.buffer)));
  assert.equal(await draftCount(page), 0, 'the draft goes once the server confirmed');
}

describe('faults are retried with the same key and file one case', () => {
  for (const [kind, shape] of [
    ['drop-before-store', {}], ['drop-after-store', {}], ['unavailable', {}], ['rate-limited', {}],
    ['drop-after-store', { 'upload-endpoint': '/api/uploads' }], ['unavailable', { 'upload-endpoint': '/api/uploads' }],
  ]) {
    test(`${kind}${shape['upload-endpoint'] ? ' (two-phase)' : ''}`, async () => {
      const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en', ...shape });
      const files = someFiles();
      await fillUpToReview(page, files);
      const before = await env.server.countCases();
      // Twice: Chrome itself silently resends a request whose reused connection dropped.
      await env.server.fault({ kind, count: kind.startsWith('drop') ? 2 : 1 });
      await mouse.next(page);
      // A dropped connection may be resent by the browser itself before the widget sees it;
      // a 503 or 429 always reaches the widget, which says it will try again.
      if (!kind.startsWith('drop')) {
        await assertContains(page.locator('case-widget [role="status"].cw-callout'), 'Trying again in');
        assert.equal(await draftCount(page), 1, 'the draft is kept while retrying');
      }
      await expectOneCase(page, before, files);
    });
  }

  test('a reply slower than the timeout is retried and the slow request does not file a second case', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en', timeout: '2' });
    const files = someFiles();
    await fillUpToReview(page, files);
    const before = await env.server.countCases();
    await env.server.fault({ kind: 'delay', ms: 3500, count: 1 });
    await mouse.next(page);
    await expectOneCase(page, before, files);
    await page.waitForTimeout(2500);
    assert.equal(await env.server.countCases(), before + 1, 'still one once the slow request finished');
  });
});

describe('the customer stays in charge', () => {
  test('Keep for later stops retrying; after a reload the draft is there and files one case', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'ja' });
    const files = someFiles();
    await fillUpToReview(page, files);
    const before = await env.server.countCases();
    await env.server.fault({ kind: 'unavailable', count: 100 });
    await mouse.next(page);
    await page.locator('case-widget [data-action="keep-for-later"]').click();
    await assertContains(page.locator('case-widget .cw-failure'), 'ケースはこのブラウザーに下書きとして保存されています');
    await page.reload();
    await waitForStep(page, 'review');
    await assertContains(page.locator('case-widget [data-row="subject"]'), 'Under faults');
    await env.server.fault({ kind: 'clear' });
    await assertContains(page.locator('case-widget [data-row="attachments"]'), 'two.log');
    await mouse.next(page);
    await expectOneCase(page, before, files);
  });

  test('after every try fails the case is not lost, and Try now sends it at once once the server is back', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    const files = someFiles();
    await fillUpToReview(page, files);
    const before = await env.server.countCases();
    await env.server.fault({ kind: 'unavailable', count: 4 });
    await mouse.next(page);
    for (let i = 0; i < 3; i++) {
      await page.locator('case-widget [data-action="retry-now"]').click();
      await page.waitForTimeout(150);
    }
    await assertContains(page.locator('case-widget .cw-failure'), 'Your case was not submitted');
    assert.equal(await env.server.countCases(), before);
    assert.equal(await draftCount(page), 1);
    await mouse.next(page);
    await expectOneCase(page, before, files);
  });

  test('a case edited after a failed try goes under a new key and is filed as edited; sent again unchanged it keeps its key', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    const files = someFiles();
    await fillUpToReview(page, files);
    const keys = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/cases') && r.method() === 'POST') keys.push(r.headers()['idempotency-key']);
    });
    const before = await env.server.countCases();
    await env.server.fault({ kind: 'unavailable', count: 100 });
    await mouse.next(page);
    await page.locator('case-widget [data-action="keep-for-later"]').click();
    await assertContains(page.locator('case-widget .cw-failure'), 'Your case is kept as a draft');
    // Sent again as it was: the same case, the same key.
    await mouse.next(page);
    await page.locator('case-widget [data-action="keep-for-later"]').click();
    await assertContains(page.locator('case-widget .cw-failure'), 'Your case is kept as a draft');
    assert.equal(new Set(keys).size, 1, `one key for the unchanged case: ${keys}`);
    const firstKey = keys[0];
    await page.locator('case-widget [data-action="change"][data-step="details"]').first().click();
    await mouse.fill(page, 'subject', 'Under faults, edited after the failure');
    await mouse.next(page);
    await waitForStep(page, 'review');
    await env.server.fault({ kind: 'clear' });
    await mouse.next(page);
    await expectOneCase(page, before, files);
    const lastKey = keys[keys.length - 1];
    assert.notEqual(lastKey, firstKey, 'the edited case went under a new key');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];
    assert.equal((await env.server.getCase(id)).case.subject, 'Under faults, edited after the failure');
  });

  test('a double click and Enter pressed twice send one case', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    const files = someFiles();
    await fillUpToReview(page, files);
    const before = await env.server.countCases();
    await page.locator('case-widget [data-action="next"]').dblclick();
    await expectOneCase(page, before, files);
    const second = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    await fillUpToReview(second, files);
    await second.locator('case-widget [data-action="next"]').focus();
    await second.keyboard.press('Enter');
    await second.keyboard.press('Enter');
    await expectOneCase(second, before + 1, files);
  });
});
