// The embedding contract: dist/ served from any folder of another site, posting cross-origin
// through CORS, with contact details the portal supplies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { byId, launchBrowser, mouse, startServer, waitForStep } from './support.mjs';

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html' };
let portal;
let portalUrl;
let server;
let browser;

/** A portal on its own origin: serves its page, and dist/ under a deep folder of its own. */
function startPortal(site) {
  const prefix = '/assets/support/case-widget/';
  const http = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/portal.html') {
      const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${site.api}`;
      return res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': csp }).end(site.html);
    }
    if (!path.startsWith(prefix)) return res.writeHead(404).end();
    const file = normalize(join(site.dist, path.slice(prefix.length)));
    if (!file.startsWith(site.dist)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

before(async () => {
  const site = {};
  portal = await startPortal(site);
  portalUrl = `http://127.0.0.1:${portal.address().port}`;
  // The intake server allows the portal's origin, as a real deployment would configure it.
  server = await startServer({ corsOrigins: [portalUrl] });
  site.dist = server.dist;
  site.api = server.url;
  site.html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
    <script type="module" src="/assets/support/case-widget/case-widget.js"></script></head>
    <body><h1>Portal</h1>
    <case-widget endpoint="${server.url}/api/cases" catalog="/assets/support/case-widget/catalog/akamai.json"
      plan="premium" locale="ja" name="佐藤 花子" email="hanako@example.jp"></case-widget></body></html>`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  portal?.close();
});

test('the widget loads from any folder of another site, posts cross-origin, and sends the prefilled contact unchanged', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location().url) && problems.push(m.text()));
  await page.goto(`${portalUrl}/portal.html`);
  await waitForStep(page, 'case-type');
  await mouse.radio(page, 'case_type', 'billing');
  await mouse.next(page);
  await mouse.select(page, 'service', 'invoices');
  await mouse.select(page, 'category', 'usage');
  await mouse.next(page);
  await mouse.next(page);
  await mouse.fill(page, 'subject', '使用量レポートについて');
  await mouse.fill(page, 'description', '十月分のレポートが見つかりません。');
  await mouse.next(page);
  await mouse.next(page);
  await waitForStep(page, 'contact');
  assert.equal(await byId(page, 'name').inputValue(), '佐藤 花子');
  assert.equal(await byId(page, 'name').getAttribute('readonly'), '');
  assert.equal(await byId(page, 'email').getAttribute('readonly'), '');
  await mouse.radio(page, 'contact_method', 'web');
  await mouse.select(page, 'contact_language', 'ja');
  await mouse.next(page);
  await waitForStep(page, 'review');
  await mouse.next(page);
  await waitForStep(page, 'done');
  const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];
  const stored = await server.getCase(id);
  assert.equal(stored.case.catalog, 'akamai');
  assert.equal(stored.case.severity, '3');
  assert.equal(stored.case.contact.name, '佐藤 花子');
  assert.equal(stored.case.contact.email, 'hanako@example.jp');
  assert.deepEqual(problems, []);
  await context.close();
});
