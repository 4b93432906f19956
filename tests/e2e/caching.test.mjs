// Cached for long, never mixed: a repeat visit loads the glue, wasm, styles and texts from the
// browser's cache without asking the server, and after a release a page that had cached the old
// version gets the new one whole, because the one file it revalidates, the loader, names exactly
// the files built with it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** A wasm custom section: valid anywhere in a module, ignored when it runs. */
function customSection(name, payload) {
  const body = Buffer.concat([Buffer.from([name.length]), Buffer.from(name), Buffer.from(payload)]);
  return Buffer.concat([Buffer.from([0, body.length]), body]);
}

/** The built files the loader in `dist` names: glue, wasm and styles. */
function named(dist) {
  const loader = readFileSync(join(dist, 'case-widget.js'), 'utf8');
  return {
    loader,
    glue: loader.match(/'\.\/(case-widget-app-[0-9a-f]{16}\.js)'/)[1],
    wasm: loader.match(/'\.\/(case-widget-app-[0-9a-f]{16}_bg\.wasm)'/)[1],
    css: JSON.parse(loader.match(/const assets = (\{.*\});/)[1])['case-widget.css'],
  };
}

/**
 * Puts a second release into `dist` as a build would name it: a changed wasm, its glue, changed
 * styles, and the loader and the demo page naming them.
 */
function release(dist) {
  const old = named(dist);
  const read = (name) => readFileSync(join(dist, name));
  const wasm = Buffer.concat([read(old.wasm), customSection('release', '2')]);
  const wasmName = `case-widget-app-${hash(wasm)}_bg.wasm`;
  const glue = `${read(old.glue).toString().replaceAll(old.wasm, wasmName)}\n// release 2\n`;
  const glueName = `case-widget-app-${hash(glue)}.js`;
  const css = `${read(old.css)}\n.cw-root { --release: 2; }\n`;
  const cssName = `case-widget-${hash(css)}.css`;
  writeFileSync(join(dist, wasmName), wasm);
  writeFileSync(join(dist, glueName), glue);
  writeFileSync(join(dist, cssName), css);
  // The demo page names the styles too, for its prerendered step.
  writeFileSync(join(dist, 'index.html'), read('index.html').toString().replaceAll(old.css, cssName));
  for (const copy of ['case-widget.js', 'index.html'].flatMap((f) => [`${f}.br`, `${f}.gz`])) rmSync(join(dist, copy), { force: true });
  writeFileSync(join(dist, 'case-widget.js'), old.loader.replaceAll(old.glue, glueName).replaceAll(old.wasm, wasmName).replaceAll(old.css, cssName));
  return { old, now: { glue: glueName, wasm: wasmName, css: cssName } };
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
