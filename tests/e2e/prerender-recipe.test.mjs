// README's prerender recipe, followed as printed by a portal that installed the package and serves
// the widget under a path of its own: the step is styled before any script runs, nothing it asks
// for is missing, and the wasm then takes it over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, liveWizard, startServer } from './support.mjs';
import { must, npmInstall, pack, root, servePortal } from './package-support.mjs';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### A first step that shows before the wasm'));
const block = (lang) => section.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'))[1];

let project;
let server;
let portal;
let browser;

before(async () => {
  const tarball = await pack();
  project = mkdtempSync(join(tmpdir(), 'case-widget-portal-'));
  // The driver the tool needs, at the version the other tests use.
  const driver = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['playwright-core'];
  await must('npm', ['init', '-y'], { cwd: project });
  await npmInstall(project, [tarball, `playwright-core@${driver}`]);
  for (const line of block('sh').split('\n').filter((l) => l.startsWith('npx '))) {
    await must('sh', ['-c', line], { cwd: project });
  }
  cpSync(join(project, 'node_modules/case-widget/dist'), join(project, 'public/assets/support'), { recursive: true });
  const page = block('html').replaceAll('…', '').replace(/<!-- (prerendered\/\S+) -->/g, (_, file) => readFileSync(join(project, file), 'utf8'));
  server = await startServer();
  portal = await servePortal({ folder: join(project, 'public'), pages: { '/support': `<!doctype html><html lang="ja">${page}</html>` }, api: server.url });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await server?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

/**
 * The portal's support page; every answer the browser got that was not 2xx or 3xx. With
 * `holdWasm`, the wasm arrives only once `release()` is called, so the prerendered step can be
 * read before the wasm takes it over.
 */
async function open({ javaScriptEnabled, holdWasm = false }) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'ja-JP' });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`); });
  let release = () => {};
  if (holdWasm) {
    const released = new Promise((resolve) => { release = resolve; });
    await page.route('**/*_bg.wasm', async (route) => { await released; await route.continue(); });
  }
  await page.goto(`${portal.url}/support`);
  return { page, failed, release };
}

const inShadow = (page, fn) => page.evaluate(fn);

test('the recipe renders every plan and language asked for in one run, named by catalog, plan and language', () => {
  for (const plan of ['business', 'enterprise']) {
    for (const locale of ['en', 'ja', 'ko', 'zh']) {
      const file = join(project, 'prerendered/aws', plan, `${locale}.html`);
      assert.ok(existsSync(file), file);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`^<template shadowrootmode="open"><link rel="stylesheet" href="/assets/support/case-widget-[0-9a-f]{16}\\.css">.*class="cw-root" lang="${locale}"`));
    }
  }
  assert.match(readFileSync(join(project, 'prerendered/head.html'), 'utf8'), /<link rel="preload" href="\/assets\/support\/case-widget-[0-9a-f]{16}\.css" as="style">/);
});

test('with scripts blocked, the prerendered step under /assets/support/ is styled by the widget\'s stylesheet and nothing answers 404', async () => {
  const { page, failed } = await open({ javaScriptEnabled: false });
  await page.locator('case-widget [id="case_type-technical"]').waitFor();
  await page.waitForLoadState('networkidle');
  const style = await inShadow(page, () => {
    const shadow = document.querySelector('case-widget').shadowRoot;
    return { radio: getComputedStyle(shadow.querySelector('.cw-radio')).display, lang: shadow.querySelector('.cw-root').lang, sheets: shadow.styleSheets.length };
  });
  assert.deepEqual(style, { radio: 'grid', lang: 'ja', sheets: 1 });
  assert.deepEqual(failed, []);
  assert.deepEqual(portal.answers.filter((a) => a.status === 404 && a.path !== '/favicon.ico'), []);
  await page.context().close();
});

test('with scripts, the wasm takes the prerendered step over, with the same stylesheet', async () => {
  const { page, failed, release } = await open({ javaScriptEnabled: true, holdWasm: true });
  const prerendered = await inShadow(page, () => document.querySelector('case-widget').shadowRoot.querySelector('link[rel=stylesheet]').getAttribute('href'));
  release();
  await page.locator(`case-widget ${liveWizard}[data-step="case-type"]`).waitFor({ timeout: 20_000 });
  const live = await inShadow(page, () => new URL(document.querySelector('case-widget').shadowRoot.querySelector('link[rel=stylesheet]').href).pathname);
  assert.equal(live, prerendered);
  assert.equal(await page.locator('case-widget .cw-root').getAttribute('lang'), 'ja');
  assert.deepEqual(failed, []);
  await page.context().close();
});
