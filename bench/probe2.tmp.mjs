import { launchBrowser, startServer } from '../tests/e2e/support.mjs';
import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function watch() {
  const usable = () => {
    const root = document.querySelector('case-widget')?.shadowRoot ?? document;
    const loaded = (r) => [...r.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet);
    return Boolean(root.querySelector('input[type=radio]')) && loaded(document) && loaded(root);
  };
  window.fr = [];
  const check = () => { window.fr.push(performance.now()); if (usable()) window.stepUsable = performance.now(); else requestAnimationFrame(check); };
  requestAnimationFrame(check);
  document.addEventListener('case-ready', () => { window.caseReady = performance.now(); }, { once: true });
}
const cur = await startServer({ args: ['--no-spam-checks'] });
const base = await startServer({ args: ['--no-spam-checks'], tree: join(tmpdir(), 'case-widget-bench-base') });
// variants of the current page
const idx = readFileSync(join(cur.dist, 'index.html'), 'utf8');
writeFileSync(join(cur.dist, 'v-noscript.html'), idx.replace(/<script type="module"[^>]*><\/script>/, ''));
writeFileSync(join(cur.dist, 'v-visible.html'), idx.replace('loading="eager"', 'loading="visible"'));
const bidx = readFileSync(join(base.dist, 'index.html'), 'utf8');
writeFileSync(join(base.dist, 'v-noscript.html'), bidx.replace(/<script type="module"[^>]*><\/script>/, ''));
const browser = await launchBrowser();
const pages = [['cur', cur, '/'], ['base', base, '/'], ['cur-noscript', cur, '/case-widget/v-noscript.html'], ['base-noscript', base, '/case-widget/v-noscript.html'], ['cur-visible', cur, '/case-widget/v-visible.html']];
const out = Object.fromEntries(pages.map((p) => [p[0], []]));
for (let i = 0; i < 15; i++) for (const [name, s, path] of pages) {
  const context = await browser.newContext(); await context.addInitScript(watch);
  const page = await context.newPage();
  await page.goto(`${s.url}${path}`);
  await page.waitForFunction(() => window.stepUsable !== undefined);
  out[name].push(await page.evaluate(() => ({ u: window.stepUsable, f0: window.fr[0], n: window.fr.length })));
  await context.close();
}
for (const [k] of pages) console.log(k.padEnd(14), 'usable', median(out[k].map((r) => r.u)).toFixed(0), 'firstFrame', median(out[k].map((r) => r.f0)).toFixed(0), 'frames', median(out[k].map((r) => r.n)));
await browser.close(); await cur.stop(); await base.stop();
