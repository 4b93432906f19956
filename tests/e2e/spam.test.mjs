// Spam: a hidden field only bots fill in and a minimum time to fill in, enforced by the server
// with its default of 3 s; neither is seen, reached or heard by a person.
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

/** Submits and returns the server's answer to the case request. */
async function submit(page) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
  await mouse.next(page);
  const response = await answer;
  return { status: response.status(), body: await response.json() };
}

describe('spam checks', () => {
  test('a person who takes their time files the case; the hidden field is off screen, out of the tab order and hidden from screen readers', async () => {
    const page = await openWidget(env.browser, env.server, aws('en'));
    const opened = Date.now();
    await fillToReview(page);
    const trap = byId(page, 'cw-website');
    const box = await trap.boundingBox();
    assert.ok(!box || box.x + box.width <= 0, `the field is off screen: ${JSON.stringify(box)}`);
    assert.equal(await trap.getAttribute('tabindex'), '-1');
    assert.equal(await page.locator('case-widget .cw-trap').getAttribute('aria-hidden'), 'true');
    assert.ok(!(await page.locator('case-widget').ariaSnapshot()).includes('Leave this field empty'), 'not in the accessibility tree');
    await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - opened)));
    const before = await env.server.countCases();
    const { status, body } = await submit(page);
    assert.equal(status, 201, JSON.stringify(body));
    await waitForStep(page, 'done');
    assert.equal(await env.server.countCases(), before + 1);
  });

  test('a bot that fills in every field it finds is refused, told so in the customer\'s language, and nothing is stored', async () => {
    const page = await openWidget(env.browser, env.server, aws('ko'));
    const opened = Date.now();
    await fillToReview(page);
    await byId(page, 'cw-website').fill('https://cheap-pills.example');
    await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - opened)));
    const before = await env.server.countCases();
    const { status, body } = await submit(page);
    assert.deepEqual([status, body.error], [422, 'spam-suspected']);
    assert.match(body.message, /hidden/);
    await assertContains(page.locator('case-widget .cw-failure'), '지원 서버가 이 제출을 자동 제출로 판단하여');
    assert.equal(await env.server.countCases(), before);
  });

  test('a case sent faster than anyone could fill it in is refused and kept; sent again minutes later it is filed once', async () => {
    // The page's clock stands still while the form is filled in, then moves on five minutes.
    const page = await openWidget(env.browser, env.server, aws('en'), { prepare: (p) => p.clock.setFixedTime(new Date('2026-11-24T10:00:00Z')) });
    await fillToReview(page);
    const before = await env.server.countCases();
    const refused = await submit(page);
    assert.deepEqual([refused.status, refused.body.error], [422, 'spam-suspected']);
    assert.match(refused.body.message, /filled in 0 ms/);
    await assertContains(page.locator('case-widget .cw-failure'), 'took this for an automated submission');
    await assertContains(page.locator('case-widget [data-row="subject"]'), 'Bucket listing is slow');
    assert.equal(await env.server.countCases(), before);
    await page.clock.setFixedTime(new Date('2026-11-24T10:05:00Z'));
    const { status } = await submit(page);
    assert.equal(status, 201);
    await waitForStep(page, 'done');
    assert.equal(await env.server.countCases(), before + 1);
  });
});
