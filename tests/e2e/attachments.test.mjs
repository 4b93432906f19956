// Attachments: three 5 MB files in both wire shapes, byte for byte; every refusal at the step;
// drag and drop, paste, removal; progress; cancel and send again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { answerContactAndReview, assertContains, byId, mouse, openWidget, useServerAndBrowser, waitForStep } from './support.mjs';

const env = useServerAndBrowser();
const MiB = 1024 * 1024;

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real PNG of random pixels, just under 5 MB. */
function png() {
  const width = 1290, height = 1290;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  randomBytes(raw.length).copy(raw);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A PDF of exactly 5 MiB: one page whose stream is random bytes. */
function pdf() {
  const head = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Length 0 >> stream\n', 'latin1');
  const tail = Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, randomBytes(5 * MiB - head.length - tail.length), tail]);
}

const bigFiles = () => [
  { name: 'memory-dump.bin', mimeType: 'application/octet-stream', buffer: randomBytes(5 * MiB) },
  { name: 'dashboard.png', mimeType: 'image/png', buffer: png() },
  { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf() },
];

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

async function toAttachments(page, caseType = 'technical', service = 's3', category = 'performance') {
  await waitForStep(page, 'case-type');
  await mouse.radio(page, 'case_type', caseType);
  await mouse.next(page);
  await mouse.select(page, 'service', service);
  await mouse.select(page, 'category', category);
  if (caseType === 'technical' && service === 'dns') await mouse.fill(page, 'field.zone', 'example.com');
  await mouse.next(page);
  // The least severe: severity 1 may have to be called in (Akamai Premium).
  if (caseType === 'technical') await mouse.radio(page, 'severity', (await page.locator('case-widget input[name="severity"]').last().getAttribute('value')));
  await mouse.next(page);
  await mouse.fill(page, 'subject', 'Files attached');
  await mouse.fill(page, 'description', 'See the attachments.');
  await mouse.next(page);
  await waitForStep(page, 'attachments');
}

async function toReview(page) {
  await mouse.next(page);
  await answerContactAndReview(page);
}

const listedFiles = (page) => page.locator('case-widget .cw-file-name').allInnerTexts();

async function waitForFiles(page, n) {
  await page.locator('case-widget .cw-file-name').nth(n - 1).waitFor();
}
const caseId = async (page) => (await page.locator('case-widget .cw-case-id').innerText()).match(/CASE-\d{8}-\d{5}/)[0];

async function countCases() {
  return (await (await fetch(`${env.server.url}/api/cases`)).json()).count;
}

describe('three files of 5 MB', () => {
  for (const [shape, attrs] of [['multipart', {}], ['two-phase', { 'upload-endpoint': '/api/uploads' }]]) {
    test(`${shape}: every byte arrives, progress reaches 100%, and wasm memory does not grow by the files`, async () => {
      const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en', ...attrs });
      const files = bigFiles();
      await toAttachments(page);
      await mouse.attach(page, files);
      await waitForFiles(page, 3);
      assert.deepEqual(await listedFiles(page), files.map((f) => f.name));
      await toReview(page);
      await page.evaluate(() => {
        window.progress = [];
        document.addEventListener('case-progress', (e) => window.progress.push(e.detail));
      });
      const before = await page.evaluate(() => customElements.get('case-widget').wasmMemoryBytes());
      await mouse.next(page);
      await waitForStep(page, 'done');
      const after = await page.evaluate(() => customElements.get('case-widget').wasmMemoryBytes());
      const growth = after - before;
      console.log(`# ${shape}: wasm memory ${before} -> ${after} bytes (growth ${growth})`);
      assert.ok(growth < MiB, `wasm memory grew by ${growth} bytes`);
      const progress = await page.evaluate(() => window.progress);
      const total = files.reduce((n, f) => n + f.buffer.length, 0);
      assert.ok(progress.length > 1, 'several progress events');
      assert.equal(progress.at(-1).loaded, total);
      assert.equal(progress.at(-1).total, total);
      const stored = await env.server.getCase(await caseId(page));
      assert.deepEqual(stored.attachments.map((a) => [a.filename, a.size, a.sha256]), files.map((f) => [f.name, f.buffer.length, sha256(f.buffer)]));
    });
  }
});

describe('refusals', () => {
  const cases = {
    en: {
      fourth: '“four.txt” was not added: you can attach up to 3 files',
      large: '“huge.log” is 5,242,881 bytes: files can be 5,242,880 bytes at most',
      empty: '“empty.txt” is empty (0 bytes)',
      type: '“photo.png” can’t be attached here: you can attach images, PDF, text files, CSV, JSON files, ZIP archives, gzip archives, log files or HAR files',
      notListed: '“data.bin” can’t be attached here: you can attach images, PDF, text files, CSV, JSON files, ZIP archives, gzip archives, log files or HAR files',
      twice: '“one.txt” is already attached',
    },
    ja: {
      fourth: '「four.txt」は追加されませんでした。添付できるのは 3 ファイルまでです',
      large: '「huge.log」は 5,242,881 バイト です。添付できるのは 5,242,880 バイト までです',
      empty: '「empty.txt」は空のファイルです (0 バイト)',
      type: '「photo.png」はここには添付できません。添付できるのは画像、PDF、テキストファイル、CSV、JSON ファイル、ZIP アーカイブ、gzip アーカイブ、ログファイル、またはHAR ファイルです',
      notListed: '「data.bin」はここには添付できません。添付できるのは画像、PDF、テキストファイル、CSV、JSON ファイル、ZIP アーカイブ、gzip アーカイブ、ログファイル、またはHAR ファイルです',
      twice: '「one.txt」はすでに添付されています',
    },
  };
  for (const [locale, says] of Object.entries(cases)) {
    test(`each refused file is named with its reason in ${locale}, and the accepted files stay`, async () => {
      const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/akamai.json', plan: 'premium', locale });
      await toAttachments(page, 'technical', 'dns', 'resolution');
      const text = (name, body) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
      const errors = page.locator('case-widget #attachments-refusals');
      await mouse.attach(page, [
        text('one.txt', 'first'),
        { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 a program renamed', 'latin1') },
        { name: 'data.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 3]) },
        text('empty.txt', ''),
        { name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(5 * MiB + 1, 0x41) },
      ]);
      await assertContains(errors, says.type);
      for (const message of [says.notListed, says.empty, says.large]) await assertContains(errors, message);
      await mouse.attach(page, [text('one.txt', 'first')]);
      await assertContains(errors, says.twice);
      await mouse.attach(page, [text('two.txt', 'second'), text('three.txt', 'third'), text('four.txt', 'fourth')]);
      await assertContains(errors, says.fourth);
      assert.deepEqual(await listedFiles(page), ['one.txt', 'two.txt', 'three.txt']);
    });
  }
});

describe('SVG in disguise', () => {
  test('an SVG behind a byte order mark named as a bitmap, and one behind an XML declaration, are refused as a plain .svg is, and nothing typed is lost', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/akamai.json', plan: 'premium', locale: 'en' });
    await toAttachments(page, 'technical', 'dns', 'resolution');
    const errors = page.locator('case-widget #attachments-refusals');
    const markup = '<svg xmlns="http://www.w3.org/2000/svg"><script>window.pwned = 1</script></svg>';
    const kept = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('kept\n') };
    await mouse.attach(page, [kept, { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(markup) }]);
    await assertContains(errors, '“logo.svg” can’t be attached here');
    const plain = await errors.innerText();
    const refusal = (name) => plain.trim().replace('logo.svg', name);

    await mouse.attach(page, [
      { name: 'diagram.bmp', mimeType: 'image/bmp', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(` \n${markup}`)]) },
      { name: 'drawing.tiff', mimeType: 'image/tiff', buffer: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${markup}`) },
    ]);
    await assertContains(errors, refusal('diagram.bmp'));
    await assertContains(errors, refusal('drawing.tiff'));
    assert.equal(await page.locator('case-widget .cw-wizard').getAttribute('data-step'), 'attachments');
    assert.deepEqual(await listedFiles(page), ['notes.txt']);

    await page.locator('case-widget [data-action="back"]').click();
    await waitForStep(page, 'details');
    assert.equal(await byId(page, 'subject').inputValue(), 'Files attached');
    assert.equal(await byId(page, 'description').inputValue(), 'See the attachments.');
    await mouse.next(page);
    await waitForStep(page, 'attachments');
    assert.deepEqual(await listedFiles(page), ['notes.txt']);
  });
});

describe('limits told before the choice', () => {
  const billingTypes = 'image/*,application/pdf,text/csv,text/plain,.csv,.txt';
  const akamaiTypes = 'image/*,application/pdf,text/plain,text/csv,application/json,application/zip,application/gzip,.txt,.log,.har,.csv,.json';
  const says = {
    en: {
      limits: 'Up to 3 files, 5 MB each at most.',
      billing: 'You can attach images, PDF, CSV or text files.',
      akamai: 'You can attach images, PDF, text files, CSV, JSON files, ZIP archives, gzip archives, log files or HAR files.',
      anyType: 'You can attach',
      type: '“logs.bin” can’t be attached here: you can attach images, PDF, CSV or text files',
      size: '“too-big.log” is 5,242,881 bytes: files can be 5,242,880 bytes at most',
    },
    ja: {
      limits: '最大 3 ファイル、1 ファイルあたり 5 MB まで。',
      billing: '添付できるのは画像、PDF、CSV、またはテキストファイルです。',
      akamai: '添付できるのは画像、PDF、テキストファイル、CSV、JSON ファイル、ZIP アーカイブ、gzip アーカイブ、ログファイル、またはHAR ファイルです。',
      anyType: '添付できるのは',
      type: '「logs.bin」はここには添付できません。添付できるのは画像、PDF、CSV、またはテキストファイルです',
      size: '「too-big.log」は 5,242,881 バイト です。添付できるのは 5,242,880 バイト までです',
    },
  };
  const hint = (page) => page.locator('case-widget #attachments-hint');
  const picker = (page) => page.locator('case-widget #attachments');

  for (const [locale, text] of Object.entries(says)) {
    test(`the hint and the file picker name the kinds of file each case type takes, on both catalogs, in ${locale}`, async () => {
      const billing = await openWidget(env.browser, env.server, { plan: 'business', locale });
      await toAttachments(billing, 'account-billing', 'billing', 'invoice');
      await assertContains(hint(billing), text.limits);
      await assertContains(hint(billing), text.billing);
      assert.equal(await picker(billing).getAttribute('accept'), billingTypes);

      const technical = await openWidget(env.browser, env.server, { plan: 'business', locale });
      await toAttachments(technical, 'technical', 's3', 'performance');
      await assertContains(hint(technical), text.limits);
      assert.ok(!(await hint(technical).innerText()).includes(text.anyType), 'no types named where the catalog takes any');
      assert.equal(await picker(technical).getAttribute('accept'), null);

      const akamai = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/akamai.json', plan: 'premium', locale });
      await toAttachments(akamai, 'technical', 'dns', 'resolution');
      await assertContains(hint(akamai), text.akamai);
      assert.equal(await picker(akamai).getAttribute('accept'), akamaiTypes);
    });

    test(`a refused type names the types taken, a refused size shows both figures to the byte, and axe finds nothing, in ${locale}`, async () => {
      const page = await openWidget(env.browser, env.server, { plan: 'business', locale });
      await toAttachments(page, 'account-billing', 'billing', 'invoice');
      await mouse.attach(page, [
        { name: 'logs.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 3]) },
        { name: 'too-big.log', mimeType: 'text/plain', buffer: Buffer.alloc(5 * MiB + 1, 0x41) },
      ]);
      const errors = page.locator('case-widget #attachments-refusals');
      await assertContains(errors, text.type);
      await assertContains(errors, text.size);
      const result = await new AxeBuilder({ page }).include('case-widget')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);
    });
  }
});

describe('adding and removing', () => {
  test('files dropped on the step and a pasted screenshot are added; a removed file is gone from the case', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'en' });
    await toAttachments(page);
    await page.locator('case-widget .cw-dropzone').evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File(['kernel: oops\n'], 'dropped.log', { type: 'text/plain' }));
      data.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'dropped.pdf', { type: 'application/pdf' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.locator('case-widget .cw-file-name', { hasText: 'dropped.pdf' }).waitFor();
    await page.locator('case-widget [data-step-heading]').evaluate((heading) => {
      const data = new DataTransfer();
      const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      heading.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    });
    await page.locator('case-widget .cw-file-name', { hasText: 'screenshot-' }).waitFor();
    const names = await listedFiles(page);
    assert.equal(names.length, 3);
    assert.match(names[2], /^screenshot-\d{4}-\d{2}-\d{2}-\d{6}\.png$/);
    await page.locator('case-widget [data-action="remove-file"]').first().click();
    assert.deepEqual((await listedFiles(page)).slice(0, 1), ['dropped.pdf']);
    await toReview(page);
    await mouse.next(page);
    await waitForStep(page, 'done');
    const stored = await env.server.getCase(await caseId(page));
    assert.deepEqual(stored.attachments.map((a) => a.filename), names.slice(1));
  });
});

describe('cancelling', () => {
  test('cancel mid-upload keeps the draft; sending again files exactly one case with every file whole', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'ja' });
    const files = bigFiles();
    await toAttachments(page);
    await mouse.attach(page, files);
    await waitForFiles(page, 3);
    await toReview(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * MiB });
    const casesBefore = await countCases();
    await mouse.next(page);
    const bar = page.locator('case-widget .cw-progress-total');
    await bar.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('case-widget').shadowRoot.querySelector('.cw-progress-total');
      return bar && bar.value > bar.max * 0.1;
    });
    await assertContains(page.locator('case-widget .cw-upload'), 'ファイルを送信しています');
    await page.locator('case-widget [data-action="cancel"]').click();
    await assertContains(page.locator('case-widget .cw-failure'), 'アップロードを中止しました');
    assert.equal(await page.locator('case-widget .cw-wizard').getAttribute('data-step'), 'review');
    assert.equal(await countCases(), casesBefore, 'nothing filed by the cancelled upload');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await mouse.next(page);
    await waitForStep(page, 'done');
    assert.equal(await countCases(), casesBefore + 1);
    const stored = await env.server.getCase(await caseId(page));
    assert.deepEqual(stored.attachments.map((a) => a.sha256), files.map((f) => sha256(f.buffer)));
  });
});

describe('two-phase retries', () => {
  test('a dropped upload is retried alone and the case arrives with every file once', async () => {
    const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: 'ko', 'upload-endpoint': '/api/uploads' });
    const files = ['first.bin', 'second.bin', 'third.bin'].map((name) => ({ name, mimeType: 'application/octet-stream', buffer: randomBytes(256 * 1024) }));
    const uploads = {};
    // The network drops the first attempt at the second file; everything else reaches the server.
    await page.route('**/api/uploads?**', async (route) => {
      const name = new URL(route.request().url()).searchParams.get('filename');
      uploads[name] = (uploads[name] ?? 0) + 1;
      if (name === 'second.bin' && uploads[name] === 1) return route.abort('connectionreset');
      return route.continue();
    });
    await toAttachments(page);
    await mouse.attach(page, files);
    await waitForFiles(page, 3);
    await toReview(page);
    await mouse.next(page);
    await waitForStep(page, 'done');
    assert.deepEqual(uploads, { 'first.bin': 1, 'second.bin': 2, 'third.bin': 1 });
    const stored = await env.server.getCase(await caseId(page));
    assert.deepEqual(stored.attachments.map((a) => a.sha256), files.map((f) => sha256(f.buffer)));
  });
});

describe('a server that accepts less than the catalog allows', () => {
  // The page's catalog allows 8 MB files; the server holds to its own 5 MB.
  const generous = JSON.parse(readFileSync(new URL('../../public/catalog/aws.json', import.meta.url)));
  generous.attachments.max_bytes = 8 * MiB;
  const serveGenerous = (page) => page.route('**/catalog/generous.json', (route) => route.fulfill({ json: generous }));
  for (const [shape, attrs, locale, named] of [
    ['multipart', {}, 'en', '“huge.bin” is larger than the support server accepts (5 MB at most)'],
    ['two-phase', { 'upload-endpoint': '/api/uploads' }, 'ja', '「huge.bin」はサポートサーバーが受け付けるサイズ (最大 5 MB) を超えています'],
  ]) {
    test(`${shape}: its 413 names the file at the attachments step, and without that file the case is filed`, async () => {
      const page = await openWidget(env.browser, env.server, { catalog: '/case-widget/catalog/generous.json', plan: 'business', locale, ...attrs }, { prepare: serveGenerous });
      const files = [
        { name: 'huge.bin', mimeType: 'application/octet-stream', buffer: randomBytes(6 * MiB) },
        { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('fits\n') },
      ];
      await toAttachments(page);
      await mouse.attach(page, files);
      await waitForFiles(page, 2);
      await toReview(page);
      const before = await countCases();
      await mouse.next(page);
      await waitForStep(page, 'attachments');
      await assertContains(page.locator('case-widget #attachments-refusals'), named);
      assert.equal(await page.locator('case-widget .cw-failure').getAttribute('role'), 'alert');
      assert.equal(await countCases(), before);
      await page.locator('case-widget [data-action="remove-file"]').first().click();
      await mouse.next(page);
      await waitForStep(page, 'review');
      await mouse.next(page);
      await waitForStep(page, 'done');
      const stored = await env.server.getCase(await caseId(page));
      assert.deepEqual(stored.attachments.map((a) => a.sha256), [sha256(files[1].buffer)]);
    });
  }
});
