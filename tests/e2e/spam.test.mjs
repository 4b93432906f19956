// Spam: a hidden field only bots fill in, and a form token the server issues when the draft
// begins, signed and saying when: the server refuses a case without a valid one, or sent sooner
// after it than its default of 3 s. Neither is seen, reached or heard by a person.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, assertContains, byId, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser({ minFillSeconds: 3 });
const aws = (locale) => ({ catalog: '/case-widget/catalog/aws.json', plan: 'business', locale });

async function fillToReview(page) {
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'normal' });
  await answerDetailsAndFiles(page, { subject: 'Bucket listing is slow', description: 'Since this morning.' });
  await answerContactAndReview(page);
}

/**
 * Opens the widget and notes when its form token arrives: the server times the filling-in from
 * the token, which the widget fetches after it has mounted, not from when the page opened.
 * `page.waitAsAPerson()` then waits until a person could have filled the form in.
 */
async function openTimed(locale) {
  let tokenAt;
  const page = await openWidget(env.browser, env.server, aws(locale), {
    prepare: (p) => p.on('response', (r) => { if (r.url().includes('/api/form-token')) tokenAt = Date.now(); }),
  });
  page.waitAsAPerson = async () => {
    assert.ok(tokenAt, 'the widget fetched a form token');
    await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - tokenAt)));
  };
  return page;
}

/** Submits and returns the server's answer to the case request. */
async function submit(page) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
  await mouse.next(page);
  const response = await answer;
  return { status: response.status(), body: await response.json() };
}

describe('spam checks', () => {
  test('a person who takes their time files the case; the hidden field is off screen, out of the tab order and hidden from screen readers', async () => {
    const page = await openTimed('en');
    await fillToReview(page);
    const trap = byId(page, 'cw-website');
    const box = await trap.boundingBox();
    assert.ok(!box || box.x + box.width <= 0, `the field is off screen: ${JSON.stringify(box)}`);
    assert.equal(await trap.getAttribute('tabindex'), '-1');
    assert.equal(await page.locator('case-widget .cw-trap').getAttribute('aria-hidden'), 'true');
    assert.ok(!(await page.locator('case-widget').ariaSnapshot()).includes('Leave this field empty'), 'not in the accessibility tree');
    await page.waitAsAPerson();
    const before = await env.server.countCases();
    const { status, body } = await submit(page);
    assert.equal(status, 201, JSON.stringify(body));
    await waitForStep(page, 'done');
    assert.equal(await env.server.countCases(), before + 1);
  });

  test('a bot that fills in every field it finds is refused, told so in the customer\'s language, and nothing is stored', async () => {
    const page = await openTimed('ko');
    await fillToReview(page);
    await byId(page, 'cw-website').fill('https://cheap-pills.example');
    await page.waitAsAPerson();
    const before = await env.server.countCases();
    const { status, body } = await submit(page);
    assert.deepEqual([status, body.error], [422, 'spam-suspected']);
    assert.match(body.message, /hidden/);
    await assertContains(page.locator('case-widget .cw-failure'), '지원 서버가 이 제출을 자동 제출로 판단하여');
    assert.equal(await env.server.countCases(), before);
  });

  test('a case sent sooner after its form token than anyone could fill it in is refused and kept; sent again seconds later it is filed once', async () => {
    // The server hands out no token while the form is filled in, so the widget fetches one as it
    // sends: seconds too late to look like a person's.
    const page = await openWidget(env.browser, env.server, aws('en'), { prepare: (p) => p.route('**/api/form-token', (route) => route.fulfill({ status: 404, body: '' })) });
    await fillToReview(page);
    await page.unroute('**/api/form-token');
    const before = await env.server.countCases();
    const refused = await submit(page);
    assert.deepEqual([refused.status, refused.body.error], [422, 'spam-suspected']);
    assert.match(refused.body.message, /filled in \d+ ms/);
    await assertContains(page.locator('case-widget .cw-failure'), 'took this for an automated submission');
    await assertContains(page.locator('case-widget [data-row="subject"]'), 'Bucket listing is slow');
    assert.equal(await env.server.countCases(), before);
    await page.waitForTimeout(3200);
    const { status } = await submit(page);
    assert.equal(status, 201);
    await waitForStep(page, 'done');
    assert.equal(await env.server.countCases(), before + 1);
  });

  test('a case posted without a form token, as a script would, is refused whatever time it claims', async () => {
    const before = await env.server.countCases();
    const caseJson = {
      catalog: 'aws', plan: 'business', locale: 'en', case_type: 'technical', service: 's3', category: 'performance', severity: 'normal',
      subject: 'From a script', description: 'No widget.', contact: { name: 'Bot', email: 'bot@example.com', method: 'web', language: 'en' },
      spam_check: { website: '', filled_in_ms: 600000 },
    };
    const response = await fetch(`${env.server.url}/api/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(caseJson) });
    assert.equal(response.status, 422);
    assert.equal((await response.json()).error, 'spam-suspected');
    assert.equal(await env.server.countCases(), before);
  });
});
