#!/usr/bin/env node
// Renders the widget's first step with the widget itself, in headless Chromium, as a declarative
// shadow root a page puts inside its <case-widget>: the step is on screen and usable before the
// wasm arrives (and with scripts blocked), and the wasm then takes it over.
//
//   case-widget-prerender [--dist DIR] [--base /case-widget/] [--catalog aws,akamai|FILE.json]
//                         [--plan business,enterprise] [--locale en,ja,ko,zh] [--out prerendered]
//                         [--browser /usr/bin/chromium]
//
// writes OUT/<catalog>/<plan>/<locale>.html for every combination (plans and locales default to
// all the catalog has) and OUT/head.html, the stylesheet preload and the loader for the page's
// <head>. The step links the styles by the content-hashed name of the build in --dist, under
// --base, the path (or URL) the portal serves that folder at: the very file the widget itself
// loads, so it is fetched once and cached for a year. Render again with each new build.
//
//   case-widget-prerender --demo   (`make prerender`) writes the demo page's
//   public/prerendered/first-step.html, whose styles the build renames itself.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html', '.ftl': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };
const loaderName = 'case-widget.js';

/**
 * Serves `dist` under the URL path `base`, a bare host page at `/`, the files of `extra` (URL
 * path to file) and 404 for the rest.
 */
export async function serveWidget(dist, base, extra = new Map()) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prerender</title><script type="module" src="${base}${loaderName}"></script></head><body><main></main></body></html>`;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (path === '/') return send(response, 200, 'text/html', page);
    if (extra.has(path)) return send(response, 200, 'application/json', readFileSync(extra.get(path)));
    const file = path.startsWith(base) ? resolve(dist, path.slice(base.length)) : null;
    if (!file || !file.startsWith(resolve(dist) + sep) || !existsSync(file) || !statSync(file).isFile()) return send(response, 404, 'text/plain', 'not found');
    send(response, 200, types[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((ok) => server.close(ok)) };
}

function send(response, status, type, body) {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

/**
 * The first step a <case-widget> with `attrs` renders on the page at `pageUrl`, as the shadow
 * root's markup, with the page's origin taken off its URLs.
 */
export async function renderStep(browser, pageUrl, attrs) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.evaluate((attrs) => {
      document.querySelector('case-widget')?.remove();
      const el = document.createElement('case-widget');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.querySelector('main').append(el);
    }, attrs);
    await page.waitForFunction(() => document.querySelector('case-widget').shadowRoot?.querySelector('.cw-wizard'), null, { timeout: 20_000 });
    const html = await page.evaluate(() => {
      const shadow = document.querySelector('case-widget').shadowRoot;
      shadow.querySelector('div').setAttribute('data-prerendered', '');
      return shadow.innerHTML;
    });
    return html.replaceAll(new URL(pageUrl).origin, '');
  } finally {
    await context.close();
  }
}

const template = (html) => `<template shadowrootmode="open">${html}</template>\n`;

/**
 * The demo page's first step (on a reference server serving the widget at /case-widget/), its
 * styles under their plain name: the build writes the hashed name into the demo page itself.
 */
export async function renderFirstStep(browser, server, { catalog, plan, locale }) {
  const html = await renderStep(browser, `${server.url}/`, { endpoint: '/api/cases', catalog: `/case-widget/catalog/${catalog}.json`, plan, locale });
  return template(html.replace(/case-widget-[0-9a-f]{16}\.css/g, 'case-widget.css'));
}

/** Where the portal serves the widget: a path `/x/`, or a URL whose path is served here. */
function parseBase(base) {
  const url = new URL(base.endsWith('/') ? base : `${base}/`, 'http://portal.invalid');
  if (!/^(https?:\/\/|\/)/.test(base)) throw new Error(`--base must be a path starting with / or an http(s) URL: ${base}`);
  return { path: url.pathname, origin: /^https?:/.test(base) ? url.origin : '' };
}

/** A catalog by shipped name (`aws`) or file; its name, JSON, and where the page finds it. */
function readCatalog(dist, spec, base) {
  const shipped = join(dist, 'catalog', `${spec}.json`);
  const file = spec.endsWith('.json') ? resolve(spec) : shipped;
  if (!existsSync(file)) throw new Error(`no catalog ${spec}: neither a file nor one of ${join(dist, 'catalog')}`);
  const name = basename(file, '.json');
  return { name, file, json: JSON.parse(readFileSync(file, 'utf8')), url: file === shipped ? `${base}catalog/${name}.json` : `/__catalogs/${name}.json` };
}

/** `asked`, where all of it is among `known` (a typo would render the default silently), else `known`. */
function only(asked, known, what) {
  const unknown = (asked ?? []).filter((a) => !known.includes(a));
  if (unknown.length) throw new Error(`not among the ${what} (${known.join(', ')}): ${unknown.join(', ')}`);
  return asked ?? known;
}

const list = (value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : null);

async function launch(executablePath) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('prerendering drives Chromium through playwright-core: npm install --save-dev playwright-core');
  }
  const found = executablePath ?? process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  return chromium.launch({ executablePath: found, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}

/** Renders every catalog × plan × locale into `out`; the files written. */
export async function prerender({ dist, base, catalogs, plans, locales, out, browserPath }) {
  const where = parseBase(base);
  if (!existsSync(join(dist, loaderName))) throw new Error(`${dist} holds no built widget (${loaderName})`);
  const chosen = catalogs.map((spec) => readCatalog(dist, spec, where.path));
  const jobs = chosen.flatMap((catalog) => only(plans, catalog.json.plans.map((p) => p.id), `plans of ${catalog.name}`).flatMap((plan) =>
    only(locales, catalog.json.languages, `languages of ${catalog.name}`).map((locale) => ({ catalog, plan, locale }))));
  const server = await serveWidget(dist, where.path, new Map(chosen.map((c) => [c.url, c.file])));
  const browser = await launch(browserPath);
  const written = [];
  let stylesheet;
  try {
    for (const { catalog, plan, locale } of jobs) {
      const html = (await renderStep(browser, `${server.url}/`, { endpoint: '/api/cases', catalog: catalog.url, plan, locale })).replaceAll(`="${where.path}`, `="${where.origin}${where.path}`);
      stylesheet ??= html.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1];
      written.push(write(join(out, catalog.name, plan, `${locale}.html`), template(html)));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const head = `<link rel="preload" href="${stylesheet}" as="style">\n<script type="module" src="${where.origin}${where.path}${loaderName}"></script>\n`;
  written.push(write(join(out, 'head.html'), head));
  return written;
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: resolve(here, '..', 'dist') },
      base: { type: 'string', default: '/case-widget/' },
      catalog: { type: 'string', default: 'aws' },
      plan: { type: 'string' },
      locale: { type: 'string' },
      out: { type: 'string', default: 'prerendered' },
      browser: { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
    console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  if (values.demo) {
    const server = await serveWidget(values.dist, '/case-widget/');
    const browser = await launch(values.browser);
    try {
      const out = resolve(here, '..', 'public/prerendered/first-step.html');
      writeFileSync(out, await renderFirstStep(browser, server, { catalog: 'aws', plan: 'business', locale: 'en' }));
      console.log(`prerender: wrote ${out}`);
    } finally {
      await browser.close();
      await server.stop();
    }
    return;
  }
  const written = await prerender({
    dist: resolve(values.dist), base: values.base, catalogs: list(values.catalog), plans: list(values.plan), locales: list(values.locale), out: values.out, browserPath: values.browser,
  });
  console.log(`prerender: wrote ${written.length} files into ${values.out}`);
}

// Run as a program (also through npm's bin link), not imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`prerender: ${error.message}`);
    process.exit(1);
  });
}
