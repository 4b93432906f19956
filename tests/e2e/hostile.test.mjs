// Nothing a customer types, a file is called, or a server answers is ever run as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertContains, fileCase, mouse, openWidget, useServerAndBrowser } from './support.mjs';

const env = useServerAndBrowser();
const payloads = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 2">',
  '"><svg onload="window.pwned = 3">',
  "javascript:window.pwned=4//",
  '{{7*7}} ${7*7} <b>bold</b>',
];

test('script and markup in every text field and in file names show as text in the review, the confirmation and the store', async () => {
  const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const s = {
    caseType: 'technical', service: 'lambda', category: 'function-errors', severity: 'normal',
    fields: { function_name: payloads[1] },
    subject: payloads[0],
    description: payloads.join('\n'),
    files: [
      { name: '<img src=x onerror=alert(1)>.txt', mimeType: 'text/plain', buffer: Buffer.from('x') },
      { name: '"><script>alert(2)</script>.log', mimeType: 'text/plain', buffer: Buffer.from('y') },
    ],
    name: payloads[2], email: 'ada@example.com', method: 'web', language: 'en',
  };
  const id = await fileCase(page, mouse, s);
  const summary = page.locator('case-widget .cw-summary');
  for (const text of [payloads[0], payloads[1], payloads[2], s.files[0].name, s.files[1].name]) await assertContains(summary, text);
  const injected = await page.evaluate(() => ({
    pwned: window.pwned ?? null,
    elements: document.querySelector('case-widget').shadowRoot.querySelectorAll('.cw-summary script, .cw-summary img, .cw-summary svg, .cw-summary b').length,
  }));
  assert.deepEqual(injected, { pwned: null, elements: 0 });
  assert.deepEqual(dialogs, []);
  const stored = (await env.server.getCase(id));
  assert.equal(stored.case.subject, payloads[0]);
  assert.equal(stored.case.description, payloads.join('\n'));
  assert.equal(stored.case.fields.function_name, payloads[1]);
  assert.equal(stored.case.contact.name, payloads[2]);
  // Stored without path separators, as text.
  assert.deepEqual(stored.attachments.map((a) => a.filename), s.files.map((f) => f.name.replaceAll('/', '_')));
  assert.deepEqual(page.problems, []);
});

test('markup in a server error body is shown as text', async () => {
  const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
  await env.server.fault({ kind: 'hostile', count: 1 });
  await assert.rejects(fileCase(page, mouse, {
    caseType: 'technical', service: 's3', category: 'performance', severity: 'normal',
    subject: 'S', description: 'D', name: 'Ada', email: 'ada@example.com', method: 'web', language: 'en',
  }));
  await assertContains(page.locator('case-widget [id="subject-error"]'), '<script>window.pwned=6</script>');
  assert.equal(await page.evaluate(() => window.pwned ?? null), null);
});

test('a request whose handler panics is answered 500 and the release server goes on', async () => {
  await env.server.fault({ kind: 'panic' });
  const response = await fetch(`${env.server.url}/api/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(response.status, 500);
  assert.equal((await response.json()).error, 'internal');
  assert.equal((await fetch(`${env.server.url}/healthz`)).status, 200);
});
