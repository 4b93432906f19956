// Cached for long, never mixed: a repeat visit loads the glue, wasm, styles and texts from the
// browser's cache without asking the server, and after a release a page that had cached the old
// version gets the new one whole, because the one file it revalidates, the loader, names exactly
// the files built with it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchBrowser, startServer, waitForStep } from './support.mjs';

const env = {};
before(async () => {
  // The loader asked for again on every visit, as it is five minutes after a release.
  env.server = await startServer({ args: ['--stable-max-age-seconds', '0'] });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});


/** A wasm custom section: valid anywhere in a module, ignored when it runs. */
function customSection(name, payload) {
  const body = Buffer.concat([Buffer.from([name.length]), Buffer.from(name), Buffer.from(payload)]);
  return Buffer.concat([Buffer.from([0, body.length]), body]);
}

/** The built files the loader in `dist` names: glue, wasm, styles and texts. */
function named(dist) {
  const loader = readFileSync(join(dist, 'case-widget.js'), 'utf8');
  const assets = JSON.parse(loader.match(/const assets = (\{.*\});/)[1]);
  return {
    loader,
    glue: loader.match(/'\.\/(case-widget-app-[0-9a-f]{16}\.js)'/)[1],
    wasm: loader.match(/'\.\/(case-widget-app-[0-9a-f]{16}_bg\.wasm)'/)[1],
    css: assets['case-widget.css'],
    assets,
  };
}

/**
 * Builds a second release into `dist` as the build makes one: the release's files under their
 * plain names, the wasm and the styles changed, go through the build's own naming step
 * (scripts/fingerprint.mjs), and what it writes is served beside the old release's files.
 */
function release(dist) {
  const old = named(dist);
  const read = (name) => readFileSync(join(dist, name));
  const stage = mkdtempSync(join(tmpdir(), 'case-widget-release-'));
  const plain = (name, content) => {
    mkdirSync(dirname(join(stage, name)), { recursive: true });
    writeFileSync(join(stage, name), content);
  };
  plain('case-widget-app_bg.wasm', Buffer.concat([read(old.wasm), customSection('release', '2')]));
  plain('case-widget-app.js', read(old.glue).toString().replaceAll(old.wasm, 'case-widget-app_bg.wasm'));
  plain('case-widget.css', `${read(old.css)}\n.cw-root { --release: 2; }\n`);
  for (const [name, hashed] of Object.entries(old.assets)) if (name.startsWith('locales/')) plain(name, read(hashed));
  plain('case-widget.js', old.loader
    .replace(`'./${old.glue}'`, "'./case-widget-app.js'")
    .replace(`'./${old.wasm}'`, "'./case-widget-app_bg.wasm'")
    .replace(/const assets = \{.*\};/, 'const assets = {};'));
  plain('index.html', read('index.html').toString().replaceAll(`/case-widget/${old.css}`, '/case-widget/case-widget.css'));
  execFileSync('node', [new URL('../../scripts/fingerprint.mjs', import.meta.url).pathname, stage]);
  cpSync(stage, dist, { recursive: true });
  rmSync(stage, { recursive: true, force: true });
  return { old, now: named(dist) };
}

/** Opens the demo page until the wizard runs; the widget's files it loaded and how many bytes each cost. */
async function visit(page) {
  await page.goto(`${env.server.url}/`);
  await page.waitForFunction(() => window.caseReady);
  await waitForStep(page, 'case-type');
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/case-widget/'))
    .map((e) => ({ file: new URL(e.name).pathname.replace('/case-widget/', ''), transferred: e.transferSize })));
}

test('a repeat visit asks the server for none of the hashed files, and after a release gets the new version whole', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => document.addEventListener('case-ready', () => { window.caseReady = true; }));
  const first = named(env.server.dist);
  const hashed = (f) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|ftl)$/.test(f);

  const firstVisit = await visit(page);
  for (const file of [first.glue, first.wasm]) {
    assert.ok(firstVisit.some((e) => e.file === file && e.transferred > 0), `${file} downloaded on the first visit`);
  }

  const repeat = await visit(page);
  const again = repeat.filter((e) => hashed(e.file) && e.transferred > 0);
  assert.deepEqual(again, [], 'no hashed file downloaded or revalidated again');
  assert.ok(repeat.some((e) => e.file === first.wasm), 'the wasm came from the cache');

  const { old, now } = release(env.server.dist);
  const afterRelease = await visit(page);
  const files = afterRelease.map((e) => e.file);
  for (const file of [now.glue, now.wasm, now.css]) assert.ok(files.includes(file), `${file} of the new release loaded: ${files}`);
  for (const file of [old.glue, old.wasm, old.css]) assert.ok(!files.includes(file), `${file} of the old release not used: ${files}`);
  const release2 = await page.evaluate(() => getComputedStyle(document.querySelector('case-widget').shadowRoot.querySelector('.cw-root')).getPropertyValue('--release').trim());
  assert.equal(release2, '2', "the new release's styles apply");
  await context.close();
});
