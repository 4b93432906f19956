// Where the main thread's time goes while the wasm takes the demo page's first step over: a CPU
// profile (Chromium's sampling profiler) from navigation to `case-ready`, the heaviest items by
// self time, averaged over a few runs. Needs `trunk build --release` and the release server.
// Usage: node bench/takeover-profile.mjs [--runs N] [--top N] [--page /path] [--tree BUILT_CHECKOUT]
import { launchBrowser, startServer } from '../tests/e2e/support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', 5));
const top = Number(arg('--top', 10));
const path = arg('--page', '/');
// Another built checkout, e.g. the bench's earlier commit (see side-by-side.mjs).
const tree = arg('--tree', undefined);

/** Self time per function (name, file, line) in one profile, in ms. */
function selfTimes(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map();
  profile.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.split('/').pop().replace(/-[0-9a-f]{16}/, '') : '';
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return times;
}

const server = await startServer({ tree });
const browser = await launchBrowser();
const total = new Map();
const takeOvers = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('case-ready', () => { window.caseReady = performance.now(); }, { once: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => window.caseReady !== undefined, null, { timeout: 60000 });
    const { profile } = await cdp.send('Profiler.stop');
    takeOvers.push(await page.evaluate(() => window.caseReady));
    for (const [key, ms] of selfTimes(profile)) total.set(key, (total.get(key) ?? 0) + ms);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Taken over at ${Math.round(median(takeOvers))} ms (median of ${runs}); self time per run, mean:`);
console.log('| item | self ms |');
console.log('|---|---|');
const rows = [...total].filter(([key]) => key !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [key, ms] of rows) console.log(`| ${key.replaceAll('|', '\\|')} | ${(ms / runs).toFixed(1)} |`);

/** What an item is: the wasm's own code, the glue or the loader, the browser's work. */
function kind(key) {
  if (key.includes('.wasm:') || key.startsWith('wasm-')) return 'the wasm (and its calls across to JS)';
  if (key.includes('case-widget-app.js:')) return 'the glue (case-widget-app.js)';
  if (key.includes('case-widget.js:')) return 'the loader (case-widget.js)';
  if (key.startsWith('(')) return key;
  return "the browser's APIs called (DOM, fetch, Intl)";
}
const kinds = new Map();
for (const [key, ms] of total) if (key !== '(idle)') kinds.set(kind(key), (kinds.get(kind(key)) ?? 0) + ms);
console.log('\n| by kind | self ms |');
console.log('|---|---|');
for (const [name, ms] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`| ${name} | ${(ms / runs).toFixed(1)} |`);
