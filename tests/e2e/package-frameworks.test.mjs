// The npm package as portals use it: installed from the packed tarball into a React 19 +
// TypeScript app and a Vue 3 app, each built by Vite and filing a whole case into the reference
// server; TypeScript knows the element and refuses misuse of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, byId, launchBrowser, mouse, startServer, waitForStep } from './support.mjs';
import { installFixture, must, pack, run, servePortal } from './package-support.mjs';

let tarball;
let server;
let browser;
const apps = {};

before(async () => {
  tarball = await pack();
  server = await startServer();
  browser = await launchBrowser();
  // Both apps install at once: most of the time is the network's.
  const [react, vue] = await Promise.all([installFixture('react', tarball), installFixture('vue', tarball)]);
  Object.assign(apps, { react, vue });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  for (const dir of Object.values(apps)) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the widget with its hashed and compressed files, the types and the prerender tool, not the demo', async () => {
  const files = (await must('tar', ['-tzf', tarball])).split('\n').map((f) => f.replace(/^package\//, ''));
  const has = (pattern) => assert.ok(files.some((f) => pattern.test(f)), `the tarball has ${pattern}`);
  for (const p of [/^package\.json$/, /^dist\/case-widget\.js$/, /^dist\/case-widget-app-[0-9a-f]{16}\.js$/, /^dist\/case-widget-app-[0-9a-f]{16}_bg\.wasm$/,
    /^dist\/case-widget-app-[0-9a-f]{16}_bg\.wasm\.br$/, /^dist\/case-widget-app-[0-9a-f]{16}_bg\.wasm\.gz$/, /^dist\/case-widget-[0-9a-f]{16}\.css$/,
    /^dist\/case-widget-dark\.css$/, /^dist\/locales\/ja\/widget-[0-9a-f]{16}\.ftl$/, /^dist\/catalog\/aws\.json$/, /^dist\/catalog\/akamai\.json$/,
    /^dist\/catalog\/articles\//, /^dist\/profiles\/rt5\.json$/, /^bin\/prerender\.mjs$/, /^types\/index\.d\.ts$/, /^types\/react\.d\.ts$/, /^CHANGELOG\.md$/, /^README\.md$/]) has(p);
  assert.deepEqual(files.filter((f) => /^dist\/(index|playground|demo)/.test(f) || f.startsWith('dist/prerendered/')), []);
  const manifest = JSON.parse(readFileSync(join(apps.react, 'node_modules/case-widget/package.json'), 'utf8'));
  for (const key of ['name', 'version', 'license', 'exports', 'types', 'files', 'bin']) assert.ok(manifest[key], `package.json has ${key}`);
});

test('TypeScript: correct use of <case-widget> in TSX passes; a misspelt attribute and a wrong detail field fail', async () => {
  const app = apps.react;
  await must('npx', ['tsc', '--noEmit', '-p', '.'], { cwd: app });
  // Each mistake in a file of its own, all checked in one run of tsc.
  const page = readFileSync(join(app, 'src/SupportPage.tsx'), 'utf8');
  const wrong = {
    'misspelt-attribute': [page.replace('endpoint="/api/cases"', 'endpiont="/api/cases"'), /Property 'endpiont' does not exist on type 'CaseWidgetProps'/],
    'wrong-detail': [page.replace('setFiled(event.detail)', 'setFiled(event.detail.caseId)'), /Property 'caseId' does not exist on type 'CaseSubmittedDetail'/],
    'wrong-prefill': [page.replace("prefill({ name: 'Ada Lovelace'", "prefill({ fullName: 'Ada Lovelace'"), /'fullName' does not exist in type 'CaseWidgetPrefill'/],
    'wrong-listener': [`${page}\ndocument.querySelector('case-widget')?.addEventListener('case-step', (e) => e.detail.stepId);\n`, /Property 'stepId' does not exist on type 'CaseStepDetail'/],
  };
  for (const [name, [source]] of Object.entries(wrong)) writeFileSync(join(app, `src/${name}.tsx`), source);
  const { code, out } = await run('npx', ['tsc', '--noEmit', '-p', '.'], { cwd: app });
  for (const name of Object.keys(wrong)) rmSync(join(app, `src/${name}.tsx`));
  assert.notEqual(code, 0, 'tsc refuses the mistakes');
  // A diagnostic is its file's line and the indented lines after it.
  const diagnostics = out.split(/\n(?=\S)/);
  for (const [name, [, error]] of Object.entries(wrong)) {
    const own = diagnostics.filter((d) => d.startsWith(`src/${name}.tsx(`)).join('\n');
    assert.match(own, error, `${name}:\n${out}`);
  }
});

/** Builds the fixture app with Vite, serves it as the portal with /api on the reference server. */
async function fileThrough(name, { locale }) {
  await must('npm', ['run', 'build'], { cwd: apps[name] });
  const portal = await servePortal({ folder: join(apps[name], 'dist'), api: server.url });
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(`${portal.url}/`);
    await waitForStep(page, 'case-type');
    await page.locator(`case-widget .cw-root[lang="${locale}"]`).waitFor();
    await answerFirstSteps(page, { caseType: 'account-billing', service: 'billing', category: 'payment', severity: 'normal' });
    await answerDetailsAndFiles(page, { subject: `Filed from the ${name} app`, description: 'The instance stopped answering.' });
    // The app called prefill() on case-ready through its ref.
    assert.equal(await byId(page, 'name').inputValue(), 'Ada Lovelace');
    assert.equal(await byId(page, 'email').inputValue(), 'ada@example.com');
    await answerContactAndReview(page, { name: 'Ada Lovelace', email: 'ada@example.com' });
    await mouse.next(page);
    await waitForStep(page, 'done');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)?.[0];
    assert.ok(id, 'the confirmation shows the case ID');
    // The page heard the events through its framework's own bindings.
    assert.equal(await page.locator('#filed').innerText(), `Filed ${id}`);
    assert.match(await page.locator('#step').innerText(), /^7\/7 review$/);
    const stored = await server.getCase(id);
    assert.equal(stored.case.subject, `Filed from the ${name} app`);
    assert.deepEqual(portal.answers.filter((a) => a.status >= 400 && a.path !== '/favicon.ico'), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await portal.stop();
  }
}

test('React 19 + Vite: the built app files a whole case, prefilled through a ref, its page hearing the events through JSX props', async () => {
  await fileThrough('react', { locale: 'en' });
});

test('Vue 3 + Vite: the built app files a whole case in Japanese, chosen with setLocale() and prefilled through a template ref, its page hearing the events through v-on', async () => {
  await fileThrough('vue', { locale: 'ja' });
});
