// Redmine 5, for real: the upload-then-create shape. Each file goes raw to /uploads.json, whose
// token carries the SHA-256 Redmine stored (checked against the file), then /issues.json names
// the tokens. Redmine runs from Debian's packages with its own SQLite database in a temporary
// folder, reached on the page's own origin through the reference server's proxy, and cases
// are read back through Redmine's REST API field by field and byte by byte. An upload lost
// midway or stored damaged is sent again alone; a case Redmine refuses keeps the draft.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionProof, sha256, startHelpdesk, startPortal, stopPortal, threeFiles, toAttachmentsStep } from './helpdesk.mjs';
import { answerContactAndReview, answerDetailsAndFiles, answerFirstSteps, assertContains, fileCase, keyboard, mouse, waitForStep } from './support.mjs';

/** Redmine on 127.0.0.1 from a folder of its own; `get` reads its REST API as the portal user. */
async function startRedmine() {
  const helpdesk = await startHelpdesk('redmine');
  const { url, dir } = helpdesk;
  const key = readFileSync(join(dir, 'api-key'), 'utf8').trim();
  const get = async (path) => {
    const response = await fetch(path.startsWith('http') ? path : `${url}${path}`, { headers: { 'X-Redmine-API-Key': key } });
    assert.equal(response.status, 200, `GET ${path}`);
    return response;
  };
  return {
    url,
    key,
    ids: JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8')),
    get,
    async issue(id) {
      return (await (await get(`/issues/${id}.json?include=attachments`)).json()).issue;
    },
    /** Sets one of Redmine's settings in this instance only. */
    setting(name, value) {
      helpdesk.run('setting', name, String(value));
    },
    async issueCount() {
      return (await (await get('/issues.json?status_id=*&limit=1')).json()).total_count;
    },
    stop: helpdesk.stop,
  };
}

const env = {};
// The portal's credential: Redmine takes its API key as the user name of HTTP Basic, the one
// header the proxy passes on for it.
const basic = (key) => `Basic ${Buffer.from(`${key}:x`).toString('base64')}`;

before(async () => {
  env.redmine = await startRedmine();
  env.portal = await startPortal({
    prefix: '/redmine/', upstream: `${env.redmine.url}/`, allowed: ['POST /redmine/uploads.json?filename', 'POST /redmine/issues.json'],
  });
  ({ server: env.server, browser: env.browser } = env.portal);
  // A profile naming a project Redmine does not have, as a portal owner might misconfigure it.
  env.portal.misconfigured('redmine5', 'redmine5-unknown-project', (profile) => { profile.create.body.issue.project_id = 999; });
});
after(() => stopPortal(env.portal, env.redmine));

/** The widget on the portal page, filing into Redmine through the same origin. */
async function openRedmineWidget(profile, locale, key, attrs = {}) {
  const page = await env.portal.openWidget('/redmine', profile, locale, attrs);
  await page.evaluate(([authorization, proof]) => {
    document.querySelector('case-widget').getRequestHeaders = async () => ({ Authorization: authorization, 'X-Portal-Session': proof });
  }, [basic(key), sessionProof()]);
  return page;
}

// One file of each case has a Japanese name.
const files = (prefix) => threeFiles(prefix, '報告書.pdf');

const scenarios = [
  {
    locale: 'en', driver: mouse,
    s: {
      caseType: 'technical', service: 'ec2', category: 'instance-issue', severity: 'urgent',
      fields: { region: 'us-east-1', instance_id: 'i-0abc1234def567890' },
      subject: 'Instance unreachable after reboot',
      description: 'It stopped answering at 09:10.\nA reboot did not help.',
      files: files(''), name: 'Ada Lovelace', email: 'ada@example.com', method: 'phone',
      phone: { country: 'JP', number: '03-1234-5678', extension: '12' }, language: 'ja',
      onBehalfOf: { account: 'acme-jp', customerMaySee: false },
    },
    attrs: { accounts: JSON.stringify([{ id: 'acme-jp', name: 'ACME Japan' }]) },
    expect: {
      project: 'Support', tracker: 'Bug', priority: 'Urgent',
      fields: {
        Service: 'EC2 (virtual servers)', Category: 'Instance issue', Severity: 'Production system down', 'Contact method': 'Phone',
        'Contact language': 'ja', 'Portal locale': 'en', Phone: '+81 03-1234-5678 ext. 12', 'Phone E.164': '+81312345678',
        Account: 'acme-jp', 'Account name': 'ACME Japan', 'Customer may see': 'No', Region: 'us-east-1', 'Instance ID': 'i-0abc1234def567890',
      },
    },
  },
  {
    locale: 'ja', driver: keyboard,
    s: {
      caseType: 'account-billing', service: 'billing', category: 'invoice', severity: 'normal',
      fields: { invoice_number: 'INV-2026-0042' },
      subject: '請求書の金額が見積もりと違います',
      description: '11月分の請求書が見積もりより高いです。\n内訳を確認してください。',
      files: files('請求書_'), name: '山田 花子', email: 'hanako@example.jp', method: 'web', language: 'ja',
    },
    expect: {
      project: 'Billing', tracker: 'Support', priority: 'Normal',
      fields: { Service: 'Billing', 'Contact method': 'Web', 'Contact language': 'ja', 'Portal locale': 'ja', 'Invoice number': 'INV-2026-0042', Phone: '', Account: '' },
    },
  },
];

/** The issue Redmine stored, checked against what the customer filed. */
async function assertIssue(id, s, expect) {
  const issue = await env.redmine.issue(id);
  assert.equal(issue.subject, s.subject);
  assert.equal(issue.project.name, expect.project);
  assert.equal(issue.tracker.name, expect.tracker);
  assert.equal(issue.priority.name, expect.priority);
  // Redmine keeps line breaks as \r\n.
  const description = issue.description.replaceAll('\r\n', '\n');
  assert.ok(issue.description.includes('\r\n'), 'Redmine stores CRLF line endings');
  for (const line of s.description.split('\n')) assert.ok(description.includes(line), `${line} in ${description}`);
  assert.ok(description.includes(`Service: ${expect.fields.Service}`), description);
  const fields = Object.fromEntries(issue.custom_fields.map((f) => [f.name, f.value]));
  for (const [name, value] of Object.entries(expect.fields)) assert.equal(fields[name] ?? '', value, name);
  assert.equal(issue.attachments.length, s.files.length);
  for (const f of s.files) {
    const stored = issue.attachments.find((a) => a.filename === f.name);
    assert.ok(stored, `${f.name} among ${issue.attachments.map((a) => a.filename)}`);
    const content = Buffer.from(await (await env.redmine.get(stored.content_url)).arrayBuffer());
    assert.equal(sha256(content), sha256(f.buffer), `${f.name} byte for byte`);
    assert.equal(stored.content_type, f.mimeType);
  }
  return issue;
}

describe('cases filed through the widget land in Redmine 5 as mapped', () => {
  for (const { locale, driver, s, attrs, expect } of scenarios) {
    test(`${locale}: subject, description, project, tracker, priority, custom fields and three files byte for byte`, async () => {
      const page = await openRedmineWidget('redmine5', locale, env.redmine.key, attrs);
      const id = await fileCase(page, driver, { ...s, idPattern: /\d+/ });
      await assertIssue(id, s, expect);
      await page.context().close();
    });
  }

  test('three files of 5 MB each, the catalog\'s limit, are taken by Redmine as the demo sets it up', async () => {
    const MB5 = 5 * 1024 * 1024;
    const png = Buffer.from('\x89PNG\r\n\x1a\n', 'latin1');
    const attached = ['one', 'two', 'three'].map((n) => ({
      name: `${n}-5mb.png`, mimeType: 'image/png', buffer: Buffer.concat([png, randomBytes(MB5 - png.length)]),
    }));
    const page = await openRedmineWidget('redmine5', 'en', env.redmine.key);
    await toReview(page, 'Three 5 MB screenshots', attached);
    await mouse.next(page);
    await waitForStep(page, 'done');
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/\d+/)[0];
    const issue = await assertIssue(id, { subject: 'Three 5 MB screenshots', description: 'Slow reads.\nSince Monday.', files: attached }, {
      project: 'Support', tracker: 'Bug', priority: 'Low', fields: { Service: 'S3 (storage)' },
    });
    for (const stored of issue.attachments) assert.equal(stored.filesize, MB5, stored.filename);
    await page.context().close();
  });

  test('a file over the limit the profile states, but under the catalog\'s, is refused at the attachments step naming the support system\'s limit', async () => {
    // Served for this test only: a portal whose Redmine takes 1 MB per file says so in its profile.
    env.portal.misconfigured('redmine5', 'redmine5-1mb', (profile) => { profile.limits.attachments.max_bytes = 1024 * 1024; });
    const page = await openRedmineWidget('redmine5-1mb', 'en', env.redmine.key);
    const twoMb = { name: 'two-mb.log', mimeType: 'text/plain', buffer: Buffer.from('x'.repeat(2 * 1024 * 1024)) };
    await toAttachmentsStep(page, 'Too big for Redmine');
    await assertContains(page.locator('case-widget #attachments-hint'), 'The support system takes files up to 1 MB each.');
    await mouse.attach(page, [twoMb]);
    await assertContains(page.locator('case-widget #attachments-refusals'), 'the support system takes files up to 1 MB each');
    await assertContains(page.locator('case-widget #attachments-refusals'), '“two-mb.log” is');
    assert.equal(await page.locator('case-widget .cw-file').count(), 0, 'nothing attached');
    await page.context().close();
  });
});

/** Fills a small case in, with `attached`, up to the review. */
async function toReview(page, subject, attached) {
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'low' });
  await answerDetailsAndFiles(page, { subject, description: 'Slow reads.\nSince Monday.', files: attached });
  await answerContactAndReview(page);
}

/** Counts the uploads the page sends, by file name; `answer` may stand in for Redmine's. */
async function watchUploads(page, answer) {
  const sent = {};
  await page.route('**/redmine/uploads.json?*', async (route) => {
    const name = new URL(route.request().url()).searchParams.get('filename');
    sent[name] = (sent[name] ?? 0) + 1;
    if (!(await answer?.(route, name, sent[name]))) await route.continue();
  });
  return sent;
}

describe('uploads lost or damaged on the way are sent again alone', () => {
  test('an upload cut off midway is retried alone, and a file already uploaded is never sent again', async () => {
    const attached = files('retry-');
    const page = await openRedmineWidget('redmine5', 'en', env.redmine.key);
    const sent = await watchUploads(page, async (route, name, n) => {
      if (name !== attached[1].name || n > 1) return false;
      await route.abort('connectionreset');
      return true;
    });
    await toReview(page, 'Upload cut off', attached);
    await mouse.next(page);
    await waitForStep(page, 'done');
    assert.deepEqual(sent, { [attached[0].name]: 1, [attached[1].name]: 2, [attached[2].name]: 1 });
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/\d+/)[0];
    await assertIssue(id, { subject: 'Upload cut off', description: 'Slow reads.\nSince Monday.', files: attached }, {
      project: 'Support', tracker: 'Bug', priority: 'Low', fields: { Service: 'S3 (storage)' },
    });
    await page.context().close();
  });

  test('an upload whose token names another SHA-256 than the file\'s is sent again before the issue is created', async () => {
    const attached = files('digest-');
    const page = await openRedmineWidget('redmine5', 'en', env.redmine.key);
    const sent = await watchUploads(page, async (route, name, n) => {
      if (name !== attached[0].name || n > 1) return false;
      // Redmine's own answer, with the digest of other bytes, as if the file arrived damaged.
      const response = await route.fetch();
      const answer = await response.json();
      answer.upload.token = `${answer.upload.token.split('.')[0]}.${'0'.repeat(64)}`;
      await route.fulfill({ response, json: answer });
      return true;
    });
    await toReview(page, 'Upload damaged', attached);
    await mouse.next(page);
    await waitForStep(page, 'done');
    assert.equal(sent[attached[0].name], 2, 'the damaged file was sent again');
    assert.equal(sent[attached[1].name], 1);
    const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/\d+/)[0];
    const issue = await env.redmine.issue(id);
    assert.equal(issue.attachments.length, 3, 'each file once');
    await page.context().close();
  });
});

describe('a case Redmine refuses is kept, with a clear message, and nothing half-done is created', () => {
  const big = { name: 'big.log', mimeType: 'text/plain', buffer: Buffer.from('x'.repeat(2 * 1024 * 1024)) };
  const log = files('')[2];
  for (const [what, profile, key, locale, attached, message, said, uploadedAgain] of [
    // Refused at its upload: the file has no token yet and goes again.
    ['a bad API key', 'redmine5', 'not-a-key', 'en', [log], 'The support system did not accept your sign-in. Sign in to the portal again', null, { [log.name]: 1 }],
    // Refused at the issue: the upload stays unattached in Redmine, and its token is used again.
    ['an unknown project', 'redmine5-unknown-project', null, 'ja', [log], 'サポートシステムがこのケースを受け付けられませんでした', 'Project cannot be blank', {}],
    ['a file over Redmine\'s size limit', 'redmine5', null, 'en', [big], 'The support system could not accept this case. Everything you entered is kept', 'exceeds the maximum allowed file size', null],
  ]) {
    test(`${what} (${locale}): message, no issue created, draft kept through a reload, then filed once fixed`, async (t) => {
      // Redmine's own limit lowered for this test alone, below what the profile states, so the
      // refusal comes from Redmine at submit.
      if (attached[0] === big) {
        env.redmine.setting('attachment_max_size', 1024);
        t.after(() => env.redmine.setting('attachment_max_size', 5120));
      }
      const before = await env.redmine.issueCount();
      const page = await openRedmineWidget(profile, 'en', key ?? env.redmine.key);
      const subject = `Refused: ${what}`;
      await toReview(page, subject, attached);
      await page.evaluate((l) => document.querySelector('case-widget').setAttribute('locale', l), locale);
      await page.locator(`case-widget .cw-root[lang="${locale}"]`).waitFor();
      await mouse.next(page);
      const failure = page.locator('case-widget .cw-failure');
      await assertContains(failure, message);
      if (said) await assertContains(failure, said);
      assert.equal(await env.redmine.issueCount(), before, 'Redmine created no issue');
      await waitForStep(page, 'review');
      await assertContains(page.locator('case-widget .cw-summary'), subject);
      if (attached[0] === big) {
        await page.context().close();
        return;
      }
      // The draft, files included, survives a reload; with a working setup it is filed once. A
      // file Redmine already took keeps its token and is not sent again.
      await page.reload();
      const sent = await watchUploads(page);
      await page.evaluate(([authorization, proof]) => {
        const widget = document.createElement('case-widget');
        for (const [k, v] of Object.entries({ endpoint: '/redmine', profile: '/case-widget/profiles/redmine5.json', plan: 'business', locale: 'en' })) widget.setAttribute(k, v);
        widget.getRequestHeaders = () => ({ Authorization: authorization, 'X-Portal-Session': proof });
        document.querySelector('case-widget')?.remove();
        document.querySelector('main').append(widget);
      }, [basic(env.redmine.key), sessionProof()]);
      await waitForStep(page, 'review');
      await assertContains(page.locator('case-widget .cw-summary'), attached[0].name);
      await mouse.next(page);
      await waitForStep(page, 'done');
      assert.equal(await env.redmine.issueCount(), before + 1);
      assert.deepEqual(sent, uploadedAgain, 'files sent again');
      const id = (await page.locator('case-widget .cw-case-id').innerText()).match(/\d+/)[0];
      const issue = await env.redmine.issue(id);
      assert.equal(issue.subject, subject);
      assert.equal(sha256(Buffer.from(await (await env.redmine.get(issue.attachments[0].content_url)).arrayBuffer())), sha256(attached[0].buffer));
      await page.context().close();
    });
  }
});
