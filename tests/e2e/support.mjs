// Shared by the browser tests: the real reference server on a free loopback port, real headless
// Chromium, and two ways to fill the wizard in: with the mouse, or with the keyboard alone.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Starts case-server on 127.0.0.1:0 with its own data folder and a copy of dist/. Scripts fill
 * the form in faster than any person, so the minimum time to fill in and the rate limit are off
 * unless given. `tree` is the built checkout served (its dist/, its release server, its
 * catalogs): this one unless the bench compares another.
 */
export async function startServer({ corsOrigins = [], minFillSeconds = 0, spamChecks = true, proxies = [], args = [], tree = root } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'case-widget-e2e-'));
  const dist = join(dir, 'dist');
  cpSync(join(tree, 'dist'), dist, { recursive: true });
  // Catalogs a portal owner might get wrong, served beside the good ones.
  writeFileSync(join(dist, 'catalog', 'broken-json.json'), '{ "id": "broken", "languages": [ }');
  writeFileSync(join(dist, 'catalog', 'broken-refs.json'), JSON.stringify(brokenRefsCatalog()));
  const child = spawn(join(tree, 'target/release/case-server'), [
    '--addr', '127.0.0.1:0', '--data', join(dir, 'data'), '--dist', dist,
    '--catalogs', join(tree, 'public/catalog'), '--expose-cases', '--faults',
    '--min-fill-seconds', String(minFillSeconds),
    // Tests send cases far faster than people: the rate limit is for people.
    '--rate-limit', '0',
    ...(spamChecks ? [] : ['--no-spam-checks']),
    ...corsOrigins.flatMap((o) => ['--cors-origin', o]),
    ...proxies.flatMap((p) => ['--proxy', p]),
    ...args,
  ], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The request log's line per request would bury the test output: warnings and refusals only.
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`case-server exited with ${code}`)));
  });
  return {
    url,
    dist,
    async getCase(id) {
      const response = await fetch(`${url}/api/cases/${encodeURIComponent(id)}`);
      assert.equal(response.status, 200, `GET case ${id}`);
      return response.json();
    },
    /** Makes the next case requests fail on purpose (see server/src/faults.rs). */
    async fault(fault) {
      const response = await fetch(`${url}/api/_faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
      assert.equal(response.status, 204);
    },
    /** A spam check with a fresh form token, for a case posted without the widget. */
    async spamCheck() {
      const { token } = await (await fetch(`${url}/api/form-token`)).json();
      return { website: '', filled_in_ms: 0, form_token: token };
    },
    async countCases() {
      return (await (await fetch(`${url}/api/cases`)).json()).count;
    },
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HS256 token of `claims` signed with `secret`, as a portal signs its session proofs. */
/** A TCP port free on 127.0.0.1 just now, for a helpdesk a test starts. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function signToken(secret, claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

function brokenRefsCatalog() {
  const t = (s) => ({ en: s, ja: s, ko: s, zh: s });
  return {
    id: 'broken-refs', name: t('Broken'), languages: ['en', 'ja', 'ko', 'zh'],
    plans: [{ id: 'basic', label: t('Basic') }],
    case_types: [{ id: 'tech', label: t('Technical'), services: ['nowhere'] }],
    services: [{ id: 'svc', label: { en: 'Service' }, categories: [{ id: 'c', label: t('C') }] }],
    severities: [{ id: 'low', label: t('Low'), response: { gold: { hours: 4 } } }],
    contact_methods: [{ id: 'web', label: t('Web') }],
    contact_languages: [{ id: 'en', label: t('English') }],
  };
}

/** One reference server and one browser for a test file; `env.server`, `env.browser`. */
export function useServerAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Opens the demo page in a fresh browser context and puts a <case-widget> with these attributes
 * on it, as a portal would. Fails the test on any page error. `timezoneId` is the customer's own
 * time zone (the machine's where absent).
 */
export async function openWidget(browser, server, attrs = {}, { browserLocale = 'en-US', timezoneId, prepare } = {}) {
  const context = await browser.newContext({ locale: browserLocale, timezoneId, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  // Intercept file choosers from the start: a key press can open one before a lazily
  // registered listener is in place.
  page.on('filechooser', () => {});
  await collectProblems(page);
  if (prepare) await prepare(page);
  await page.goto(`${server.url}/`);
  await page.evaluate(putWidget, { endpoint: '/api/cases', ...attrs });
  return page;
}

/**
 * Collects the page's errors, console errors and Content-Security-Policy violations in
 * `page.problems`, so a test can fail on any of them.
 */
export async function collectProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
}

/**
 * Serves `name`.html beside the widget: the loader and a <case-widget> for the AWS catalog's
 * Business plan with the `attrs` given as HTML, `below` the fold (the page's own content fills more
 * than a screen above it) or at the top. No inline styles or scripts: the server's policy forbids
 * them. Returns its URL.
 */
export function widgetPage(server, name, { attrs = '', below = false } = {}) {
  writeFileSync(join(server.dist, 'widget-page.css'), '.above { height: 1400px; }');
  writeFileSync(join(server.dist, `${name}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
    <link rel="stylesheet" href="/case-widget/widget-page.css"><script type="module" src="/case-widget/case-widget.js"></script></head>
    <body><main>${below ? '<div class="above"></div>' : ''}<case-widget endpoint="/api/cases" catalog="/case-widget/catalog/aws.json" plan="business" locale="en" ${attrs}></case-widget></main></body></html>`);
  return `${server.url}/case-widget/${name}.html`;
}

/** Runs in the demo page: replaces its <case-widget> with one with these attributes. */
export function putWidget(attrs) {
  document.querySelector('case-widget')?.remove();
  const el = document.createElement('case-widget');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.querySelector('main').append(el);
}

/** The wizard once the wasm runs it, not a prerendered first step waiting to be taken over. */
export const liveWizard = 'div:not([data-prerendered]) > .cw-root > .cw-wizard';

export const step = (page) => page.locator(`case-widget ${liveWizard}`).getAttribute('data-step');

export async function waitForStep(page, id) {
  const wizard = `case-widget ${liveWizard}`;
  if (id === 'contact') {
    // Where articles match what the customer wrote, "Solve now or contact us" comes first: carry
    // on with the case, as a customer who needs one would.
    await page.locator(`${wizard}[data-step="contact"], ${liveWizard}[data-step="solve-now"]`).waitFor({ timeout: 10_000 });
    if ((await page.locator(wizard).getAttribute('data-step')) === 'solve-now') {
      await page.locator('case-widget [data-action="next"]').click();
    }
  }
  await page.locator(`${wizard}[data-step="${id}"]`).waitFor({ timeout: 10_000 });
}

export const byId = (page, id) => page.locator(`case-widget [id="${id}"]`);

/** The text of the deepest focused element's id, name and value, through the shadow root. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    return { id: el.id, name: el.getAttribute('name'), value: el.value, action: el.dataset?.action ?? null, tag: el.tagName, inWidget: !!el.closest('.cw-root') || el.tagName === 'CASE-WIDGET' };
  });
}

/** Presses Tab until `match(focused)` holds; fails if it takes more than 80 presses. */
export async function tabTo(page, match, what) {
  for (let i = 0; i < 80; i++) {
    const f = await focused(page);
    if (f && match(f)) return f;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Drives the wizard with the mouse: clicks on labels and buttons. */
export const mouse = {
  async radio(page, name, value) {
    await page.locator(`case-widget label[for="${name}-${value}"]`).click();
  },
  async select(page, id, value) {
    await byId(page, id).click();
    await byId(page, id).selectOption(value);
  },
  async fill(page, id, text) {
    await byId(page, id).click();
    await byId(page, id).fill(text);
  },
  async toggle(page, id) {
    await page.locator(`case-widget label[for="${id}"]`).click();
  },
  async attach(page, files) {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('case-widget label.cw-button[for="attachments"]').click();
    await (await chooser).setFiles(files);
  },
  async next(page) {
    await page.locator('case-widget [data-action="next"]').click();
  },
};

/** Drives the wizard with the keyboard alone: Tab, arrows, typing, Enter and Space. */
export const keyboard = {
  async radio(page, name, value) {
    await tabTo(page, (f) => f.name === name, `radio group ${name}`);
    for (let i = 0; i < 12; i++) {
      const f = await focused(page);
      if (f.value === value) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).value, value, `radio ${name}=${value}`);
  },
  async select(page, id, value) {
    await tabTo(page, (f) => f.id === id, `select ${id}`);
    const options = await byId(page, id).locator('option').evaluateAll((os) => os.map((o) => o.value));
    const target = options.indexOf(value);
    assert.ok(target >= 0, `option ${value} in ${id}`);
    await page.keyboard.press('Home');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).value, value, `select ${id}=${value}`);
  },
  async fill(page, id, text) {
    await tabTo(page, (f) => f.id === id, `field ${id}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  },
  async toggle(page, id) {
    await tabTo(page, (f) => f.id === id, `checkbox ${id}`);
    await page.keyboard.press('Space');
  },
  async attach(page, files) {
    await tabTo(page, (f) => f.id === 'attachments', 'the file picker');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(files);
  },
  async next(page) {
    await tabTo(page, (f) => f.action === 'next', 'the Continue button');
    await page.keyboard.press('Enter');
    // The widget moves focus to the new heading, or to the error summary, on the next frame:
    // a keyboard user carries on from there.
    await page.waitForFunction(() => {
      const el = document.querySelector('case-widget')?.shadowRoot?.activeElement;
      return el && (el.hasAttribute('data-step-heading') || el.classList.contains('cw-error-summary'));
    }, null, { timeout: 10_000 });
  },
};

/**
 * Answers case type, service, category and its extra `fields` (and severity, where given) with the
 * mouse and stops on the step after the last one answered.
 */
export async function answerFirstSteps(page, { caseType, service, category, fields = {}, severity }) {
  await waitForStep(page, 'case-type');
  await mouse.radio(page, 'case_type', caseType);
  await mouse.next(page);
  await mouse.select(page, 'service', service);
  await mouse.select(page, 'category', category);
  for (const [id, value] of Object.entries(fields)) await mouse.fill(page, `field.${id}`, value);
  await mouse.next(page);
  await waitForStep(page, 'severity');
  if (severity) {
    await mouse.radio(page, 'severity', severity);
    await mouse.next(page);
    await waitForStep(page, 'details');
  }
}

/** Fills subject and description in, attaches `files`, and stops on the contact step. */
export async function answerDetailsAndFiles(page, { subject = 'S', description = 'D', files = [] } = {}) {
  await waitForStep(page, 'details');
  await mouse.fill(page, 'subject', subject);
  await mouse.fill(page, 'description', description);
  await mouse.next(page);
  await waitForStep(page, 'attachments');
  if (files.length) {
    await mouse.attach(page, files);
    await page.locator('case-widget .cw-file-name').nth(files.length - 1).waitFor();
  }
  await mouse.next(page);
  await waitForStep(page, 'contact');
}

/** Answers the contact step with web contact in English and goes on to the review. */
export async function answerContactAndReview(page, { name = 'Ada', email = 'ada@example.com' } = {}) {
  await waitForStep(page, 'contact');
  await mouse.fill(page, 'name', name);
  await mouse.fill(page, 'email', email);
  await mouse.radio(page, 'contact_method', 'web');
  await mouse.select(page, 'contact_language', 'en');
  await mouse.next(page);
  await waitForStep(page, 'review');
}

/**
 * Fills the whole wizard in from a scenario, through `driver`, checks the review, submits and
 * returns the case ID shown on the confirmation.
 */
export async function fileCase(page, driver, s) {
  await waitForStep(page, 'case-type');
  await driver.radio(page, 'case_type', s.caseType);
  if (s.onBehalfOf) {
    await driver.select(page, 'on_behalf_of', s.onBehalfOf.account);
    await byId(page, 'customer_may_see').waitFor();
    if (!s.onBehalfOf.customerMaySee) await driver.toggle(page, 'customer_may_see');
    assert.equal(await byId(page, 'customer_may_see').isChecked(), s.onBehalfOf.customerMaySee);
  }
  await driver.next(page);

  await waitForStep(page, 'classification');
  await driver.select(page, 'service', s.service);
  await driver.select(page, 'category', s.category);
  for (const [id, value] of Object.entries(s.fields ?? {})) {
    const control = byId(page, `field.${id}`);
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await driver.select(page, `field.${id}`, value);
    else await driver.fill(page, `field.${id}`, value);
  }
  await driver.next(page);

  await waitForStep(page, 'severity');
  if (s.severity) await driver.radio(page, 'severity', s.severity);
  await driver.next(page);

  await waitForStep(page, 'details');
  await driver.fill(page, 'subject', s.subject);
  await driver.fill(page, 'description', s.description);
  await driver.next(page);

  await waitForStep(page, 'attachments');
  if (s.files?.length) await driver.attach(page, s.files);
  await driver.next(page);

  await waitForStep(page, 'contact');
  await driver.fill(page, 'name', s.name);
  await driver.fill(page, 'email', s.email);
  await driver.radio(page, 'contact_method', s.method);
  if (s.before) await s.before();
  if (s.phone) {
    await driver.select(page, 'phone_country', s.phone.country);
    await driver.fill(page, 'phone_number', s.phone.number);
    if (s.phone.extension) await driver.fill(page, 'phone_extension', s.phone.extension);
  }
  await driver.select(page, 'contact_language', s.language);
  if (s.cc) await driver.fill(page, 'cc', s.cc);
  await driver.next(page);

  await waitForStep(page, 'review');
  const review = page.locator('case-widget .cw-summary');
  await assertContains(review, s.subject);
  for (const line of s.description.split('\n')) await assertContains(review, line);
  for (const line of s.reviewLines ?? []) await assertContains(review, line);
  if (s.screenshots) await page.screenshot({ path: `${s.screenshots}-review.png`, fullPage: true });
  await driver.next(page);

  await waitForStep(page, 'done');
  const text = await page.locator('case-widget .cw-case-id').innerText();
  const id = text.match(s.idPattern ?? /CASE-\d{8}-\d{5}/)?.[0];
  assert.ok(id, `a case ID in "${text}"`);
  return id;
}

/** Waits up to 5 s for `text` to appear in the locator, as Playwright's `expect` would. */
export async function assertContains(locator, text) {
  let content = '';
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    content = await locator.innerText().catch(() => '');
    if (content.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`expected ${JSON.stringify(text)} in ${JSON.stringify(content.slice(0, 400))}`);
}

/**
 * How many drafts have files in IndexedDB. Opens the database only once the widget has made it,
 * and closes it again, so that looking never gets in the widget's way.
 */
export const keptFileSets = (page) => page.evaluate(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'case-widget')) return 0;
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('case-widget');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('files')) {
        db.close();
        return resolve(0);
      }
      const count = db.transaction('files').objectStore('files').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
    };
  });
});

/** Waits up to 5 s until `n` drafts have files in IndexedDB (any page with `evaluate`). */
export async function waitForFileSets(page, n) {
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    if (await keptFileSets(page) === n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await keptFileSets(page), n, 'drafts with files kept');
}

/** A small file with real bytes, for the file chooser. */
export function file(name, mimeType, text) {
  return { name, mimeType, buffer: Buffer.from(text) };
}

/** What the server must have stored for a scenario, field by field. */
export function assertStored(stored, s, { catalog, plan, locale }) {
  const c = stored.case;
  assert.equal(c.catalog, catalog);
  assert.equal(c.plan, plan);
  assert.equal(c.locale, locale);
  assert.equal(c.case_type, s.caseType);
  assert.equal(c.service, s.service);
  assert.equal(c.category, s.category);
  assert.equal(c.severity, s.severity ?? s.defaultSeverity);
  assert.deepEqual(c.fields, s.storedFields ?? s.fields ?? {});
  assert.equal(c.subject, s.subject);
  assert.equal(c.description, s.description);
  assert.equal(c.contact.name, s.name);
  assert.equal(c.contact.email, s.email);
  assert.equal(c.contact.method, s.method);
  assert.equal(c.contact.language, s.language);
  if (s.phone) {
    assert.equal(c.contact.phone.country, s.phone.country);
    assert.equal(c.contact.phone.number, s.phone.number);
    assert.equal(c.contact.phone.extension ?? '', s.phone.extension ?? '');
    assert.equal(c.contact.phone.e164, s.phone.e164);
  } else {
    assert.equal(c.contact.phone, undefined);
  }
  assert.deepEqual(c.cc, s.ccList ?? []);
  const files = s.files ?? [];
  assert.equal(stored.attachments.length, files.length);
  files.forEach((f, i) => {
    assert.equal(stored.attachments[i].filename, f.name);
    assert.equal(stored.attachments[i].size, f.buffer.length);
    assert.equal(stored.attachments[i].content_type, f.mimeType);
    assert.equal(stored.attachments[i].sha256, createHash('sha256').update(f.buffer).digest('hex'));
  });
  assert.deepEqual(c.attachments.map((a) => a.name), files.map((f) => f.name));
}
