// The current tree beside an earlier commit, in one run of `make bench`: the earlier commit is
// built from a worktree of its own (with its own target dir and its own reference server), both
// are served the same pages, and their runs are interleaved so a busy machine slows both alike.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The commit compared against: the widget before the refactors and the budgets of issue 25. */
export const BASE_COMMIT = '4117991';

/**
 * Builds `commit` (the widget's release build and its reference server) in a detached worktree
 * under the system's temporary folder, with the target dir `BENCH_BASE_TARGET_DIR` (else
 * `target/bench-base`); once built at that commit, it is used as it is. Returns the tree.
 */
export function buildBase(commit) {
  const tree = join(tmpdir(), 'case-widget-bench-base');
  const target = process.env.BENCH_BASE_TARGET_DIR ?? join(root, 'target', 'bench-base');
  const run = (cmd, args, cwd = tree, env = process.env) => execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const head = (cwd, rev) => execFileSync('git', ['rev-parse', rev], { cwd }).toString().trim();
  if (!existsSync(tree)) run('git', ['worktree', 'add', '--detach', tree, commit], root);
  if (!existsSync(join(tree, 'target'))) symlinkSync(target, join(tree, 'target'));
  const built = existsSync(join(tree, 'dist', 'index.html')) && existsSync(join(tree, 'target', 'release', 'case-server'));
  if (built && head(tree, 'HEAD') === head(root, commit)) return tree;
  run('git', ['checkout', '--quiet', '--detach', commit]);
  const env = { ...process.env, CARGO_TARGET_DIR: target, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };
  run('trunk', ['build', '--release'], tree, env);
  run('cargo', ['build', '--release', '-p', 'case-server'], tree, env);
  return tree;
}

/**
 * Pages written into a server's dist/ beside the demo page: the widget without a prerendered
 * step, loading at once (`eager`) or once scrolled to, below the fold (`visible`).
 */
export function writePages(dist) {
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const widget = (loading) => `<case-widget loading="${loading}" endpoint="/api/cases" catalog="/case-widget/catalog/aws.json" plan="business"></case-widget>`;
  const page = (body) => index.replace(/<case-widget[^>]*>[\s\S]*?<\/case-widget>/, body);
  writeFileSync(join(dist, 'bench-eager.html'), page(widget('eager')));
  // The page's Content-Security-Policy refuses inline styles: a canvas's own height pushes the
  // widget below the fold.
  writeFileSync(join(dist, 'bench-below-fold.html'), page(`<canvas width="1" height="2400"></canvas>${widget('visible')}`));
}

async function scriptSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration').value;
}

/** Opens `path` in a fresh context with CDP's performance metrics on, runs `measure`, closes. */
async function onPage(browser, server, path, measure) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener('case-ready', () => { window.caseReady = performance.now(); }, { once: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`${server.url}/case-widget/${path}`);
  try {
    return await measure(page, () => scriptSeconds(cdp), wasm);
  } finally {
    await context.close();
  }
}

/** One run of the eager page without a prerendered step: script time and the take-over. */
export async function eagerSample(browser, server) {
  const without = await onPage(browser, server, 'bench-without-widget.html', async (page, script) => {
    await page.waitForLoadState('load');
    await page.waitForTimeout(200);
    return script();
  });
  return onPage(browser, server, 'bench-eager.html', async (page, script) => {
    await page.waitForFunction(() => window.caseReady !== undefined, null, { timeout: 60000 });
    const takenOver = await page.evaluate(() => window.caseReady);
    await page.waitForTimeout(200);
    return { takenOver, scriptMs: ((await script()) - without) * 1000 };
  });
}

/** One run of the page with the widget below the fold: what it costs before it is scrolled to. */
export async function belowFoldSample(browser, server) {
  const without = await onPage(browser, server, 'bench-without-widget.html', async (page, script) => {
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    return script();
  });
  return onPage(browser, server, 'bench-below-fold.html', async (page, script, wasm) => {
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    const scriptMs = ((await script()) - without) * 1000;
    const wasmRequests = wasm.length;
    await page.locator('case-widget').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => window.caseReady !== undefined, null, { timeout: 60000 });
    return { scriptMs, wasmRequests };
  });
}

/** `sample(build, round)` `runs` times for each build, alternating builds within each run. */
export async function interleave(builds, runs, sample) {
  const samples = Object.fromEntries(Object.keys(builds).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    // Every other round in the other order: whichever goes first runs in a browser that has just
    // closed the other's pages.
    const order = i % 2 ? Object.entries(builds).reverse() : Object.entries(builds);
    for (const [name, build] of order) samples[name].push(await sample(build, i));
  }
  return samples;
}

/** The median of `key` over each build's samples. */
export const medianOf = (samples, key) => Math.round(median(samples.map((s) => s[key])) * 10) / 10;
